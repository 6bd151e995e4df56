// How this person's writes stand, on every screen: "Offline · 3 waiting to send", "Sending 3…", and
// "All saved" only once the server has answered every one; a refused write is said, not dropped.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useBrowserOnline } from "../lib/online";
import { currentOutbox, getSocket, onOutboxSwitch } from "../realtime";
import type { Outbox } from "../realtime/outbox";
import "./sync-status.css";

const SAVED_SHOWN_MS = 4000;

function useOutbox(): Outbox | null {
  const outbox = useSyncExternalStore(onOutboxSwitch, currentOutbox);
  const [, redraw] = useState(0);
  useEffect(() => outbox?.subscribe(() => redraw((n) => n + 1)), [outbox]);
  return outbox;
}

/** Online as far as this page can tell: the browser says so and the socket is connected. */
function useConnected(outbox: Outbox | null): boolean {
  const online = useBrowserOnline();
  const [live, setLive] = useState(() => !!outbox && getSocket().connected);
  useEffect(() => {
    if (!outbox) return;
    const socket = getSocket(); // the shared socket of whoever is signed in
    const connected = () => setLive(true), gone = () => setLive(false);
    setLive(socket.connected);
    socket.on("connect", connected);
    socket.on("disconnect", gone);
    socket.on("connect_error", gone);
    return () => { socket.off("connect", connected); socket.off("disconnect", gone); socket.off("connect_error", gone); };
  }, [outbox]);
  return online && live;
}

export function SyncStatus() {
  const outbox = useOutbox();
  const connected = useConnected(outbox);
  const waiting = outbox?.count() ?? 0;
  const [saved, setSaved] = useState(false);
  const before = useRef(waiting);
  useEffect(() => {
    const had = before.current;
    before.current = waiting;
    if (waiting > 0) return setSaved(false);
    if (had === 0) return;
    setSaved(true);
    const t = setTimeout(() => setSaved(false), SAVED_SHOWN_MS);
    return () => clearTimeout(t);
  }, [waiting]);
  const refusals = outbox?.refusals ?? [];
  const plural = (n: number) => (n === 1 ? "change" : "changes");

  let text = "";
  if (waiting > 0) text = connected ? `Sending ${waiting}…` : `Offline · ${waiting} waiting to send`;
  else if (!connected && outbox && !navigator.onLine) text = "Offline";
  else if (saved) text = "All saved";
  return (
    <div className="sync-status-wrap">
      <div className={`sync-status ${text ? "shown" : ""} ${waiting && !connected ? "offline" : ""}`} role="status" aria-live="polite"
           data-waiting={waiting}>
        {text}
      </div>
      {refusals.length > 0 && (
        <div className="sync-refused" role="alert">
          <p>
            {refusals.length} {plural(refusals.length)} could not be saved: the server refused {refusals.length === 1 ? "it" : "them"}.
            {" "}{refusals.map((r) => r.message).join(" ")}
          </p>
          <button type="button" className="button small" onClick={() => outbox?.dismiss()}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
