// What the board derives from the live view: the cards as shown (authors hidden in an anonymous
// workshop), grouped into lanes and columns, and each card's links, comments, budget and last editor.
import { useEffect, useMemo, useState } from "react";
import { chainOf, citedByMap } from "../../lib/evidence";
import { byLanePosition } from "../../lib/positions";
import { hideAuthors, orderByCluster } from "../../lib/workshop";
import type { BoardSync, BoardView } from "../../realtime";
import type { BudgetRequest, Card, ShadowingSession } from "../../types";
import type { Cluster } from "../../workshopTypes";
import { containerOf, STATUSES, type ContainerId } from "./cardMeta";
import { useBudget } from "./useBoard";
import { useCommentCounts } from "./useComments";
import type { Workshop } from "./workshop/useWorkshop";

export const CONTAINERS: ContainerId[] = ["observation", "story", ...STATUSES.map((s) => `exp:${s.value}` as ContainerId)];

export interface BoardData {
  cards: Card[];
  byId: Record<string, Card>;
  columns: Record<ContainerId, Card[]>;
  clusters: Record<string, Cluster>;
  /** ids of the cards citing each card */
  citedBy: Record<string, string[]>;
  /** every card linked along each card's evidence chain */
  chains: Record<string, string[]>;
  comments: Record<string, number>;
  budgetByCard: Record<string, BudgetRequest[]>;
  sessions: Record<string, ShadowingSession>;
  /** who last changed each card (from the live events), to say who made the version you met */
  lastEditor: Record<string, string>;
}

function group(cards: Card[], clusters: Record<string, Cluster>): Record<ContainerId, Card[]> {
  const out = Object.fromEntries(CONTAINERS.map((c) => [c, [] as Card[]])) as Record<ContainerId, Card[]>;
  for (const c of cards) out[containerOf(c)]?.push(c);
  for (const k of CONTAINERS) out[k] = orderByCluster(out[k].sort(byLanePosition), clusters);
  return out;
}

export function useBoardData(sync: BoardSync, view: BoardView, workshop: Workshop, engagementId: string | undefined): BoardData {
  const clusters = workshop.slice.clusters;
  const budget = useBudget(sync, engagementId);
  const comments = useCommentCounts(sync);
  const [lastEditor, setLastEditor] = useState<Record<string, string>>({});
  useEffect(() => sync.onBoardEvent((e) => {
    if (!e.actor) return;
    const name = e.actor.name;
    if (e.type === "card.created" || e.type === "card.updated" || e.type === "card.restored" || e.type === "card.deleted") {
      const id = e.data.id;
      setLastEditor((m) => (m[id] === name ? m : { ...m, [id]: name }));
    }
  }), [sync]);

  const cards = useMemo(() => hideAuthors(view.cards, workshop.slice.anonymous), [view.cards, workshop.slice.anonymous]);
  const columns = useMemo(() => group(cards, clusters), [cards, clusters]);
  const byId = useMemo(() => Object.fromEntries(cards.map((c) => [c.id, c])) as Record<string, Card>, [cards]);
  const sessions = useMemo(() => Object.fromEntries((view.extras?.shadowing_sessions ?? []).map((s) => [s.id, s])), [view.extras]);
  const budgetByCard = useMemo(() => {
    const out: Record<string, BudgetRequest[]> = {};
    for (const b of budget) if (b.card_id) (out[b.card_id] ??= []).push(b);
    return out;
  }, [budget]);
  const citedBy = useMemo(() => citedByMap(view.cards), [view.cards]);
  const chains = useMemo(() => Object.fromEntries(view.cards.map((c) => [c.id, chainOf(c, byId, citedBy)])), [view.cards, byId, citedBy]);
  return { cards, byId, columns, clusters, citedBy, chains, comments, budgetByCard, sessions, lastEditor };
}
