// Links into the board that other screens share: `/i/<initiative>?card=<id>` opens that card's drawer.
import { paths } from "../router";
import type { Notification } from "../loopTypes";

export const cardLink = (initiative: string, card: string) => `${paths.board(initiative)}?card=${encodeURIComponent(card)}`;

/** Where a notification takes you: the card, or the sponsor inbox for a request awaiting a sponsor. */
export function notificationLink(n: Notification): string {
  if (n.kind === "budget_pending") return paths.inbox(n.engagement_id);
  if (n.initiative_id && n.card_id) return cardLink(n.initiative_id, n.card_id);
  if (n.initiative_id) return paths.board(n.initiative_id);
  return paths.initiatives(n.engagement_id);
}
