// The facilitator's one action that stops it all — the phases, timer, open round, focus, hidden authors —
// after asking; as a button of its own, or as the stepper's last step ("End") in a phased workshop.
import { useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { useWorkshopContext } from "./useWorkshop";

/** Whether there is anything for "End workshop" to end. */
export function endable(slice: NonNullable<ReturnType<typeof useWorkshopContext>>["slice"]): boolean {
  const { timer, round, anonymous, focus_card_id, phase } = slice;
  return !!(phase || timer.status !== "idle" || round || focus_card_id || anonymous);
}

export function EndButton({ className = "button small danger-outline", children = "End workshop" }: { className?: string; children?: string }) {
  const ws = useWorkshopContext()!;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!ws.canFacilitate || !endable(ws.slice)) return null;
  const { timer, round, anonymous, focus_card_id, phase } = ws.slice;
  const end = async () => {
    setBusy(true);
    const ended = await ws.endWorkshop();
    setBusy(false);
    if (ended) setAsking(false);
  };
  const running = [
    phase && "ends the phased workshop (cards still private are revealed)",
    timer.status !== "idle" && "stops the timer",
    round?.status === "open" && "reveals the open voting round",
    focus_card_id && "clears the focus",
    anonymous && "shows who wrote each card again",
  ].filter(Boolean) as string[];
  return (
    <>
      <button type="button" className={className} aria-label={children === "End workshop" ? undefined : "End workshop"}
              aria-haspopup="dialog" onClick={() => setAsking(true)}>{children}</button>
      {asking && (
        <Dialog title="End the workshop for everyone?" onClose={() => setAsking(false)} labelledBy="ws-end-title">
          <p>On every board this {running.length ? running.join(", ") : "closes the last round"}, and writes the workshop’s summary —
            who took part, what was written, the ranking and the decisions — to the activity feed and the sponsor report.</p>
          <div className="dialog-actions">
            <button type="button" className="button ghost" onClick={() => setAsking(false)} autoFocus>Keep going</button>
            <button type="button" className="button primary" onClick={end} disabled={busy}>End workshop</button>
          </div>
        </Dialog>
      )}
    </>
  );
}

/** The end as a section of the (unphased) workshop bar. */
export function EndSection() {
  const ws = useWorkshopContext()!;
  if (!ws.canFacilitate || !endable(ws.slice)) return null;
  return <div className="ws-section ws-end"><EndButton /></div>;
}
