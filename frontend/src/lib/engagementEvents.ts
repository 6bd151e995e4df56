// The engagement's own log (creation, invitations, members) as readable sentences.
import type { EngagementEvent, Role, Side } from "../types";
import { rolesInWords } from "./roles";

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const roles = (v: unknown): Role[] => (Array.isArray(v) ? (v.filter((r) => typeof r === "string") as Role[]) : []);
const side = (v: unknown): Side | null => (v === "buyer" || v === "provider" ? v : null);

/** One sentence for an entry of `GET /engagements/{id}/events`; `meId` turns my own name into "You". */
export function describeEngagementEvent(event: EngagementEvent, meId?: string): string {
  const d = event.data ?? {};
  const isMe = (id: unknown) => !!meId && id === meId;
  const actor = event.actor ? (isMe(event.actor.id) ? "You" : event.actor.name) : "Someone";
  const subject = (fallback = "a member") => (isMe(d.user_id) ? "you" : str(d.name) || fallback);
  const onSide = (s: unknown) => (side(s) ? ` the ${side(s)} side` : "");
  const as = (r: unknown) => (roles(r).length ? ` as ${rolesInWords(roles(r))}` : "");
  const email = str(d.email) || "someone";
  switch (event.type) {
    case "engagement.created":
      return `${actor} started the engagement${str(d.name) ? ` “${str(d.name)}”` : ""}${side(d.side) ? ` on the ${d.side} side` : ""}.`;
    case "invitation.created":
      return `${actor} invited ${email} to${onSide(d.side) || " the engagement"}${as(d.roles)}.`;
    case "invitation.resent":
      return `${actor} sent ${d.email ? `the invitation to ${email}` : "an invitation"} again, with a new link.`;
    case "invitation.revoked":
      return `${actor} revoked ${d.email ? `the invitation to ${email}` : "an invitation"}.`;
    case "invitation.accepted": {
      const who = isMe(d.user_id) ? "You" : str(d.name) || actor;
      return `${who} accepted the invitation and joined${onSide(d.side) || " the engagement"}${as(d.roles)}.`;
    }
    case "invitation.declined":
      return `${event.actor ? actor : str(d.email) || "Someone"} declined the invitation${onSide(d.side) ? ` to${onSide(d.side)}` : ""}.`;
    case "member.roles_changed": {
      const before = roles(d.before);
      const change = before.length ? `from ${rolesInWords(before)} to ${rolesInWords(roles(d.roles))}` : `to ${rolesInWords(roles(d.roles))}`;
      const whose = isMe(d.user_id) ? "your" : `${subject()}'s`;
      return `${actor} changed ${whose} roles ${change}.`;
    }
    case "member.added": // the operator's `board member add`
      return `${event.actor ? actor : "The server's operator"} added ${subject()} to${onSide(d.side) || " the engagement"}${as(d.roles)}.`;
    case "member.removed":
      return `${actor} removed ${subject()} from the engagement.`;
    case "member.left":
      return `${isMe(d.user_id) ? "You" : str(d.name) || actor} left the engagement.`;
    default:
      return `${actor}: ${event.type.replace(/[._]/g, " ")}.`;
  }
}
