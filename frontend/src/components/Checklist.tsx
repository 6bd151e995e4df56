// "Getting started · 2 of 6": the engagement's first-run checklist, ticked by the server from recorded facts,
// with a way to each step. Hidden once every step is done, or when dismissed (remembered per engagement).
import { useEffect, useRef, useState } from "react";
import { useEngagementMessages } from "../engagementNews";
import { useLoad } from "../hooks";
import { Link, paths } from "../router";
import type { Checklist as ChecklistData, ChecklistStep, Initiative } from "../types";
import { Check, Close } from "./Icons";
import "./people.css";

const key = (engagementId: string) => `clb:checklist-dismissed:${engagementId}`;

function dismissed(engagementId: string): boolean {
  try { return localStorage.getItem(key(engagementId)) === "1"; } catch { return false; }
}

export function Checklist({ engagementId, initiative, onNewInitiative, canWrite, isAdmin }: {
  engagementId: string; initiative?: Initiative; onNewInitiative?(): void; canWrite: boolean; isAdmin: boolean;
}) {
  const [hidden, setHidden] = useState(() => dismissed(engagementId));
  const { data, reload } = useLoad<ChecklistData>(hidden ? null : `/engagements/${engagementId}/checklist`);

  // the steps are done elsewhere (a board, the settings screen, another browser): look again on return
  useEffect(() => {
    if (hidden) return;
    const again = () => { if (document.visibilityState === "visible") reload(); };
    window.addEventListener("focus", again);
    document.addEventListener("visibilitychange", again);
    return () => { window.removeEventListener("focus", again); document.removeEventListener("visibilitychange", again); };
  }, [hidden, reload]);
  useEngagementMessages(hidden ? null : engagementId, () => reload());
  const seen = useRef(initiative?.id);
  useEffect(() => { // a first initiative was just created: its step is done
    if (seen.current === initiative?.id) return;
    seen.current = initiative?.id;
    reload();
  }, [initiative?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (hidden || !data || data.done >= data.total) return null;

  const dismiss = () => {
    try { localStorage.setItem(key(engagementId), "1"); } catch { /* private mode: this page only */ }
    setHidden(true);
  };

  const way = (step: ChecklistStep) => {
    if (step.done) return null;
    switch (step.key) {
      case "members": return <Link to={paths.settings(engagementId)}>{isAdmin ? "Invite people" : "See who is in (an admin invites)"}</Link>;
      case "initiative":
        return canWrite && onNewInitiative ? <button type="button" className="link-button" onClick={onNewInitiative}>Create one</button> : null;
      case "kpis": return initiative ? <Link to={paths.boardPanel(initiative.id, "kpis")}>Agree KPIs on the board</Link> : null;
      case "grant": return initiative ? <Link to={paths.boardPanel(initiative.id, "access")}>Grant access on the board</Link> : null;
      case "shadowing": return initiative && canWrite ? <Link to={paths.capture(initiative.id)}>Start shadowing</Link> : null;
      case "experiment": return initiative ? <Link to={paths.board(initiative.id)}>Open the board</Link> : null;
      default: return null;
    }
  };

  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <div className="checklist-head">
        <h2 id="checklist-title">Getting started <span className="checklist-count">· {data.done} of {data.total}</span></h2>
        <div className="checklist-bar" aria-hidden="true"><span style={{ width: `${(100 * data.done) / Math.max(1, data.total)}%` }} /></div>
        <button type="button" className="icon-button" onClick={dismiss} aria-label="Dismiss the getting-started checklist"
                title="Dismiss"><Close size={16} /></button>
      </div>
      <ol className="checklist-steps">
        {data.steps.map((s) => (
          <li key={s.key} className={s.done ? "done" : ""}>
            <span className="checklist-tick" aria-hidden="true">{s.done && <Check size={13} />}</span>
            <div>
              <p className="checklist-title">{s.title}<span className="visually-hidden">{s.done ? " (done)" : " (to do)"}</span></p>
              {s.detail && <p className="checklist-detail">{s.detail}</p>}
              {way(s) && <p className="checklist-way">{way(s)}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
