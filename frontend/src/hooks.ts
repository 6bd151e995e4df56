import { useCallback, useEffect, useRef, useState } from "react";
import { get } from "./api";
import type { EngagementDetail, Side } from "./types";

/**
 * Load something by REST; `reload` fetches again (keeping the old value meanwhile). With `keep`, a new
 * `path` keeps showing the previous answer until its own arrives (search results that don't flicker).
 */
export function useLoad<T>(path: string | null, deps: unknown[] = [], keep = false) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!!path);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    if (!path) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const body = await get<T>(path);
      if (ticket === latest.current) {
        setData(body);
        setError(null);
      }
    } catch (err) {
      if (ticket === latest.current) setError(err);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, ...deps]);
  useEffect(() => {
    if (!keep) setData(null);
    reload();
  }, [reload, keep]);
  return { data, error, loading, reload, setData };
}

const detailCache = new Map<string, Promise<EngagementDetail>>();

/** An engagement with its members (cached): to colour people by side. */
export function useEngagementDetail(id: string | null | undefined) {
  const [detail, setDetail] = useState<EngagementDetail | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    let p = detailCache.get(id);
    if (!p) {
      p = get<EngagementDetail>(`/engagements/${id}`);
      detailCache.set(id, p);
      p.catch(() => detailCache.delete(id));
    }
    p.then((d) => live && setDetail(d)).catch(() => undefined);
    return () => { live = false; };
  }, [id]);
  const sideOf = useCallback(
    (userId: string | undefined | null): Side | undefined => detail?.members.find((m) => m.user.id === userId)?.side,
    [detail],
  );
  return { detail, sideOf };
}

export function clearEngagementCache() {
  detailCache.clear();
}

/** Re-render every `ms` (for "3 min ago" labels and timers). */
export function useTick(ms: number) {
  const [, set] = useState(0);
  useEffect(() => {
    const t = window.setInterval(() => set((n) => n + 1), ms);
    return () => window.clearInterval(t);
  }, [ms]);
}
