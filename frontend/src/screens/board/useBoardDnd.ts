// Drag and drop on the board (mouse, touch, keyboard): reorder within a lane, change an experiment's
// status across columns, cite an observation by dropping it on a story, join a cluster.
import {
  closestCenter, KeyboardSensor, PointerSensor, pointerWithin, TouchSensor, useSensor, useSensors, type Announcements,
  type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent,
} from "@dnd-kit/core";
import { arrayMove } from "@dnd-kit/sortable";
import { useCallback, useEffect, useRef, useState } from "react";
import { useToast } from "../../components/Toasts";
import { cardLabel } from "../../lib/format";
import { clusterDrop, clusterOf } from "../../lib/workshop";
import type { BoardSync } from "../../realtime";
import type { Card, CardKind, ExperimentStatus } from "../../types";
import type { Cluster } from "../../workshopTypes";
import { cardAriaLabel, type ContainerId } from "./cardMeta";
import { boardKeyboardCoordinates, canDrop } from "./dropRules";
import { CONTAINERS, type BoardData } from "./useBoardData";
import { learningMissing, type useConclude } from "./useConclude";
import type { Workshop } from "./workshop/useWorkshop";

export const INSTRUCTIONS = "Press Space to pick up the card, the arrow keys to move it, Space to drop it, Escape to cancel. " +
  "Or: Alt with the up and down arrows moves it within its column, Alt with left and right moves an experiment to the previous or next status; its Move to… button lists the lanes. " +
  "Enter edits the card; C opens its comments and evidence chain; Delete removes it (with undo). "
  + "In a workshop: plus and minus add or take back a vote, G puts the card in a cluster, F (facilitators) focuses everyone on it.";

type Over = { type?: string; kind?: CardKind; clusterId?: string; container?: ContainerId } | undefined;

const describe = (card: Card | undefined) => (card ? cardAriaLabel(card) : "the card");

function overName(id: string | number, byId: Record<string, Card>, clusters: Record<string, Cluster>) {
  const s = String(id);
  if (byId[s]) return byId[s].kind === "story" ? `story “${cardLabel(byId[s])}” (drop to cite as evidence)` : `“${cardLabel(byId[s])}”`;
  const cluster = /^(cluster|group):/.test(s) ? clusters[s.split(":").pop()!] : undefined;
  if (cluster) return `the cluster “${cluster.label}” (drop to add the card to it)`;
  const c = s.replace(/^col:/, "");
  if (c.startsWith("exp:")) return `the ${c.slice(4)} column`;
  return `the ${c} lane`;
}

const containerIn = (items: Record<ContainerId, string[]>, id: string): ContainerId | null =>
  (Object.keys(items) as ContainerId[]).find((k) => items[k].includes(id)) ?? null;

interface Needs {
  sync: BoardSync;
  data: BoardData;
  workshop: Workshop;
  conclude: ReturnType<typeof useConclude>;
  cite(story: Card, observation: Card): void;
}

