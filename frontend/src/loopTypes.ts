// Wire shapes of comments and notifications (docs/api.md "Comments, mentions and notifications"):
// aliases of the generated OpenAPI types.
import type { Schemas, Sent } from "./api/wire";
import type { Side, UserBrief } from "./types";

/** A comment; `mentions` are the ids of the members @mentioned. */
/** `author` is null while the workshop hides authors (`anonymous`); the side always shows. */
export type Comment = Sent<Schemas["Comment"], { author: UserBrief | null; side: Side }>;

export type CommentCount = Sent<Schemas["CommentCount"]>;

export type NotificationKind = "mention" | "budget_pending" | "budget_decided" | "library_pending" | "library_decided";

export type Notification = Sent<Schemas["Notification"], { kind: NotificationKind | string; actor: UserBrief | null; done: boolean }>;
