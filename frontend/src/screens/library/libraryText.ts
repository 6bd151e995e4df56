// Text helpers of the library screens: typed tags, and what of the buyer a proposal still mentions.
import type { Card } from "../../types";

const TAG = /^[\p{L}\p{N}_][\p{L}\p{N}_-]{0,39}$/u;
const MAX_TAGS = 20;
// words of organisation names that say nothing about who the buyer is
const GENERIC = new Set(["the", "and", "of", "bank", "group", "ltd", "limited", "plc", "inc", "consumer", "finance",
  "financial", "insurance", "mutual", "services", "company", "holdings", "international"]);

/** Tags typed as "collections, #payday promise-to-pay": lower-cased, once each; the ones the server refuses apart. */
export function parseTags(typed: string): { tags: string[]; invalid: string[] } {
  const tags: string[] = [];
  const invalid: string[] = [];
  for (const raw of typed.split(/[\s,]+/)) {
    const tag = raw.replace(/^#+/, "").toLowerCase();
    if (!tag) continue;
    if (!TAG.test(tag)) invalid.push(raw);
    else if (!tags.includes(tag) && tags.length < MAX_TAGS) tags.push(tag);
  }
  return { tags, invalid };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mentions = (text: string, word: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, "iu").test(text);

/** Warnings for a proposal that still names the buyer, one of its people, or carries figures. */
export function buyerMentions(text: string, buyerName: string, buyerPeople: string[]): string[] {
  const out: string[] = [];
  const orgWords = buyerName.split(/\s+/).filter((w) => w.length > 2 && !GENERIC.has(w.toLowerCase()));
  const org = orgWords.find((w) => mentions(text, w));
  if (org) out.push(`It names “${org}”: the buyer.`);
  const names = new Set<string>();
  for (const person of buyerPeople) {
    for (const part of person.split(/\s+/)) if (part.length > 2 && mentions(text, part)) names.add(part);
  }
  if (names.size) out.push(`It names ${[...names].map((n) => `“${n}”`).join(", ")}: people of the buyer's side.`);
  const figures = [...new Set(text.match(/[£$€]\s?\d[\d,.]*|\d[\d,.]*\s?%|\d[\d,.]{2,}/g) ?? [])].slice(0, 4);
  if (figures.length) out.push(`It quotes figures (${figures.join(", ")}): are they the buyer's numbers?`);
  return out;
}

/** Whether a card is a learning a provider member may propose: a concluded experiment with its learning. */
export function proposable(card: Card): boolean {
  return card.kind === "experiment" && card.status === "concluded" && !!card.learned;
}
