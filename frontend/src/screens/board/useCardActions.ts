// What a member does to cards on the board: edit in place (with conflicts), delete with undo, move by
// keyboard or the "Move to…" menu, cite an observation as a story's evidence.
import { useCallback, useMemo, useState } from "react";
import { useToast } from "../../components/Toasts";
import { changesAgainst, EDITABLE, pick, type Values } from "../../lib/conflict";
import { cardLabel } from "../../lib/format";
import { positionBetween, positionForIndex } from "../../lib/positions";
import { clusterOf } from "../../lib/workshop";
import { SocketError, type BoardSync } from "../../realtime";
import type { Card, ExperimentStatus } from "../../types";
import { containerOf, STATUSES, type ContainerId } from "./cardMeta";
import { moveTargets, refusal } from "./dropRules";
import type { CardActions } from "./CardView";
import type { ConflictState } from "./ConflictDialog";
import { deleteWithUndo } from "./deleteWithUndo";
import type { BoardData } from "./useBoardData";
import type { useConclude } from "./useConclude";
import type { useMaskedEditToast } from "./PiiNotice";

export interface Editing {
  id: string;
  base: Card;
  draft: Values;
}

export interface CardEditing {
  editing: Editing | null;
  setEditing(e: Editing | null | ((e: Editing | null) => Editing | null)): void;
  saving: boolean;
  conflict: ConflictState | null;
  setConflict(c: ConflictState | null): void;
  stopEdit(id?: string): void;
  saveChanges(card: Card, base: Card, wanted: Values): Promise<void>;
}

