// An engagement's initiatives, each with its three power-up meters.
import { useEffect, useState, type FormEvent } from "react";
import { errorMessage, get, post } from "../api";
import { Checklist } from "../components/Checklist";
import { Arrow, Mic, Plus } from "../components/Icons";
import { PendingInvitations } from "../components/PendingInvitations";
import { PowerUpMeters } from "../components/PowerUps";
import { ReportsMenu } from "../components/ReportsMenu";
import { useToast } from "../components/Toasts";
import { useLoad } from "../hooks";
import { Link, navigate, paths, useTitle } from "../router";
import { useSession } from "../session";
import type { Initiative, PowerUps } from "../types";
import { EngagementNotFound, Shell } from "./Shell";
import { can } from "../lib/capabilities";

export const STATUS_LABEL: Record<string, string> = {
  framing: "Framing", shadowing: "Shadowing", testing: "Testing", scaling: "Scaling", parked: "Parked", done: "Done",
};

export function Initiatives({ engagementId }: { engagementId: string }) {
  const { engagement, me } = useSession();
  const eng = engagement(engagementId);
  const invitations = me?.invitations ?? [];
  useTitle(eng ? eng.name : "Initiatives");
  const { data: initiatives, error, reload } = useLoad<Initiative[]>(eng ? `/engagements/${engagementId}/initiatives` : null);
  const [powerUps, setPowerUps] = useState<Record<string, PowerUps>>({});
  const [creating, setCreating] = useState(false);
  const canWrite = can(eng, "write");

  useEffect(() => {
    if (!initiatives) return;
    let live = true;
    for (const i of initiatives) {
      get<PowerUps>(`/initiatives/${i.id}/power-ups`).then((p) => live && setPowerUps((all) => ({ ...all, [i.id]: p })))
        .catch(() => undefined);
    }
    return () => { live = false; };
  }, [initiatives]);

  if (!eng) {
    return <EngagementNotFound />;
  }

  return (
    <Shell engagementId={engagementId} active="initiatives">
      <main id="main" tabIndex={-1} className="page">
        <div className="page-head">
          <div>
            <p className="eyebrow">{eng.buyer_name} <span className="x">×</span> {eng.provider_name}</p>
            <h1>Initiatives</h1>
          </div>
          {canWrite && !creating && (
            <button type="button" className="button primary" onClick={() => setCreating(true)}><Plus size={16} /> New initiative</button>
          )}
        </div>
        {invitations.length > 0 && (
          <section className="invitations-banner" id="invitations" aria-labelledby="invitations-banner-title">
            <h2 id="invitations-banner-title">
              {invitations.length === 1 ? "An invitation for you" : `${invitations.length} invitations for you`}
            </h2>
            <PendingInvitations invitations={invitations} compact />
          </section>
        )}
        {initiatives && (
          <Checklist engagementId={engagementId} initiative={initiatives[0]} canWrite={canWrite} isAdmin={can(eng, "manage_members")}
                     onNewInitiative={() => setCreating(true)} />
        )}
        {creating && <NewInitiative engagementId={engagementId} onDone={(i) => { setCreating(false); if (i) { reload(); navigate(paths.board(i.id)); } }} />}
        {error ? <div className="form-error" role="alert">{errorMessage(error)}</div> : null}
        {!initiatives && !error && <div className="skeleton-grid" aria-busy="true" aria-label="Loading initiatives"><div /><div /></div>}
        {initiatives && initiatives.length === 0 && (
          <div className="empty-state">
            <h2>No initiatives yet</h2>
            <p>An initiative is a problem worth solving together, like “reduce the cost of the collections process”.</p>
          </div>
        )}
        <ul className="initiative-grid" aria-label="Initiatives">
          {initiatives?.map((i) => (
            <li key={i.id} className="initiative-card">
              <div className="initiative-top">
                <span className={`status-chip status-${i.status}`}>{STATUS_LABEL[i.status] ?? i.status}</span>
                <span className="muted small">{i.seq} changes</span>
              </div>
              <h2 className="initiative-title"><Link to={paths.board(i.id)}>{i.title}</Link></h2>
              {i.problem && <p className="initiative-problem">{i.problem}</p>}
              {i.outcome && <p className="initiative-outcome"><strong>Outcome:</strong> {i.outcome}</p>}
              <PowerUpMeters powerUps={powerUps[i.id]} />
              <div className="initiative-actions">
                <Link to={paths.board(i.id)} className="button primary small">Open board <Arrow size={14} /></Link>
                {canWrite && <Link to={paths.capture(i.id)} className="button ghost small"><Mic size={14} /> Shadowing capture</Link>}
                <ReportsMenu initiative={i} small />
              </div>
            </li>
          ))}
        </ul>
      </main>
    </Shell>
  );
}

function NewInitiative({ engagementId, onDone }: { engagementId: string; onDone: (i: Initiative | null) => void }) {
  const toast = useToast();
  const [title, setTitle] = useState("");
  const [problem, setProblem] = useState("");
  const [outcome, setOutcome] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await post<Initiative>(`/engagements/${engagementId}/initiatives`, { title, problem, outcome }));
    } catch (err) {
      toast.error(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <form className="panel new-initiative" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onDone(null)}>
      <h2>New initiative</h2>
      <label className="field"><span>Title</span><input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus required maxLength={200} placeholder="Reduce the cost of the collections process" /></label>
      <div className="field-row">
        <label className="field"><span>Problem</span><textarea value={problem} onChange={(e) => setProblem(e.target.value)} rows={3} /></label>
        <label className="field"><span>Desired outcome</span><textarea value={outcome} onChange={(e) => setOutcome(e.target.value)} rows={3} /></label>
      </div>
      <div className="form-actions">
        <button type="button" className="button ghost" onClick={() => onDone(null)}>Cancel</button>
        <button type="submit" className="button primary" disabled={busy || !title.trim()}>Create initiative</button>
      </div>
    </form>
  );
}
