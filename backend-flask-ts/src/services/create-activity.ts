import { validated, type ServiceResult } from './result.js';
import { isBlank, messageErrors } from './text.js';
import { isoHoursFrom } from './time.js';
import { postByCurrentUser, type Post } from './user.js';

export const ACTIVITY_MAX_CHARS = 280;

/** The frontend's time-to-live choices, in hours. */
export const TTL_HOURS: Readonly<Record<string, number>> = Object.freeze({
  '30-days': 30 * 24,
  '7-days': 7 * 24,
  '3-days': 3 * 24,
  '1-day': 24,
  '12-hours': 12,
  '3-hours': 3,
  '1-hour': 1,
});

export interface NewActivity extends Post {
  expires_at: string;
}

export interface CreateActivityInput {
  message: string | undefined;
  ttl: string | undefined;
}

export function ttlErrors(ttl: string | undefined): string[] {
  if (isBlank(ttl)) return ['ttl_blank'];
  // The original crashed (HTTP 500) on an unknown ttl; it is a validation error like the others.
  return Object.hasOwn(TTL_HOURS, ttl) ? [] : ['ttl_invalid'];
}

export function createActivity(input: CreateActivityInput, now: Date): ServiceResult<NewActivity> {
  const errors = [...ttlErrors(input.ttl), ...messageErrors(input.message, ACTIVITY_MAX_CHARS)];
  return validated(errors, () => ({
    ...postByCurrentUser(input.message ?? '', now),
    expires_at: isoHoursFrom(now, TTL_HOURS[input.ttl ?? ''] ?? 0),
  }));
}
