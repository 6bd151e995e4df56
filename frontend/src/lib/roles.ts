// Roles in words, and the server's rules for them (docs/api.md): `sponsor` only on the buyer side, `viewer`
// holds no other role, at least one role, and the last admin keeps `admin`.
import type { Member, Role, Side } from "../types";

export const ROLES: Role[] = ["member", "sponsor", "facilitator", "admin", "viewer"];

export const ROLE_LABEL: Record<Role, string> = {
  member: "Member", sponsor: "Sponsor", facilitator: "Facilitator", admin: "Admin", viewer: "Viewer",
};

export const ROLE_HINT: Record<Role, string> = {
  member: "adds and edits cards",
  sponsor: "decides budget requests (buyer side only)",
  facilitator: "runs workshops",
  admin: "invites people and manages members",
  viewer: "reads everything, changes nothing",
};

export const SIDE_LABEL: Record<Side, string> = { buyer: "Buyer", provider: "Provider" };

/** Whether `role` may be held on `side` at all. */
export function roleAllowed(role: Role, side: Side): boolean {
  return role !== "sponsor" || side === "buyer";
}

/** Roles in the canonical order, without duplicates. */
export function sortRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}

/** Turn `role` on or off, keeping the rules: viewer is exclusive both ways, sponsor only on the buyer side. */
export function toggleRole(roles: Role[], role: Role, on: boolean, side: Side): Role[] {
  if (!on) return sortRoles(roles.filter((r) => r !== role));
  if (!roleAllowed(role, side)) return sortRoles(roles);
  if (role === "viewer") return ["viewer"];
  return sortRoles([...roles.filter((r) => r !== "viewer"), role]);
}

/** The roles that still fit after the side changed (a buyer-side sponsor invited to the provider side loses it). */
export function fitRolesToSide(roles: Role[], side: Side): Role[] {
  return sortRoles(roles.filter((r) => roleAllowed(r, side)));
}

/** Why the server would refuse these roles on this side, or null. */
export function rolesProblem(roles: Role[], side: Side): string | null {
  if (roles.length === 0) return "Choose at least one role.";
  if (roles.includes("sponsor") && side !== "buyer") return "Sponsor is a buyer-side role.";
  if (roles.includes("viewer") && roles.length > 1) return "A viewer holds no other role.";
  return null;
}

/** Whether `userId` is the only admin among `members`. */
export function isLastAdmin(members: Member[], userId: string): boolean {
  const admins = members.filter((m) => m.roles.includes("admin"));
  return admins.length === 1 && admins[0].user.id === userId;
}

/** "member", "member and admin", "member, facilitator and admin"; a viewer reads "viewer (read-only)". */
export function rolesInWords(roles: Role[]): string {
  const words = sortRoles(roles).map((r) => (r === "viewer" ? "viewer (read-only)" : r));
  if (words.length === 0) return "no role";
  if (words.length === 1) return words[0];
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
