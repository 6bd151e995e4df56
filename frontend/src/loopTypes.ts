// Wire shapes of comments and notifications (docs/api.md "Comments, mentions and notifications").
import type { Side, UserBrief } from "./types";

export interface Comment {
  id: string;
  card_id: string;
  author: UserBrief;
  side: Side;
  text: string;
  /** ids of the members @mentioned */
  mentions: string[];
  created_at: string;
}

export interface CommentCount {
  card_id: string;
  count: number;
}

export type NotificationKind = "mention" | "budget_pending" | "budget_decided" | "library_pending" | "library_decided";

export interface Notification {
  id: string;
  kind: NotificationKind | string;
  text: string;
  engagement_id: string;
  initiative_id: string | null;
  card_id: string | null;
  request_id: string | null;
  actor: UserBrief | null;
  created_at: string;
  read: boolean;
}
