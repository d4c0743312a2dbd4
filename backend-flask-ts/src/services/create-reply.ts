import { validated, type ServiceResult } from './result.js';
import { messageErrors } from './text.js';
import { postByCurrentUser, type Post } from './user.js';

export const REPLY_MAX_CHARS = 1024;

export interface NewReply extends Post {
  reply_to_activity_uuid: string;
}

export function createReply(activityUuid: string, message: string | undefined, now: Date): ServiceResult<NewReply> {
  return validated(messageErrors(message, REPLY_MAX_CHARS), () => ({
    ...postByCurrentUser(message ?? '', now),
    reply_to_activity_uuid: activityUuid,
  }));
}