/** Focus a card's body once it is rendered (after a move it may be a new element). */
export function focusCard(id: string) {
  let tries = 0;
  const attempt = () => {
    const el = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(id)}"] .card-body`);
    if (el) el.focus();
    else if (tries++ < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Needs {
  sync: BoardSync;
  data: BoardData;
  canWrite: boolean;
  conclude: ReturnType<typeof useConclude>;
  maskedEdit: ReturnType<typeof useMaskedEditToast>;
  highlight(ids: string[] | null): void;
  open(card: Card | string, comment?: boolean): void;
  propose?(card: Card): void;
}

export function useCardActions({ sync, data, canWrite, conclude, maskedEdit, highlight, open, propose }: Needs) {
  const toast = useToast();
  const { byId, columns, clusters, lastEditor } = data;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<ConflictState | null>(null);

  const startEdit = useCallback((card: Card) => {
    if (!canWrite) return;
    setEditing({ id: card.id, base: card, draft: pick(card, EDITABLE[card.kind]) });
  }, [canWrite]);

  const stopEdit = useCallback((id?: string) => {
    setEditing(null);
    setConflict(null);
    if (id) focusCard(id);
  }, []);

  const saveChanges = useCallback(async (card: Card, base: Card, wanted: Values) => {
    const fields = EDITABLE[card.kind];
    const changes = changesAgainst(fields, wanted, pick(base, fields));
    if (Object.keys(changes).length === 0) return stopEdit(card.id);
    setSaving(true);
    try {
      const saved = await sync.updateCard(byId[card.id] ?? base, changes as Partial<Card>, base.version);
      stopEdit(card.id);
      maskedEdit(saved, changes.text as string | undefined);
    } catch (err) {
      if (err instanceof SocketError && err.code === "stale_version" && err.current) {
        setConflict({ card: base, base: pick(base, fields), mine: wanted, theirs: err.current as unknown as Card, by: lastEditor[card.id] });
      } else if (err instanceof SocketError && err.code === "not_found") {
        toast.error("This card was deleted while you were editing. Your text is still in the editor: copy it if you need it.");
      } else {
        toast.error(message(err));
      }
    } finally {
      setSaving(false);
    }
  }, [sync, byId, stopEdit, toast, maskedEdit, lastEditor]);

  const remove = useCallback(async (card: Card) => {
    const list = columns[containerOf(card)];
    const idx = list.findIndex((c) => c.id === card.id);
    const neighbour = list[idx + 1] ?? list[idx - 1];
    await deleteWithUndo(sync, toast, card, {
      deleted: () => { if (neighbour) focusCard(neighbour.id); },
      restored: () => focusCard(card.id),
    });
  }, [sync, columns, toast]);

  /** Put a card at `idx` (or the end) of another lane or column, if the drop rules allow it; says where it went. */
  const moveTo = useCallback(async (card: Card, container: ContainerId, idx?: number) => {
    const target = moveTargets(card.kind, containerOf(card)).find((t) => t.container === container);
    if (!target?.allowed) {
      if (target) toast.show({ message: refusal(card.kind) });
      return false;
    }
    const status = container.slice(4) as ExperimentStatus;
    const dest = columns[container];
    const at = Math.min(idx ?? dest.length, dest.length);
    const pos = positionBetween(dest[at - 1]?.lane_position, dest[at]?.lane_position);
    if (conclude.intercept(card, { status, lane_position: pos })) return true;
    await sync.updateCard(card, { status, lane_position: pos });
    toast.show({ message: `Moved “${cardLabel(card)}” to ${target.label}.`, tone: "success" });
    return true;
  }, [columns, sync, toast, conclude]);

  const move = useCallback(async (card: Card, dir: "up" | "down" | "left" | "right") => {
    const list = columns[containerOf(card)];
    const idx = list.findIndex((c) => c.id === card.id);
    try {
      if (dir === "up" || dir === "down") {
        const mates = list.filter((c) => clusterOf(c, clusters) === clusterOf(card, clusters)); // within its cluster's group
        const at = mates.findIndex((c) => c.id === card.id);
        const to = dir === "up" ? at - 1 : at + 1;
        if (to < 0 || to >= mates.length) return;
        const pos = positionForIndex(mates, card.id, to);
        if (pos !== null) await sync.updateCard(card, { lane_position: pos });
      } else {
        if (card.kind !== "experiment") {
          toast.show({ message: refusal(card.kind) });
          return;
        }
        const si = STATUSES.findIndex((s) => s.value === (card.status ?? "draft"));
        const target = STATUSES[dir === "left" ? si - 1 : si + 1];
        if (target) await moveTo(card, `exp:${target.value}`, idx);
      }
    } catch (err) {
      toast.error(message(err));
    } finally {
      focusCard(card.id);
    }
  }, [columns, clusters, sync, toast, moveTo]);

  /** The "Move to…" menu's choice: like a drop there (WCAG 2.5.7's alternative to dragging). */
  const moveToLane = useCallback(async (card: Card, container: ContainerId) => {
    try {
      await moveTo(card, container);
    } catch (err) {
      toast.error(message(err));
    } finally {
      focusCard(card.id);
    }
  }, [moveTo, toast]);

  const cite = useCallback(async (story: Card, observation: Card) => {
    const have = story.evidence ?? [];
    if (have.includes(observation.id)) {
      toast.show({ message: `Already cited by “${cardLabel(story)}”.` });
      return;
    }
    try {
      try {
        await sync.updateCard(story, { evidence: [...have, observation.id] });
      } catch (err) {
        if (!(err instanceof SocketError && err.code === "stale_version" && err.current)) throw err;
        const current = err.current as unknown as Card; // adding a citation commutes: add it to the current list
        await sync.updateCard(current, { evidence: [...new Set([...(current.evidence ?? []), observation.id])] });
      }
      toast.show({ message: `Cited as evidence for “${cardLabel(story)}”.`, tone: "success" });
    } catch (err) {
      toast.error(message(err));
    }
  }, [sync, toast]);

  const actions: CardActions = useMemo(() => ({ edit: startEdit, remove, move, moveTo: moveToLane, highlight, open, propose }),
    [startEdit, remove, move, moveToLane, highlight, open, propose]);
  const edits: CardEditing = { editing, setEditing, saving, conflict, setConflict, stopEdit, saveChanges };
  return { actions, cite, edits };
}
