import { isoTime } from './time.js';
import { CURRENT_USER } from './user.js';

export interface Message {
  uuid: string;
  display_name: string;
  handle: string;
  message: string;
  created_at: string;
}

/** The conversation with `handle`; the mock data is the same for every handle, as in week 2. */
export function messagesWith(_handle: string, now: Date): Message[] {
  const byMe = (uuid: string, message: string): Message => ({
    uuid,
    display_name: CURRENT_USER.displayName,
    handle: CURRENT_USER.handle,
    message,
    created_at: isoTime(now),
  });
  return [
    byMe('4e81c06a-db0f-4281-b4cc-98208537772a', 'Cloud is fun!'),
    byMe('66e12864-8c26-4c3a-9658-95a10f8fea67', 'This platform is great!'),
  ];
}
