import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { bodyObject, stringField } from '../http/input.js';
import { jsonBody } from '../http/json-body.js';
import { createMessage } from '../services/create-message.js';
import { messageGroups } from '../services/message-groups.js';
import { messagesWith } from '../services/messages.js';
import { sendResult } from './respond.js';

/** `/api/message_groups` and `/api/messages/*`. */
export function messagesRouter({ now }: Pick<AppDeps, 'now'>): Router {
  const router = Router();

  router.get('/message_groups', (_req, res) => {
    res.json(messageGroups(now()));
  });

  router.get('/messages/@:handle', (req, res) => {
    res.json(messagesWith(req.params.handle, now()));
  });

  router.post('/messages', ...jsonBody, (req, res) => {
    const body = bodyObject(req);
    const input = { userReceiverHandle: stringField(body, 'user_receiver_handle'), message: stringField(body, 'message') };
    sendResult(res, createMessage(input, now()));
  });

  return router;
}
