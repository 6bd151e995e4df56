// The evidence chain read both ways from the cards a board holds: observation ← story ← experiment.
import type { Card } from "../types";

/** For each card, the ids of the live cards citing it. */
export function citedByMap(cards: Card[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of cards) for (const id of c.evidence ?? []) (out[id] ??= []).push(c.id);
  return out;
}

/** Every card linked to `card` along the chain: what it cites (and they cite), and what cites it (and them). */
export function chainOf(card: Card, byId: Record<string, Card>, citedBy: Record<string, string[]>): string[] {
  const seen = new Set<string>([card.id]);
  const walk = (ids: string[], next: (id: string) => string[]) => {
    for (const id of ids) {
      if (seen.has(id) || !byId[id]) continue;
      seen.add(id);
      walk(next(id), next);
    }
  };
  walk(card.evidence ?? [], (id) => byId[id]?.evidence ?? []);
  walk(citedBy[card.id] ?? [], (id) => citedBy[id] ?? []);
  seen.delete(card.id);
  return [...seen];
}
