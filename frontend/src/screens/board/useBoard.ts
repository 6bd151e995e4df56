// The live board for a screen: a BoardSync joined to the initiative, with the extras (KPIs, grants,
// sessions, power-ups) and budget requests kept from what events carry (lib/refetch.ts): a live
// event costs no REST request.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { get } from "../../api";
import { budgetAfter, extrasPatch, refreshesAfter } from "../../lib/refetch";
import { BoardSync } from "../../realtime";
import type { BoardEvent, BudgetRequest } from "../../types";

export function useBoard(initiativeId: string) {
  const sync = useMemo(() => new BoardSync(initiativeId), [initiativeId]);
  useEffect(() => {
    sync.start();
    return () => sync.close();
  }, [sync]);
  const view = useSyncExternalStore(sync.subscribe, sync.getView);

  useEffect(() => sync.onBoardEvent((e: BoardEvent) => {
    const extras = sync.getView().extras;
    const patch = extras && extrasPatch(extras, e);
    if (patch) sync.patchExtras(patch);
  }), [sync]);

  return { sync, view };
}

/** Budget requests of this initiative (experiments and shadowing): read once, then kept from budget
 * events; read again only when the board is re-read from a snapshot. */
export function useBudget(sync: BoardSync, engagementId: string | undefined) {
  const [requests, setRequests] = useState<BudgetRequest[]>([]);
  useEffect(() => {
    if (!engagementId) return;
    let ticket = 0;
    let since: BoardEvent[] | null = null; // events while a read is in flight: applied again on top of its answer
    const load = async (path: string) => {
      const t = ++ticket;
      since = [];
      try {
        const all = (await get<BudgetRequest[]>(path)).filter((r) => r.initiative_id === sync.initiative);
        if (t === ticket) setRequests((since ?? []).reduce(budgetAfter, all));
      } finally {
        if (t === ticket) since = null;
      }
    };
    const board = { initiative: sync.initiative, engagement: engagementId };
    for (const r of refreshesAfter({ type: "snapshot", data: {} }, board)) load(r.path).catch(() => undefined);
    let timer = 0;
    const off = sync.onBoardEvent((e) => {
      for (const r of refreshesAfter(e, board)) {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => load(r.path).catch(() => undefined), r.delayMs);
      }
      if (e.type === "snapshot") return;
      since?.push(e);
      setRequests((all) => budgetAfter(all, e));
    });
    return () => { off(); window.clearTimeout(timer); };
  }, [sync, engagementId]);
  return requests;
}
