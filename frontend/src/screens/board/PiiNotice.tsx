// The personal-data guard in the web app: a warning while typing (the server stays the guard), and
// after the server masked something, what it masked with an explicit "Keep as typed" (and back).
import { useCallback, useMemo, useState } from "react";
import { errorMessage } from "../../api";
import { ShieldAlert } from "../../components/Icons";
import { useToast } from "../../components/Toasts";
import { describePii, maskPii } from "../../lib/pii";
import type { BoardSync } from "../../realtime";
import type { Card } from "../../types";
import "./pii.css";

/** Under an input: what the server will mask when this is added. */
export function PiiHint({ text }: { text: string }) {
  const found = useMemo(() => maskPii(text).found, [text]);
  if (!found.length) return null;
  return (
    <p className="pii-hint" role="status">
      <ShieldAlert size={14} /> Looks like {describePii(found)}: it will be masked when you add this.
    </p>
  );
}

interface Notice {
  card: Card;
  typed: string;
  found: string[];
  state: "masked" | "busy" | "kept";
  error?: string;
}

/** Keep (or mask again) the text the author typed: a PATCH of that text with `keep_pii`. */
async function setKept(sync: BoardSync, card: Card, typed: string, keep: boolean): Promise<Card> {
  const current = sync.known(card.id) ?? card;
  return sync.updateCard(current, { text: typed, keep_pii: keep });
}

/** For the inputs that add observations: call `after(card, typed)` with the server's answer; render `notice`. */
export function usePiiGuard(sync: BoardSync) {
  const [notice, setNotice] = useState<Notice | null>(null);

  const after = useCallback((card: Card, typed: string) => {
    setNotice(card.pii_masked?.length ? { card, typed, found: card.pii_masked, state: "masked" } : null);
  }, []);

  const change = async (keep: boolean) => {
    if (!notice) return;
    setNotice({ ...notice, state: "busy", error: undefined });
    try {
      const card = await setKept(sync, notice.card, notice.typed, keep);
      setNotice({ ...notice, card, state: keep ? "kept" : "masked" });
    } catch (err) {
      setNotice({ ...notice, error: errorMessage(err) });
    }
  };

  const element = notice ? (
    <div className={`pii-notice ${notice.state === "kept" ? "kept" : ""}`} role="status" aria-label="Personal data">
      <ShieldAlert size={16} />
      <div className="pii-main">
        {notice.state === "kept" ? (
          <p><strong>Kept as typed.</strong> Everyone on this board can read {describePii(notice.found)} in it; the event log keeps it masked.</p>
        ) : (
          <>
            <p><strong>Masked {describePii(notice.found)}</strong> before storing.</p>
            <p className="pii-stored">Stored as “{notice.card.text}”</p>
          </>
        )}
        {notice.error && <p className="pii-error" role="alert">{notice.error}</p>}
        <div className="pii-actions">
          {notice.state === "kept" ? (
            <button type="button" className="button small" onClick={() => change(false)}>Mask again</button>
          ) : (
            <button type="button" className="button small" disabled={notice.state === "busy"} onClick={() => change(true)}
                    title="Only if the people named agreed and you need it: everyone on the board will read it">
              Keep as typed
            </button>
          )}
          <button type="button" className="button ghost small" onClick={() => setNotice(null)}>{notice.state === "kept" ? "Done" : "OK, keep it masked"}</button>
        </div>
      </div>
    </div>
  ) : null;

  return { after, element, clear: () => setNotice(null) };
}

/** After an edit in the card editor masked something: say so in a toast, with "Keep as typed". */
export function useMaskedEditToast(sync: BoardSync) {
  const toast = useToast();
  return useCallback((card: Card, typed: string | undefined) => {
    if (!card.pii_masked?.length || typed === undefined) return;
    toast.show({
      message: `Masked ${describePii(card.pii_masked)} before storing.`,
      action: {
        label: "Keep as typed",
        run: async () => {
          try {
            await setKept(sync, card, typed, true);
            toast.show({ message: "Kept as typed.", tone: "success" });
          } catch (err) {
            toast.error(errorMessage(err));
          }
        },
      },
    });
  }, [sync, toast]);
}
