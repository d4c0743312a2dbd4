import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { bodyObject, isUuid, queryString, stringField } from '../http/input.js';
import { jsonBody } from '../http/json-body.js';
import { createActivity } from '../services/create-activity.js';
import { createReply } from '../services/create-reply.js';
import { homeActivities } from '../services/home-activities.js';
import { notificationsActivities } from '../services/notifications-activities.js';
import { searchActivities } from '../services/search-activities.js';
import { showActivity } from '../services/show-activity.js';
import { userActivities } from '../services/user-activities.js';
import { sendResult } from './respond.js';

function activityUuid(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !isUuid(raw)) throw new HttpError(404, 'not_found', 'No activity has that id.');
  return raw;
}

/**
 * `/api/activities/*`. Fixed paths come before `/:uuid` so they are never read as ids. The home, user
 * and show routes run in the X-Ray subsegments week 2 named `activities_home`, `_users` and `_show`.
 */
export function activitiesRouter({ now, tracing }: Pick<AppDeps, 'now' | 'tracing'>): Router {
  const router = Router();

  router.get('/home', (_req, res) => {
    res.json(tracing.subsegment('activities_home', () => homeActivities(now(), tracing)));
  });

  router.get('/notifications', (_req, res) => {
    res.json(notificationsActivities(now()));
  });

  router.get('/search', (req, res) => {
    sendResult(res, searchActivities(queryString(req, 'term'), now()));
  });

  // A bare `@` answers 422 blank_user_handle rather than 404. Two plain paths instead of Express 5's
  // `@{:handle}`, so traces name the route `/api/activities/@:handle`, as the API does.
  const userActivitiesHandler: RequestHandler<{ handle?: string }> = (req, res) => {
    sendResult(
      res,
      tracing.subsegment('activities_users', () => userActivities(req.params.handle, now(), tracing)),
    );
  };
  router.get('/@', userActivitiesHandler);
  router.get('/@:handle', userActivitiesHandler);

  router.post('/', ...jsonBody, (req, res) => {
    const body = bodyObject(req);
    sendResult(res, createActivity({ message: stringField(body, 'message'), ttl: stringField(body, 'ttl') }, now()));
  });

  router.get('/:uuid', (req, res) => {
    const found = tracing.subsegment('activities_show', () => showActivity(activityUuid(req.params.uuid), now()));
    if (!found) throw new HttpError(404, 'not_found', 'No activity has that id.');
    res.json(found);
  });

  router.post('/:uuid/reply', ...jsonBody, (req, res) => {
    const uuid = activityUuid(req.params.uuid);
    sendResult(res, createReply(uuid, stringField(bodyObject(req), 'message'), now()));
  });

  return router;
}
