// The input at the top of a lane: type and press Enter to add a card (shown at once as yours).
import { useState, type KeyboardEvent } from "react";
import { useToast } from "../../components/Toasts";
import { parseCapture } from "../../lib/tags";
import type { CardKind } from "../../types";
import { useBoardContext } from "./boardContext";
import { PiiHint, usePiiGuard } from "./PiiNotice";

const LABEL: Record<CardKind, string> = { observation: "Add observation", story: "Add story", experiment: "Add experiment" };
const PLACEHOLDER: Record<CardKind, string> = {
  observation: "What did you see or hear? #tag — Enter", story: "Story title — Enter", experiment: "Experiment title — Enter",
};

export function AddCard({ kind }: { kind: CardKind }) {
  const { sync, viewer } = useBoardContext();
  const toast = useToast();
  const pii = usePiiGuard(sync);
  const [value, setValue] = useState("");
  if (!viewer?.canWrite) return null;
  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") { setValue(""); return; }
    if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const typed = value.trim();
    if (!typed) return;
    setValue("");
    try {
      if (kind === "observation") {
        const { text, tags } = parseCapture(typed);
        pii.after(await sync.createCard({ kind, text, tags }, viewer.author), text);
      } else {
        await sync.createCard({ kind, title: typed.slice(0, 200) }, viewer.author);
      }
    } catch (err) {
      setValue((v) => v || typed); // give the text back: nothing typed is thrown away
      toast.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="add-card">
      <label className="visually-hidden" htmlFor={`add-${kind}`}>{LABEL[kind]}</label>
      <input id={`add-${kind}`} value={value} placeholder={PLACEHOLDER[kind]} onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown}
             maxLength={kind === "observation" ? 5000 : 200} autoComplete="off" />
      {kind === "observation" && <PiiHint text={value} />}
      {pii.element}
    </div>
  );
}
