// A live shadowing session: the clock and Finish, the capture input, and the lines captured so far.
import { useCallback, useMemo, useRef, useState } from "react";
import { errorMessage, patch } from "../../api";
import { Clock } from "../../components/Icons";
import { useToast } from "../../components/Toasts";
import { useTick } from "../../hooks";
import { timeAgo } from "../../lib/format";
import { clock, secondsBetween } from "../../lib/sessionTime";
import type { Author, BoardSync, BoardView } from "../../realtime";
import { navigate, paths } from "../../router";
import type { ObservationKind, ShadowingSession } from "../../types";
import { OBS_KIND_LABEL } from "../board/cardMeta";
import { usePiiGuard } from "../board/PiiNotice";
import { CaptureBox } from "./CaptureBox";
import { CapturedList } from "./CapturedList";
import { useCaptureWrites, type FailedLine } from "./useCaptureWrites";
import "./capture.css";

const DEFAULT_KIND: ObservationKind = "pain_point";
const KEEP_KEY = "capture.keepKind";

function storedKeep(): boolean {
  try {
    return localStorage.getItem(KEEP_KEY) === "1";
  } catch {
    return false;
  }
}

export function CaptureSession({ session, initiativeId, sync, view, author }: {
  session: ShadowingSession; initiativeId: string; sync: BoardSync; view: BoardView;
  /** this member, as their pending observations show (their side) */
  author: Author | undefined;
}) {
  const toast = useToast();
  const [line, setLine] = useState("");
  const [kind, setKind] = useState<ObservationKind>(DEFAULT_KIND);
  const [keep, setKeepState] = useState(storedKeep);
  const [announcement, setAnnouncement] = useState("");
  const [finishing, setFinishing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const refocus = useCallback(() => input.current?.focus(), []);
  const pii = usePiiGuard(sync);
  const writes = useCaptureWrites({ sync, session, author, pii, refocus, announce: setAnnouncement });
  useTick(1000);
  const captured = useMemo(
    () => view.cards.filter((c) => c.kind === "observation" && c.shadowing_session_id === session.id)
      .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? "")),
    [view.cards, session.id],
  );
  const live = session.duration_minutes === null;
  const seconds = secondsBetween(session.started_at);
  const offline = view.connection !== "live";

  const pickKind = (k: ObservationKind) => {
    setKind(k);
    setAnnouncement(`Kind: ${OBS_KIND_LABEL[k]}${keep ? ", kept for the next lines" : ""}`);
  };

  const setKeep = (v: boolean) => {
    setKeepState(v);
    try {
      localStorage.setItem(KEEP_KEY, v ? "1" : "0");
    } catch { /* private mode: the choice lasts this page only */ }
    setAnnouncement(v ? `Keep kind on: every line is ${OBS_KIND_LABEL[kind]} until you pick another` : "Keep kind off: the kind goes back to Pain point after each line");
  };

  function add() {
    const typed = line.trim();
    if (!typed || !author) return;
    setLine("");
    const next = keep ? kind : DEFAULT_KIND;
    setKind(next);
    setAnnouncement(`Sending as ${OBS_KIND_LABEL[kind]}.${next !== kind ? ` Next line: ${OBS_KIND_LABEL[next]}.` : ""}`);
    writes.add(typed, kind);
  }

  const takeBack = (l: FailedLine) => {
    setLine(l.typed);
    setKind(l.kind);
    writes.discard(l);
  };

  async function finish() {
    setFinishing(true);
    try {
      await patch(`/shadowing-sessions/${session.id}`, { version: session.version, duration_minutes: Math.max(1, Math.round(seconds / 60)) });
      toast.show({ message: `Session with ${session.host} finished: ${captured.length} observation${captured.length === 1 ? "" : "s"} captured.`, tone: "success" });
      navigate(paths.board(initiativeId));
    } catch (err) {
      toast.error(errorMessage(err));
      setFinishing(false);
    }
  }

  return (
    <div className="capture">
      <section className="capture-bar">
        <div className="capture-meta">
          {session.context && <p className="capture-context">{session.context}</p>}
          <p className="muted small">
            <Clock size={13} /> {live ? <span className="rec"><span className="rec-dot" aria-hidden="true" /> Recording · <span className="timer">{clock(seconds)}</span></span> : `Finished · ${session.duration_minutes} min`}
            {session.customer_contact && " · with customers"} · started {timeAgo(session.started_at)}
          </p>
        </div>
        {live && <button type="button" className="button" onClick={finish} disabled={finishing}>Finish session</button>}
      </section>
      <CaptureBox line={line} setLine={setLine} kind={kind} pickKind={pickKind} keep={keep} setKeep={setKeep} add={add}
                  input={input} announcement={announcement} piiNotice={pii.element} />
      <CapturedList captured={captured} startedAt={session.started_at} writes={writes} offline={offline} refocus={refocus}
                    canTakeBack={!line.trim()} takeBack={takeBack} />
    </div>
  );
}
