// The live board for a screen: a BoardSync joined to the initiative, plus REST refreshes of what
// events only announce (KPIs, grants, sessions, power-ups, budget).
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { get } from "../../api";
import { touchesPowerUps } from "../../lib/boardState";
import { BoardSync } from "../../realtime";
import type { AccessGrant, Agreement, BoardEvent, BudgetRequest, PowerUps, ShadowingSession } from "../../types";

export function useBoard(initiativeId: string) {
  const sync = useMemo(() => new BoardSync(initiativeId), [initiativeId]);
  useEffect(() => {
    sync.start();
    return () => sync.close();
  }, [sync]);
  const view = useSyncExternalStore(sync.subscribe, sync.getView);

  // refresh what events only announce, debounced per kind
  useEffect(() => {
    const timers: Record<string, number> = {};
    const later = (key: string, fn: () => Promise<void>) => {
      window.clearTimeout(timers[key]);
      timers[key] = window.setTimeout(() => { fn().catch(() => undefined); }, 150);
    };
    const base = `/initiatives/${initiativeId}`;
    const off = sync.onBoardEvent((e: BoardEvent) => {
      if (e.type === "snapshot") return;
      if (touchesPowerUps(e.type) && !e.type.startsWith("comment.")) {
        later("power_ups", async () => sync.patchExtras({ power_ups: await get<PowerUps>(`${base}/power-ups`) }));
      }
      if (e.type.startsWith("kpi")) later("kpis", async () => sync.patchExtras({ kpis: await get<Agreement>(`${base}/kpis/agreement`) }));
      if (e.type.startsWith("grant.")) later("grants", async () => sync.patchExtras({ access_grants: await get<AccessGrant[]>(`${base}/access-grants`) }));
      if (e.type.startsWith("shadowing.")) {
        later("sessions", async () => sync.patchExtras({ shadowing_sessions: await get<ShadowingSession[]>(`${base}/shadowing-sessions`) }));
      }
    });
    return () => { off(); Object.values(timers).forEach((t) => window.clearTimeout(t)); };
  }, [sync, initiativeId]);

  return { sync, view };
}

/** Budget requests of this initiative (experiments and shadowing), refreshed on budget events. */
export function useBudget(sync: BoardSync, engagementId: string | undefined) {
  const [requests, setRequests] = useState<BudgetRequest[]>([]);
  const ticket = useRef(0);
  useEffect(() => {
    if (!engagementId) return;
    const load = async () => {
      const t = ++ticket.current;
      const all = await get<BudgetRequest[]>(`/engagements/${engagementId}/budget-requests`);
      if (t === ticket.current) setRequests(all.filter((r) => r.initiative_id === sync.initiative));
    };
    load().catch(() => undefined);
    let timer = 0;
    const off = sync.onBoardEvent((e) => {
      if (e.type.startsWith("budget.") || e.type === "snapshot") {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => load().catch(() => undefined), 100);
      }
    });
    return () => { off(); window.clearTimeout(timer); };
  }, [sync, engagementId]);
  return requests;
}
