/** The signed-in user until auth arrives (week 3). */
export const CURRENT_USER = { handle: 'andrewbrown', displayName: 'Andrew Brown' } as const;
