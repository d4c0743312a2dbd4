import { randomUUID } from 'node:crypto';
import { validated, type ServiceResult } from './result.js';
import { messageErrors } from './text.js';
import { isoTime } from './time.js';
import { CURRENT_USER } from './user.js';

export const REPLY_MAX_CHARS = 1024;

export interface NewReply {
  uuid: string;
  display_name: string;
  handle: string;
  message: string;
  created_at: string;
  reply_to_activity_uuid: string;
}

export function createReply(activityUuid: string, message: string | undefined, now: Date): ServiceResult<NewReply> {
  return validated(messageErrors(message, REPLY_MAX_CHARS), () => ({
    uuid: randomUUID(),
    display_name: CURRENT_USER.displayName,
    handle: CURRENT_USER.handle,
    message: message ?? '',
    created_at: isoTime(now),
    reply_to_activity_uuid: activityUuid,
  }));
}
