// Start a shadowing session (host, context, customer contact), beside the sessions already held.
import { useEffect, useState, type FormEvent } from "react";
import { errorMessage, post } from "../../api";
import { Byline } from "../../components/Avatar";
import { Mic } from "../../components/Icons";
import { useToast } from "../../components/Toasts";
import { shortDate } from "../../lib/format";
import { useBrowserOnline } from "../../lib/online";
import { Link, navigate, paths } from "../../router";
import type { ShadowingSession } from "../../types";

type Draft = { host: string; context: string };

function readDraft(key: string): Draft {
  try {
    const d = JSON.parse(localStorage.getItem(key) ?? "{}");
    return { host: typeof d.host === "string" ? d.host : "", context: typeof d.context === "string" ? d.context : "" };
  } catch {
    return { host: "", context: "" };
  }
}

function writeDraft(key: string, d: Draft) {
  try {
    if (d.host || d.context) localStorage.setItem(key, JSON.stringify(d));
    else localStorage.removeItem(key);
  } catch { /* private mode: this page only */ }
}

export function StartSession({ initiativeId, sessions, customersGrant, onStarted }: {
  initiativeId: string; sessions: ShadowingSession[]; customersGrant: boolean; providerName?: string; onStarted(s: ShadowingSession): void;
}) {
  const toast = useToast();
  const draftKey = `board:session-draft:${initiativeId}`;
  const [draft] = useState(() => readDraft(draftKey));
  const [host, setHost] = useState(draft.host);
  const [context, setContext] = useState(draft.context);
  const online = useBrowserOnline();
  // what is typed here survives a reload (and waits while offline) until the session starts
  useEffect(() => writeDraft(draftKey, { host, context }), [draftKey, host, context]);
  const [contact, setContact] = useState(false);
  const [busy, setBusy] = useState(false);
  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const s = await post<ShadowingSession>(`/initiatives/${initiativeId}/shadowing-sessions`, {
        host: host.trim(), context: context.trim(), customer_contact: contact, started_at: new Date().toISOString(),
      });
      writeDraft(draftKey, { host: "", context: "" });
      onStarted(s);
      navigate(paths.capture(initiativeId, s.id));
    } catch (err) {
      toast.error(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <div className="capture-start">
      <form className="panel start-form" onSubmit={start} aria-labelledby="start-title">
        <h2 id="start-title"><Mic size={18} /> Start a shadowing session</h2>
        <p className="muted">Sit beside someone doing the work. Start the session, then capture what you see, one line at a time.</p>
        <label className="field"><span>Host</span>
          <input value={host} onChange={(e) => setHost(e.target.value)} required maxLength={200} autoFocus placeholder="Who are you shadowing? e.g. Marta Silva, early-arrears agent" />
        </label>
        <label className="field"><span>Context</span>
          <textarea value={context} onChange={(e) => setContext(e.target.value)} rows={2} placeholder="Where and what: team, queue, screens, calls…" />
        </label>
        <label className="check">
          <input type="checkbox" checked={contact} onChange={(e) => setContact(e.target.checked)} disabled={!customersGrant}
                 aria-describedby="contact-hint" />
          Customer contact (calls or meetings with customers)
        </label>
        <p id="contact-hint" className="muted small">
          {customersGrant ? "Allowed: the buyer has granted live 'customers' access." : "Needs a live 'customers' access grant from the buyer first."}
        </p>
        {!online && (
          <p className="banner banner-offline" role="status">
            You are offline. A session starts once you are back online; what you typed here is kept.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !host.trim()}>Start session</button>
        </div>
      </form>
      <section className="panel" aria-labelledby="past-title">
        <h2 id="past-title">Sessions on this initiative</h2>
        {sessions.length === 0 && <p className="muted">None yet.</p>}
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.host}</strong>
                <p className="muted small">{s.context}</p>
                <p className="tiny"><Byline name={s.shadower.name} side="provider" suffix={`${shortDate(s.started_at)}${s.duration_minutes ? ` · ${s.duration_minutes} min` : ""}${s.customer_contact ? " · with customers" : ""}`} /></p>
              </div>
              <Link to={paths.capture(initiativeId, s.id)} className="button ghost small" aria-label={`Capture in the session with ${s.host}`}>Capture</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
