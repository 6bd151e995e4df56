// The card being edited in place: its editor, fed from the board (the draft, conflicts, concluding).
import { changesAgainst, EDITABLE, pick } from "../../lib/conflict";
import type { Card } from "../../types";
import { useBoardContext } from "./boardContext";
import { CardEditor } from "./CardEditor";

export function EditingCard({ card }: { card: Card }) {
  const { data, edits, conclude } = useBoardContext();
  const { editing, saving, setEditing, saveChanges, stopEdit } = edits;
  if (!editing) return null;
  const current = data.byId[card.id];
  const changedBy = current && current.version > editing.base.version ? (data.lastEditor[card.id] ?? "Someone") : null;
  const concludeNow = () => conclude.ask(card, changesAgainst(EDITABLE.experiment, editing.draft, pick(editing.base, EDITABLE.experiment)) as Partial<Card>,
    editing.base.version, () => stopEdit(card.id));
  return (
    <CardEditor card={card} draft={editing.draft} busy={saving} changedMeanwhile={changedBy}
                onChange={(draft) => setEditing((e) => (e ? { ...e, draft } : e))}
                onSave={() => saveChanges(card, editing.base, editing.draft)}
                onCancel={() => stopEdit(card.id)}
                observations={data.columns.observation} budget={data.budgetByCard[card.id] ?? []}
                stories={card.kind === "experiment" ? data.columns.story : undefined}
                onConclude={concludeNow} />
  );
}
