/** Blank means absent, empty or only white space. */
export function isBlank(value: string | undefined): value is undefined | '' {
  return value === undefined || value.trim().length === 0;
}

/** Length in user-visible characters (code points), so an emoji counts once, not twice. */
export function charCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** The codes for a message body: blank, or longer than `maxChars`. */
export function messageErrors(message: string | undefined, maxChars: number): string[] {
  if (isBlank(message)) return ['message_blank'];
  return charCount(message) > maxChars ? ['message_exceed_max_chars'] : [];
}
