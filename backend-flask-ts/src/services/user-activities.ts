import { validated, type ServiceResult } from './result.js';
import { isBlank } from './text.js';
import { isoDaysFrom, isoTime } from './time.js';
import { NO_TRACING, type Tracing } from './tracing.js';

export interface UserActivity {
  uuid: string;
  handle: string;
  message: string;
  created_at: string;
  expires_at: string;
}

/** A user's activities; the mock data is traced as week 2 did: an X-Ray `mock-data` subsegment. */
export function userActivities(
  handle: string | undefined,
  now: Date,
  tracing: Tracing = NO_TRACING,
): ServiceResult<UserActivity[]> {
  const errors = isBlank(handle) ? ['blank_user_handle'] : [];
  return validated(errors, () =>
    tracing.subsegment('mock-data', (note) => {
      const results = [
        {
          uuid: '248959df-3079-4947-b847-9e0892d1bab4',
          handle: 'Andrew Brown',
          message: 'Cloud is fun!',
          created_at: isoDaysFrom(now, -1),
          expires_at: isoDaysFrom(now, 31),
        },
      ];
      note('now', isoTime(now));
      note('results-size', results.length);
      return results;
    }),
  );
}
