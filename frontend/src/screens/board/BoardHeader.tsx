// The board's head: title and status, who is here, the connection, view-only, reports, the
// power-up meters and the side-panel tabs; and the banners when the connection is lost or revoked.
import { Avatar } from "../../components/Avatar";
import { Back, Eye, Mic, Offline, Panel } from "../../components/Icons";
import { PowerUpMeters } from "../../components/PowerUps";
import { ReportsMenu } from "../../components/ReportsMenu";
import type { Connection } from "../../realtime";
import { Link, paths } from "../../router";
import type { PresenceMember } from "../../types";
import { STATUS_LABEL as INITIATIVE_STATUS } from "../Initiatives";
import { useBoardContext } from "./boardContext";

export type PanelName = "activity" | "kpis" | "access";
const PANELS: { name: PanelName; label: string }[] = [
  { name: "activity", label: "Activity" }, { name: "kpis", label: "KPIs" }, { name: "access", label: "Access" },
];

export function BoardHeader({ panel, setPanel }: { panel: PanelName | null; setPanel(p: PanelName | null): void }) {
  const { sync, view, viewer, canWrite } = useBoardContext();
  const initiative = view.state.initiative;
  return (
    <header className="board-head">
      <div className="board-title-row">
        {initiative && (
          <Link to={paths.initiatives(initiative.engagement_id)} className="icon-button back-link" aria-label="Back to initiatives"><Back /></Link>
        )}
        <div className="board-title">
          <h1>{initiative?.title ?? "Loading the board…"}</h1>
          {initiative && <span className={`status-chip status-${initiative.status}`}>{INITIATIVE_STATUS[initiative.status]}</span>}
        </div>
        <div className="board-head-right">
          <PresenceStack members={view.presence} />
          <ConnectionPill connection={view.connection} pending={view.pending} />
          {viewer && !canWrite && <span className="readonly-chip" title="Viewers read everything and change nothing"><Eye size={14} /> View only</span>}
          {initiative && <ReportsMenu initiative={initiative} />}
          {canWrite && <Link to={paths.capture(sync.initiative)} className="button small"><Mic size={14} /> Shadowing capture</Link>}
        </div>
      </div>
      <div className="board-sub">
        <PowerUpMeters powerUps={view.extras?.power_ups} compact />
        <div className="panel-tabs" role="group" aria-label="Side panels">
          {PANELS.map((p) => (
            <button key={p.name} type="button" className={`tab ${panel === p.name ? "active" : ""}`} aria-pressed={panel === p.name}
                    onClick={() => setPanel(panel === p.name ? null : p.name)}>
              {p.label}
            </button>
          ))}
          {panel && <button type="button" className="icon-button" aria-label="Close side panel" onClick={() => setPanel(null)}><Panel size={16} /></button>}
        </div>
      </div>
    </header>
  );
}

/** Said while the connection is lost, or the sign-in is gone. */
export function ConnectionBanner({ connection }: { connection: Connection }) {
  if (connection === "offline") {
    return (
      <div className="banner banner-offline" role="alert">
        <Offline size={18} />
        <span><strong>Connection lost — reconnecting…</strong> What you change is sent once the connection is back, and the board then catches up from the event log.</span>
      </div>
    );
  }
  if (connection === "revoked") {
    return (
      <div className="banner banner-offline" role="alert">
        <span><strong>You are no longer signed in to this board.</strong> <Link to="/signin">Sign in again</Link></span>
      </div>
    );
  }
  return null;
}

function PresenceStack({ members }: { members: PresenceMember[] }) {
  if (!members.length) return null;
  const shown = members.slice(0, 6);
  return (
    <div className="presence" role="group" aria-label={`On this board now: ${members.map((m) => `${m.name} (${m.side})`).join(", ")}`}>
      {shown.map((m) => <Avatar key={m.id} name={m.name} side={m.side} title={`${m.name} — ${m.side} side${m.connections > 1 ? `, ${m.connections} tabs` : ""}`} />)}
      {members.length > shown.length && <span className="avatar avatar-md side-none">+{members.length - shown.length}</span>}
    </div>
  );
}

const CONNECTION_LABEL: Record<Connection, string> = {
  live: "Live", connecting: "Connecting…", offline: "Offline", revoked: "Signed out", error: "Error",
};

function ConnectionPill({ connection, pending }: { connection: Connection; pending: number }) {
  const label = connection === "live" && pending ? "Saving…" : CONNECTION_LABEL[connection];
  return <span className={`connection conn-${connection}`} role="status" aria-label={`Connection: ${label}`}><span className="conn-dot" aria-hidden="true" />{label}</span>;
}
