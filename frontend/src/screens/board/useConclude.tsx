// Concluding an experiment needs its learning card: a move to Concluded without one (drag, Alt+→,
// the editor) opens the learning dialog instead of failing; the server's 422 opens it too.
import { useCallback, useState } from "react";
import { useToast } from "../../components/Toasts";
import { cardLabel } from "../../lib/format";
import { SocketError, type BoardSync } from "../../realtime";
import type { Card } from "../../types";
import { LearningDialog, type Learning } from "./LearningDialog";

interface Asking {
  card: Card;
  changes: Partial<Card>;
  version?: number;
  after?: () => void;
}

/** Whether a refused write was refused for want of a learning card. */
export function learningMissing(err: unknown): boolean {
  return err instanceof SocketError && err.code === "invalid" && !!(err.fields?.learned || err.fields?.decision);
}

export function useConclude(sync: BoardSync) {
  const toast = useToast();
  const [asking, setAsking] = useState<Asking | null>(null);

  /** Ask for the learning, then conclude with `changes` (e.g. its new lane position) on top. */
  const ask = useCallback((card: Card, changes: Partial<Card> = {}, version?: number, after?: () => void) => {
    setAsking({ card, changes, version, after });
  }, []);

  /** Take over a status change that would conclude a running experiment without its learning. */
  const intercept = useCallback((card: Card, changes: Partial<Card>): boolean => {
    if (card.kind !== "experiment" || changes.status !== "concluded" || card.status !== "running") return false;
    if ((changes.learned ?? card.learned) && (changes.decision ?? card.decision)) return false;
    ask(card, changes);
    return true;
  }, [ask]);

  const submit = async (learning: Learning) => {
    if (!asking) return;
    const current = sync.known(asking.card.id) ?? asking.card;
    const done = await sync.updateCard(current, { ...asking.changes, ...learning, status: "concluded" }, asking.version ?? current.version);
    setAsking(null);
    asking.after?.();
    toast.show({ message: `Concluded “${cardLabel(done)}” — decision: ${learning.decision}.`, tone: "success" });
  };

  const dialog = asking ? (
    <LearningDialog card={sync.known(asking.card.id) ?? asking.card}
                    initial={{ observed: asking.changes.observed ?? undefined, learned: asking.changes.learned ?? undefined,
                               decision: asking.changes.decision ?? undefined }}
                    kpis={sync.getView().extras?.kpis.kpis ?? []}
                    onSubmit={submit} onCancel={() => setAsking(null)} />
  ) : null;

  return { ask, intercept, dialog };
}
