import { isoTime } from './time.js';

export interface MessageGroup {
  uuid: string;
  display_name: string;
  handle: string;
  created_at: string;
}

export function messageGroups(now: Date): MessageGroup[] {
  return [
    {
      uuid: '24b95582-9e7b-4e0a-9ad1-639773ab7552',
      display_name: 'Andrew Brown',
      handle: 'andrewbrown',
      created_at: isoTime(now),
    },
    {
      uuid: '417c360e-c4e6-4fce-873b-d2d71469b4ac',
      display_name: 'Worf',
      handle: 'worf',
      created_at: isoTime(now),
    },
  ];
}
