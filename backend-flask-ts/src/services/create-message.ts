import type { Message } from './messages.js';
import { validated, type ServiceResult } from './result.js';
import { isBlank, messageErrors } from './text.js';
import { postByCurrentUser } from './user.js';

export const MESSAGE_MAX_CHARS = 1024;

export interface CreateMessageInput {
  userReceiverHandle: string | undefined;
  message: string | undefined;
}

export function createMessage(input: CreateMessageInput, now: Date): ServiceResult<Message> {
  const errors = [
    // The misspelling is the original API's code; the frontend matches on it.
    ...(isBlank(input.userReceiverHandle) ? ['user_reciever_handle_blank'] : []),
    ...messageErrors(input.message, MESSAGE_MAX_CHARS),
  ];
  return validated(errors, () => postByCurrentUser(input.message ?? '', now));
}
