import { validated, type ServiceResult } from './result.js';
import { isBlank } from './text.js';
import { isoTime } from './time.js';

export interface SearchHit {
  uuid: string;
  handle: string;
  message: string;
  created_at: string;
}

export function searchActivities(term: string | undefined, now: Date): ServiceResult<SearchHit[]> {
  const errors = isBlank(term) ? ['search_term_blank'] : [];
  return validated(errors, () => [
    {
      uuid: '248959df-3079-4947-b847-9e0892d1bab4',
      handle: 'Andrew Brown',
      message: 'Cloud is fun!',
      created_at: isoTime(now),
    },
  ]);
}
