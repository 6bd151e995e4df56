// The board's side panels: activity feed and access grants (the KPI panel is KpiPanel.tsx).
import { useEffect, useState, type FormEvent } from "react";
import { errorMessage, get, post } from "../../api";
import { Avatar, Byline } from "../../components/Avatar";
import { useToast } from "../../components/Toasts";
import { useTick } from "../../hooks";
import { describeEvent, shortDate, timeAgo } from "../../lib/format";
import type { BoardSync } from "../../realtime";
import type { AccessGrant, BoardEvent, MyEngagement, Side } from "../../types";
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
