// The board's side panels: activity feed, KPIs with each side's agreement, access grants.
import { useEffect, useState, type FormEvent } from "react";
import { errorMessage, get, post } from "../../api";
import { Avatar, Byline } from "../../components/Avatar";
import { Check } from "../../components/Icons";
import { useToast } from "../../components/Toasts";
import { useTick } from "../../hooks";
import { describeEvent, shortDate, timeAgo } from "../../lib/format";
import type { BoardSync } from "../../realtime";
import type { AccessGrant, Agreement, BoardEvent, MyEngagement, Side } from "../../types";
import { can } from "../../lib/capabilities";
import { WorkshopSummaryView } from "./workshop/Summary";

export function ActivityPanel({ sync, ready, seq, sideOf }: { sync: BoardSync; ready: boolean; seq: number; sideOf(id?: string): Side | undefined }) {
  const [events, setEvents] = useState<BoardEvent[]>([]);
  const [loaded, setLoaded] = useState(false);
  useTick(30000);

  useEffect(() => {
    if (!ready || loaded) return;
    setLoaded(true);
    const after = Math.max(0, seq - 60);
    get<BoardEvent[]>(`/initiatives/${sync.initiative}/events?after=${after}&limit=100`)
      .then((page) => setEvents((live) => dedupe([...page, ...live])))
      .catch(() => undefined);
  }, [ready, loaded, seq, sync]);

  useEffect(() => sync.onBoardEvent((e) => {
    if (e.type === "snapshot") return;
    setEvents((all) => dedupe([...all, e]));
  }), [sync]);

  const shown = [...events].reverse().slice(0, 80);
  return (
    <section className="side-panel" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      {shown.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <ol className="activity" aria-live="polite" aria-relevant="additions">
        {shown.map((e) => {
          const side = sideOf(e.actor?.id);
          const who = e.actor?.name ?? (e.data.anonymous ? "Someone" : "System"); // anonymous: authors or votes hidden
          return (
            <li key={e.seq} className={`activity-item ${side ? `side-${side}` : ""}`}>
              <Avatar name={who} side={side} size="sm" />
              <div>
                <p><strong>{who}</strong> {describeEvent(e, (id) => sync.known(id))}</p>
                {e.type === "workshop.ended" && <WorkshopSummaryView summary={e.data.summary} initiativeId={sync.initiative} />}
                <p className="muted tiny"><time dateTime={e.at}>{timeAgo(e.at)}</time> · #{e.seq}</p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function dedupe(events: BoardEvent[]): BoardEvent[] {
  const bySeq = new Map<number, BoardEvent>();
  for (const e of events) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function KpiPanel({ sync, agreement, engagement }: { sync: BoardSync; agreement: Agreement | undefined; engagement: MyEngagement }) {
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const canWrite = can(engagement, "write");
  const mySide = engagement.side;
  if (!agreement) return <section className="side-panel" aria-busy="true"><h2>KPIs</h2></section>;
  const mine = agreement[mySide];
  async function agree() {
    setBusy(true);
    try {
      sync.patchExtras({ kpis: await post<Agreement>(`/initiatives/${sync.initiative}/kpis/agree`) });
      toast.show({ message: `You agreed the KPIs for the ${mySide} side.`, tone: "success" });
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="side-panel" aria-labelledby="kpi-title">
      <h2 id="kpi-title">KPIs</h2>
      <p className={`agreement-banner ${agreement.agreed ? "agreed" : ""}`}>
        {agreement.agreed ? <><Check size={14} /> Both sides agree on these measures.</> : "Both sides must agree on the same measures before an experiment runs."}
      </p>
      <div className="agreement-sides">
        {(["buyer", "provider"] as const).map((side) => {
          const a = agreement[side];
          return (
            <div key={side} className={`agreement-side side-${side} ${a ? "yes" : ""}`}>
              <span className="side-name">{side === "buyer" ? engagement.buyer_name : engagement.provider_name}</span>
              {a ? <span className="agreed-by"><Check size={13} /> Agreed by {a.user.name}</span> : <span className="muted small">Not agreed yet</span>}
            </div>
          );
        })}
      </div>
      {canWrite && !mine && (
        <button type="button" className={`button small side-button side-${mySide}`} disabled={busy || agreement.kpis.length === 0} onClick={agree}>
          Agree for the {mySide} side
        </button>
      )}
      <ul className="kpi-list">
        {agreement.kpis.map((k) => (
          <li key={k.id}>
            <span className="kpi-name">{k.name}</span>
            <span className="kpi-values">{fmt(k.baseline)} → <strong>{fmt(k.target)}</strong> {k.unit}</span>
          </li>
        ))}
        {agreement.kpis.length === 0 && <li className="muted">No KPIs yet.</li>}
      </ul>
      {canWrite && (adding ? <AddKpi sync={sync} onDone={() => setAdding(false)} /> : (
        <button type="button" className="button ghost small" onClick={() => setAdding(true)}>Add KPI</button>
      ))}
    </section>
  );
}

const fmt = (n: number | null) => (n === null || n === undefined ? "—" : String(n));

function AddKpi({ sync, onDone }: { sync: BoardSync; onDone(): void }) {
  const toast = useToast();
  const [name, setName] = useState("");
  const [unit, setUnit] = useState("");
  const [baseline, setBaseline] = useState("");
  const [target, setTarget] = useState("");
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await post(`/initiatives/${sync.initiative}/kpis`, {
        name, unit, baseline: baseline === "" ? null : Number(baseline), target: target === "" ? null : Number(target),
      });
      onDone();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }
  return (
    <form className="mini-form" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && onDone()}>
      <label className="field compact"><span>KPI name</span><input value={name} onChange={(e) => setName(e.target.value)} autoFocus required /></label>
      <div className="field-row tight">
        <label className="field compact"><span>Unit</span><input value={unit} onChange={(e) => setUnit(e.target.value)} /></label>
        <label className="field compact"><span>Baseline</span><input inputMode="decimal" value={baseline} onChange={(e) => setBaseline(e.target.value)} /></label>
        <label className="field compact"><span>Target</span><input inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} /></label>
      </div>
      <p className="muted tiny">Adding a KPI withdraws both sides' agreement.</p>
      <div className="editor-actions">
        <button type="button" className="button ghost small" onClick={onDone}>Cancel</button>
        <button type="submit" className="button primary small" disabled={!name.trim()}>Add KPI</button>
      </div>
    </form>
  );
}

export function AccessPanel({ sync, grants, engagement }: { sync: BoardSync; grants: AccessGrant[] | undefined; engagement: MyEngagement }) {
  const toast = useToast();
  const [scope, setScope] = useState<"process" | "customers">("process");
  const [expires, setExpires] = useState("");
  const [busy, setBusy] = useState(false);
  const buyer = can(engagement, "grant_access");
  const refresh = async () => sync.patchExtras({ access_grants: await get<AccessGrant[]>(`/initiatives/${sync.initiative}/access-grants`) });

  async function grant(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await post(`/initiatives/${sync.initiative}/access-grants`, {
        scope, expires_at: expires ? new Date(expires + "T23:59:59").toISOString() : null,
      });
      await refresh();
      setExpires("");
      toast.show({ message: `Granted ${scope} access to ${engagement.provider_name}.`, tone: "success" });
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function revoke(g: AccessGrant) {
    try {
      await post(`/access-grants/${g.id}/revoke`);
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }
  return (
    <section className="side-panel" aria-labelledby="access-title">
      <h2 id="access-title">Access grants</h2>
      <p className="muted small">
        {buyer ? `What ${engagement.provider_name} may see: the courage power-up.` : `Only ${engagement.buyer_name} (the buyer side) grants or revokes access. You can see what is granted.`}
      </p>
      <ul className="grant-list">
        {(grants ?? []).map((g) => (
          <li key={g.id} className={`grant ${g.live ? "live" : "ended"}`}>
            <div>
              <span className={`scope scope-${g.scope}`}>{g.scope === "process" ? "Process" : "Customers"}</span>
              <span className={`grant-state ${g.live ? "live" : ""}`}>{g.live ? "Live" : g.revoked_at ? "Revoked" : "Expired"}</span>
            </div>
            <div className="grant-meta">
              <Byline name={g.granted_by.name} side="buyer" suffix={`granted ${shortDate(g.granted_at)}`} />
              {g.expires_at && <span className="muted tiny">until {shortDate(g.expires_at)}</span>}
              {g.revoked_by && <span className="muted tiny">revoked by {g.revoked_by.name} {shortDate(g.revoked_at)}</span>}
            </div>
            {buyer && g.live && (
              <button type="button" className="button ghost small danger-text" onClick={() => revoke(g)} aria-label={`Revoke ${g.scope} access`}>Revoke</button>
            )}
          </li>
        ))}
        {grants && grants.length === 0 && <li className="muted">No access granted yet.</li>}
      </ul>
      {buyer && (
        <form className="mini-form" onSubmit={grant}>
          <div className="field-row tight">
            <label className="field compact"><span>Scope</span>
              <select value={scope} onChange={(e) => setScope(e.target.value as "process" | "customers")}>
                <option value="process">Process (shadow staff)</option>
                <option value="customers">Customers (meet or hear them)</option>
              </select>
            </label>
            <label className="field compact"><span>Expires (optional)</span><input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} /></label>
          </div>
          <button type="submit" className="button small side-button side-buyer" disabled={busy}>Grant access</button>
        </form>
      )}
    </section>
  );
}
