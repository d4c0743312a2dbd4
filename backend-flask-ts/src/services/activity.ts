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
