import type { Activity } from './activity.js';
import { homeActivities } from './home-activities.js';

/** The activity with its replies, as a one-item list; `undefined` when no activity has that uuid. */
export function showActivity(uuid: string, now: Date): Activity[] | undefined {
  const found = homeActivities(now).find((activity) => activity.uuid === uuid);
  return found && [found];
}
