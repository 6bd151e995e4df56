// The shared timer: a big countdown on the server's clock (so every screen agrees, whatever its own clock
// says), and the facilitator's presets, custom minutes, pause/resume, +1 min and reset.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTick } from "../../../hooks";
import { parseNumber } from "../../../lib/numbers";
import { formatClock, formatDuration, remainingMs } from "../../../lib/workshop";
import { useWorkshopContext } from "./useWorkshop";

const PRESETS = [3, 5, 10];

/** `compact`: in a phased workshop, where each step sets its own timer, an idle timer offers only its presets. */
export function TimerSection({ compact }: { compact?: boolean }) {
  const ws = useWorkshopContext()!;
  const { timer } = ws.slice;
  useTick(timer.status === "running" ? 250 : 60_000);
  const left = remainingMs(timer, Date.now() + ws.offset);
  const done = timer.status === "running" && left === 0;
  const [say, setSay] = useState("");
  const was = useRef({ status: timer.status, done });
  useEffect(() => {
    // a few words for screen readers when the timer changes (the digits themselves are not announced)
    const before = was.current;
    if (done && !before.done) setSay("Time is up.");
    else if (timer.status !== before.status) {
      setSay(timer.status === "running" ? `Timer started: ${formatDuration(Math.round((left ?? 0) / 1000))}.` :
        timer.status === "paused" ? "Timer paused." : "Timer reset.");
    }
    was.current = { status: timer.status, done };
  }, [timer.status, done, left]);

  if (timer.status === "idle" && !ws.canFacilitate) return null;
  const duration = (timer.duration_seconds ?? 0) * 1000;
  const fraction = duration && left !== null ? Math.min(1, left / duration) : 0;
  const clock = left === null ? null : formatClock(left);
  return (
    <section className={`ws-section ws-timer-section ${done ? "done" : ""}`} aria-label="Timer">
      {clock !== null && (
        <div className={`ws-timer status-${timer.status}`}>
          <span className="ws-clock" role="timer" aria-label={done ? "Time is up" : `${clock} left${timer.status === "paused" ? ", paused" : ""}`}
                data-testid="workshop-clock">{clock}</span>
          <span className="ws-timer-state">{done ? "Time’s up" : timer.status === "paused" ? "Paused" : "left"}</span>
          <span className="ws-progress" aria-hidden="true"><span style={{ width: `${fraction * 100}%` }} /></span>
        </div>
      )}
      <span className="visually-hidden" aria-live="polite">{say}</span>
      {ws.canFacilitate && <TimerControls running={timer.status === "running"} paused={timer.status === "paused"} idle={timer.status === "idle"}
                                          compact={compact} />}
    </section>
  );
}

function TimerControls({ running, paused, idle, compact }: { running: boolean; paused: boolean; idle: boolean; compact?: boolean }) {
  const ws = useWorkshopContext()!;
  const [minutes, setMinutes] = useState("");
  const typed = parseNumber(minutes, "Custom minutes");
  const m = typed.ok ? typed.value : NaN; // read the locale's way: "1,5" is 1.5 in German, refused in English
  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!(m > 0 && m <= 240)) return;
    ws.timer("start", Math.round(m * 60));
    setMinutes("");
  };
  if (idle && compact) {
    return (
      <div className="ws-controls" role="group" aria-label="Start the timer">
        {PRESETS.slice(1).map((m) => (
          <button key={m} type="button" className="button small ghost" onClick={() => ws.timer("start", m * 60)} title={`Start a ${m} minute timer`}>
            {m} min<span className="visually-hidden"> timer</span>
          </button>
        ))}
      </div>
    );
  }
  if (idle) {
    return (
      <div className="ws-controls" role="group" aria-label="Start the timer">
        <span className="ws-label">Timer</span>
        {PRESETS.map((m) => (
          <button key={m} type="button" className="button small" onClick={() => ws.timer("start", m * 60)} aria-label={`Start a ${m} minute timer`}>{m} min</button>
        ))}
        <form className="ws-custom" onSubmit={start}>
          <label className="visually-hidden" htmlFor="ws-minutes">Custom minutes</label>
          <input id="ws-minutes" inputMode="decimal" placeholder="min" value={minutes} onChange={(e) => setMinutes(e.target.value)}
                 aria-describedby="ws-minutes-hint" />
          <span id="ws-minutes-hint" className="visually-hidden">Between 1 second and 240 minutes; Enter starts.</span>
          <button type="submit" className="button small" disabled={!(m > 0 && m <= 240)}>Start</button>
        </form>
      </div>
    );
  }
  return (
    <div className="ws-controls" role="group" aria-label="Timer controls">
      {running && <button type="button" className="button small" onClick={() => ws.timer("pause")}>Pause</button>}
      {paused && <button type="button" className="button small primary" onClick={() => ws.timer("start")}>Resume</button>}
      <button type="button" className="button small" onClick={() => ws.timer("add", 60)}>+1 min</button>
      {!compact && <button type="button" className="button small ghost" onClick={() => ws.timer("reset")}>Reset</button>}
    </div>
  );
}
