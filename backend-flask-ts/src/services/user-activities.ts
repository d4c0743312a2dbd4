import { validated, type ServiceResult } from './result.js';
import { isBlank } from './text.js';
import { isoDaysFrom } from './time.js';

export interface UserActivity {
  uuid: string;
  handle: string;
  message: string;
  created_at: string;
  expires_at: string;
}

export function userActivities(handle: string | undefined, now: Date): ServiceResult<UserActivity[]> {
  const errors = isBlank(handle) ? ['blank_user_handle'] : [];
  return validated(errors, () => [
    {
      uuid: '248959df-3079-4947-b847-9e0892d1bab4',
      handle: 'Andrew Brown',
      message: 'Cloud is fun!',
      created_at: isoDaysFrom(now, -1),
      expires_at: isoDaysFrom(now, 31),
    },
  ]);
}
