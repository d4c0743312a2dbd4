/** The JSON shapes of activities, as the Cruddur frontend reads them. */
export interface Reply {
  uuid: string;
  reply_to_activity_uuid: string;
  handle: string;
  message: string;
  likes_count: number;
  replies_count: number;
  reposts_count: number;
  created_at: string;
}

export interface Activity {
  uuid: string;
  handle: string;
  message: string;
  created_at: string;
  expires_at: string;
  likes_count: number;
  replies_count: number;
  reposts_count: number;
  replies: Reply[];
}

type ActivityFields = Pick<Activity, 'uuid' | 'handle' | 'message' | 'created_at' | 'expires_at'> &
  Partial<Pick<Activity, 'likes_count' | 'reposts_count' | 'replies'>>;

/** Mock data: an activity whose counts default to 0 and whose `replies_count` is its replies'. */
export function mockActivity(fields: ActivityFields): Activity {
  const replies = fields.replies ?? [];
  return {
    uuid: fields.uuid,
    handle: fields.handle,
    message: fields.message,
    created_at: fields.created_at,
    expires_at: fields.expires_at,
    likes_count: fields.likes_count ?? 0,
    replies_count: replies.length,
    reposts_count: fields.reposts_count ?? 0,
    replies,
  };
}

/** Mock data: a reply to `parentUuid`, with no likes, replies or reposts of its own. */
export function mockReply(
  parentUuid: string,
  fields: Pick<Reply, 'uuid' | 'handle' | 'message' | 'created_at'>,
): Reply {
  return {
    uuid: fields.uuid,
    reply_to_activity_uuid: parentUuid,
    handle: fields.handle,
    message: fields.message,
    likes_count: 0,
    replies_count: 0,
    reposts_count: 0,
    created_at: fields.created_at,
  };
}
