import { mockActivity, mockReply, type Activity } from './activity.js';
import { isoDaysFrom, isoHoursFrom, isoTime } from './time.js';
import { NO_TRACING, type Tracing } from './tracing.js';

const CLOUD_POST_UUID = '68f126b0-1ceb-4a33-88be-d90fa7109eee';

/** The home feed, traced as week 2 did: a `home-activities-mock-data` span with the time and the count. */
export function homeActivities(now: Date, tracing: Tracing = NO_TRACING): Activity[] {
  return tracing.span('home-activities-mock-data', (note) => {
    note('app.now', isoTime(now));
    const results = mockHomeActivities(now);
    note('app.result_length', results.length);
    return results;
  });
}

/** The home feed's mock data, computed from `now` so times stay relative. */
function mockHomeActivities(now: Date): Activity[] {
  return [
    mockActivity({
      uuid: CLOUD_POST_UUID,
      handle: 'Andrew Brown',
      message: 'Cloud is very fun!',
      created_at: isoDaysFrom(now, -2),
      expires_at: isoDaysFrom(now, 5),
      likes_count: 5,
      replies: [
        mockReply(CLOUD_POST_UUID, {
          uuid: '26e12864-1c26-5c3a-9658-97a10f8fea67',
          handle: 'Worf',
          message: 'This post has no honor!',
          created_at: isoDaysFrom(now, -2),
        }),
      ],
    }),
    mockActivity({
      uuid: '66e12864-8c26-4c3a-9658-95a10f8fea67',
      handle: 'Worf',
      message: 'I am out of prune juice',
      created_at: isoDaysFrom(now, -7),
      expires_at: isoDaysFrom(now, 9),
    }),
    mockActivity({
      uuid: '248959df-3079-4947-b847-9e0892d1bab4',
      handle: 'Garek',
      message: 'My dear doctor, I am just simple tailor',
      created_at: isoHoursFrom(now, -1),
      expires_at: isoHoursFrom(now, 12),
    }),
  ];
}
