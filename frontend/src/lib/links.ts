// Where a notification leads (`paths.board(i, card)` opens that card's drawer on its board).
import { paths } from "../router";
import type { Notification } from "../loopTypes";

/** Where a notification takes you: the card; the sponsor inbox for a request awaiting a sponsor; the library for its news. */
export function notificationLink(n: Notification): string {
  if (n.kind === "budget_pending") return paths.inbox(n.engagement_id);
  if (n.kind.startsWith("library_")) return paths.library(n.engagement_id);
  if (n.initiative_id && n.card_id) return paths.board(n.initiative_id, n.card_id);
  if (n.initiative_id) return paths.board(n.initiative_id);
  return paths.initiatives(n.engagement_id);
}
