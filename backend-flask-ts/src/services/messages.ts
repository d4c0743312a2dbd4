import { postByCurrentUser, type Post } from './user.js';

export type Message = Post;

/** The conversation with `handle`; the mock data is the same for every handle, as in week 2. */
export function messagesWith(_handle: string, now: Date): Message[] {
  return [
    postByCurrentUser('Cloud is fun!', now, '4e81c06a-db0f-4281-b4cc-98208537772a'),
    postByCurrentUser('This platform is great!', now, '66e12864-8c26-4c3a-9658-95a10f8fea67'),
  ];
}
