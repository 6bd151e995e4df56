// Where a dragged card may land, for the pointer and for the keyboard.
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import type { DroppableContainer, KeyboardCoordinateGetter } from "@dnd-kit/core";
import type { CardKind } from "../../types";
import { KIND_LABEL, STATUSES, type ContainerId } from "./cardMeta";

type DropData = { type?: string; kind?: CardKind; container?: ContainerId } | undefined;

/**
 * Where a card of `kind` may be dropped: its own lane or column(s); an observation also on a story; any
 * card on a cluster of the tray (a cluster's group in a lane follows that lane's rule).
 */
export function canDrop(kind: CardKind | undefined, target: DroppableContainer): boolean {
  return allowed(kind, target.data.current as DropData);
}

function allowed(kind: CardKind | undefined, d: DropData): boolean {
  if (!d) return false;
  if (d.type === "cluster" && !d.container) return true;
  if (kind === "observation") return (d.type === "card" && (d.kind === "observation" || d.kind === "story")) || d.container === "observation";
  if (kind === "story") return d.container === "story";
  return typeof d.container === "string" && d.container.startsWith("exp:");
}

/** Arrow keys while dragging: the nearest allowed place in that direction, never the card itself. */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { active, droppableContainers } = args.context;
  if (!active) return undefined;
  const kind = active.data.current?.kind as CardKind | undefined;
  const view = {
    getEnabled: () => droppableContainers.getEnabled().filter((c) => c.id !== active.id && canDrop(kind, c)),
    get: (id: Parameters<typeof droppableContainers.get>[0]) => droppableContainers.get(id),
  } as unknown as typeof droppableContainers;
  return sortableKeyboardCoordinates(event, { ...args, context: { ...args.context, droppableContainers: view } });
};

/** Why a card of `kind` may not go to another lane (the pointer, the keyboard and the "Move to…" menu say it alike). */
export function refusal(kind: CardKind): string {
  return kind === "observation"
    ? "Observations stay in their lane. To cite one, drop it on a story or open the story's editor."
    : kind === "story" ? "Stories stay in their lane." : "Experiments move between the experiment columns.";
}

export interface MoveTarget { container: ContainerId; label: string; allowed: boolean }

/** Every lane and experiment column, other than the card's own, and whether a card of `kind` may go there. */
export function moveTargets(kind: CardKind, from: ContainerId): MoveTarget[] {
  const all: { container: ContainerId; label: string }[] = [
    { container: "observation", label: `${KIND_LABEL.observation}s` },
    { container: "story", label: "Stories" },
    ...STATUSES.map((s) => ({ container: `exp:${s.value}` as ContainerId, label: `Experiments: ${s.label}` })),
  ];
  return all.filter((t) => t.container !== from)
    .map((t) => ({ ...t, allowed: allowed(kind, { type: "column", container: t.container }) }));
}
