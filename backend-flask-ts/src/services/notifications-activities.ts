import { mockActivity, mockReply, type Activity } from './activity.js';
import { isoDaysFrom } from './time.js';

const UNICORN_POST_UUID = '68f126b0-1ceb-4a33-88be-d90fa7109eee';

export function notificationsActivities(now: Date): Activity[] {
  return [
    mockActivity({
      uuid: UNICORN_POST_UUID,
      handle: 'coco',
      message: 'I am white unicorn',
      created_at: isoDaysFrom(now, -2),
      expires_at: isoDaysFrom(now, 5),
      likes_count: 5,
      replies: [
        mockReply(UNICORN_POST_UUID, {
          uuid: '26e12864-1c26-5c3a-9658-97a10f8fea67',
          handle: 'worf',
          message: 'This post has no honor!',
          created_at: isoDaysFrom(now, -2),
        }),
      ],
    }),
  ];
}
