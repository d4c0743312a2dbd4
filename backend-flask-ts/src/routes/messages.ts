import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { bodyObject, stringField } from '../http/input.js';
import { jsonBody } from '../http/json-body.js';
import { createMessage } from '../services/create-message.js';
import { messageGroups } from '../services/message-groups.js';
import { messagesWith } from '../services/messages.js';
import { sendResult } from './respond.js';

/** `/api/message_groups`. */
export function messageGroupsRouter({ now }: Pick<AppDeps, 'now'>): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json(messageGroups(now()));
  });
  return router;
}

/** `/api/messages/*`. */
export function messagesRouter({ now }: Pick<AppDeps, 'now'>): Router {
  const router = Router();

  router.get('/@:handle', (req, res) => {
    res.json(messagesWith(req.params.handle, now()));
  });

  router.post('/', ...jsonBody, (req, res) => {
    const body = bodyObject(req);
    const input = {
      userReceiverHandle: stringField(body, 'user_receiver_handle'),
      message: stringField(body, 'message'),
    };
    sendResult(res, createMessage(input, now()));
  });

  return router;
}