export function useBoardDnd({ sync, data, workshop, conclude, cite }: Needs) {
  const toast = useToast();
  const { byId, columns, clusters } = data;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: boardKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );
  const [activeId, setActiveId] = useState<string | null>(null);
  const [dragItems, setDragItems] = useState<Record<ContainerId, string[]> | null>(null);
  const [citeTarget, setCiteTarget] = useState<string | null>(null);

  const itemsOf = (c: ContainerId) => dragItems?.[c] ?? columns[c].map((x) => x.id);

  // after moving a card to another column, hold the current target for a frame: the layout shifts
  // under the pointer and would otherwise bounce the card between columns
  const recentlyMoved = useRef(false);
  const lastOver = useRef<string | null>(null);
  useEffect(() => {
    const id = requestAnimationFrame(() => { recentlyMoved.current = false; });
    return () => cancelAnimationFrame(id);
  }, [dragItems]);

  const collisionDetection: CollisionDetection = useCallback((args) => {
    if (recentlyMoved.current && lastOver.current) return [{ id: lastOver.current }];
    const kind = args.active.data.current?.kind as CardKind | undefined;
    const allowed = args.droppableContainers.filter((c) => canDrop(kind, c));
    const scoped = { ...args, droppableContainers: allowed };
    let hits = pointerWithin(scoped);
    if (hits.length) { // a card first, then a cluster, then a lane or column
      const rank = (h: (typeof hits)[number]) => ({ card: 0, cluster: 1 })[h.data?.droppableContainer?.data?.current?.type as string] ?? 2;
      const best = Math.min(...hits.map(rank));
      hits = hits.filter((h) => rank(h) === best);
    } else {
      hits = closestCenter(scoped);
    }
    lastOver.current = hits.length ? String(hits[0].id) : null;
    return hits;
  }, []);

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(String(active.id));
    setDragItems(Object.fromEntries(CONTAINERS.map((c) => [c, columns[c].map((x) => x.id)])) as Record<ContainerId, string[]>);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const card = byId[String(active.id)];
    if (!card || !over) return setCiteTarget(null);
    const o = over.data.current as Over;
    if (card.kind === "observation") {
      setCiteTarget(o?.type === "card" && o.kind === "story" ? String(over.id) : null);
      return;
    }
    if (card.kind !== "experiment" || !o?.container?.startsWith("exp:") || over.id === active.id) return;
    setDragItems((items) => {
      if (!items) return items;
      const from = containerIn(items, card.id);
      // where the card is over *now* (a card's own data says where it was before this drag)
      const to = o.type === "card" ? containerIn(items, String(over.id)) : o.container!;
      if (!from || !to || from === to) return items;
      recentlyMoved.current = true;
      const dest = items[to].filter((x) => x !== card.id);
      const at = dest.indexOf(String(over.id));
      dest.splice(at >= 0 ? at : dest.length, 0, card.id);
      return { ...items, [from]: items[from].filter((x) => x !== card.id), [to]: dest };
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const items = dragItems;
    setActiveId(null);
    setDragItems(null);
    setCiteTarget(null);
    const card = byId[String(active.id)];
    if (!card || !over || !items) return;
    const o = over.data.current as Over;
    if (card.kind === "observation" && o?.type === "card" && o.kind === "story") {
      const story = byId[String(over.id)];
      if (story) cite(story, card);
      return;
    }
    const container = containerIn(items, card.id);
    if (o?.type === "cluster" && o.clusterId) { // on a cluster: joins it (in a lane's group, also that column's status)
      const status = o.container?.startsWith("exp:") ? (o.container.slice(4) as ExperimentStatus) : undefined;
      workshop.joinCluster(card, o.clusterId, status && status !== (card.status ?? "draft") ? { status } : {});
      return;
    }
    if (!container) return;
    let list = items[container];
    const from = list.indexOf(card.id);
    const overIndex = list.indexOf(String(over.id));
    if (overIndex >= 0 && overIndex !== from) list = arrayMove(list, from, overIndex);
    const status = container.startsWith("exp:") ? (container.slice(4) as ExperimentStatus) : undefined;
    const statusChanged = card.kind === "experiment" && status !== (card.status ?? "draft");
    const original = columns[container].map((c) => c.id);
    // dropped on a card of a cluster, it joins that cluster; on an unclustered card, it leaves its own
    const placed = clusterDrop(list, card.id, byId[String(over.id)] ? String(over.id) : null, byId, clusters);
    const clusterChanged = placed.cluster_id !== clusterOf(card, clusters);
    if (!statusChanged && !clusterChanged && original.join() === list.join()) return;
    const changes: Partial<Card> = statusChanged ? { status, lane_position: placed.lane_position } : { lane_position: placed.lane_position };
    if (conclude.intercept(card, changes)) return; // concluding asks for the learning card first
    if (clusterChanged) return workshop.joinCluster(card, placed.cluster_id, changes);
    sync.updateCard(card, changes)
      .catch((err) => learningMissing(err) ? conclude.ask(card, changes) : toast.error(err instanceof Error ? err.message : String(err)));
  };

  const onDragCancel = () => {
    setActiveId(null);
    setDragItems(null);
    setCiteTarget(null);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(byId[String(active.id)])}.`,
    onDragOver: ({ active, over }) => over ? `${describe(byId[String(active.id)])} is over ${overName(over.id, byId, clusters)}.` : "Not over a place to drop.",
    onDragEnd: ({ active, over }) => over ? `Dropped ${describe(byId[String(active.id)])} on ${overName(over.id, byId, clusters)}.` : "Dropped back where it was.",
    onDragCancel: ({ active }) => `Cancelled. ${describe(byId[String(active.id)])} is back where it was.`,
  };

  return {
    /** spread on `DndContext` */
    context: {
      sensors, collisionDetection, onDragStart, onDragOver, onDragEnd, onDragCancel,
      accessibility: { announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } },
    },
    activeCard: activeId ? byId[activeId] : null,
    citeTarget,
    itemsOf,
  };
}
