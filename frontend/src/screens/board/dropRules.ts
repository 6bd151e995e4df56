// Where a dragged card may land, for the pointer and for the keyboard.
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import type { DroppableContainer, KeyboardCoordinateGetter } from "@dnd-kit/core";
import type { CardKind } from "../../types";
import type { ContainerId } from "./cardMeta";

type DropData = { type?: string; kind?: CardKind; container?: ContainerId } | undefined;

/**
 * Where a card of `kind` may be dropped: its own lane or column(s); an observation also on a story; any
 * card on a cluster of the tray (a cluster's group in a lane follows that lane's rule).
 */
export function canDrop(kind: CardKind | undefined, target: DroppableContainer): boolean {
  const d = target.data.current as DropData;
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
