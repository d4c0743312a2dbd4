import { randomUUID } from 'node:crypto';
import { isoTime } from './time.js';

/** The signed-in user until auth arrives (week 3). */
export const CURRENT_USER = { handle: 'andrewbrown', displayName: 'Andrew Brown' } as const;

/** What every post of the signed-in user carries: activities, replies and messages alike. */
export interface Post {
  uuid: string;
  display_name: string;
  handle: string;
  message: string;
  created_at: string;
}

/** A post by the signed-in user at `now`; a new uuid unless one is given (mock data has fixed ones). */
export function postByCurrentUser(message: string, now: Date, uuid: string = randomUUID()): Post {
  return {
    uuid,
    display_name: CURRENT_USER.displayName,
    handle: CURRENT_USER.handle,
    message,
    created_at: isoTime(now),
  };
}
