// @mentions in comments, read as the server reads them (board/services/notifications.py): `@first.last`
// (the e-mail's local part) or a unique `@Firstname` names a member of the engagement.
import type { Member } from "../types";

const W = "\\p{L}\\p{N}_";
const MENTION = new RegExp(`(?<![${W}@])@([${W}][${W}.\\-]*[${W}]|[${W}])`, "gu");
/** An `@query` being typed right before the caret. */
const TYPING = new RegExp(`(?:^|[^${W}@])@([${W}.\\-]{0,40})$`, "u");

export const handleOf = (m: Member): string => (m.user.email ?? "").split("@")[0] || m.user.name.split(/\s+/)[0];
const firstName = (m: Member) => (m.user.name.split(/\s+/)[0] ?? "").toLowerCase();

/** The member a handle names, if any (the e-mail's local part, or a first name no one else has). */
export function resolveHandle(handle: string, members: Member[]): Member | undefined {
  const h = handle.toLowerCase();
  const byLocal = members.find((m) => (m.user.email ?? "").split("@")[0].toLowerCase() === h);
  if (byLocal) return byLocal;
  const byFirst = members.filter((m) => firstName(m) === h);
  return byFirst.length === 1 ? byFirst[0] : undefined;
}

export type MentionToken = { kind: "text"; value: string } | { kind: "mention"; value: string; member: Member };

/** Split a comment into text and the mentions of members (unknown handles stay text). */
export function tokenizeMentions(text: string, members: Member[]): MentionToken[] {
  const out: MentionToken[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    const member = resolveHandle(m[1], members);
    if (!member) continue;
    const start = m.index ?? 0;
    if (start > last) out.push({ kind: "text", value: text.slice(last, start) });
    out.push({ kind: "mention", value: m[0], member });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ kind: "text", value: text.slice(last) });
  return out;
}

/** The `@query` the caret is in, with where its `@` starts; null when not typing a mention. */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const m = TYPING.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[1].length - 1, query: m[1] };
}

/** Members matching what is typed after `@`: name or handle prefixes first; never oneself. */
export function suggestMembers(query: string, members: Member[], selfId?: string, limit = 6): Member[] {
  const q = query.toLowerCase();
  const score = (m: Member): number => {
    const handle = handleOf(m).toLowerCase();
    const name = m.user.name.toLowerCase();
    if (!q) return 1;
    if (handle.startsWith(q) || name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q)) || handle.split(/[.\-_]/).some((w) => w.startsWith(q))) return 1;
    return -1;
  };
  return members
    .filter((m) => m.user.id !== selfId)
    .map((m) => ({ m, s: score(m) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.m.user.name.localeCompare(b.m.user.name))
    .slice(0, limit)
    .map((x) => x.m);
}

/** Replace the `@query` at `start..caret` with the member's handle and a space. */
export function insertMention(text: string, start: number, caret: number, member: Member): { text: string; caret: number } {
  const insert = `@${handleOf(member)} `;
  const after = text.slice(caret).replace(/^[^\s]*/, ""); // the rest of a half-typed handle goes too
  return { text: text.slice(0, start) + insert + after.replace(/^ /, ""), caret: start + insert.length };
}
