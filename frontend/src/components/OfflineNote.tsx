// Says that a board is shown offline: from this browser's copy (and as of when), or live until the
// connection dropped; and how many of this member's changes wait to be sent.
import type { BoardView } from "../realtime";

const hhmm = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function OfflineNote({ view, whenLive = false }: {
  view: Pick<BoardView, "keptAt" | "connection" | "pending">;
  /** also when the board was loaded live before the connection dropped */
  whenLive?: boolean;
}) {
  const waiting = view.pending ? `; ${view.pending} ${view.pending === 1 ? "change" : "changes"} waiting to send` : "";
  if (view.keptAt !== null) {
    return <p className="banner banner-offline offline-note"><strong>Offline</strong> — showing the board as of {hhmm(view.keptAt)}{waiting}.</p>;
  }
  if (whenLive && view.connection === "offline") {
    return <p className="banner banner-offline offline-note"><strong>Offline</strong> — what you capture is kept on this device and sent once the connection is back{waiting}.</p>;
  }
  return null;
}
