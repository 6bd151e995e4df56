// Comments on the board: how many each card has, and one card's thread, both kept live from the
// board's `comment.created` events.
import { useCallback, useEffect, useState } from "react";
import { get } from "../../api";
import type { Comment, CommentCount } from "../../loopTypes";
import { currentOutbox, newOpId, type BoardSync } from "../../realtime";
import type { Side, UserBrief } from "../../types";

/** Comment counts per card id; a live comment adds one, a board snapshot reloads them. */
export function useCommentCounts(sync: BoardSync): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  useEffect(() => {
    let loading = false;
    let again = false;
    let live = true;
    const load = async () => {
      if (loading) { again = true; return; }
      loading = true;
      try {
        const rows = await get<CommentCount[]>(`/initiatives/${sync.initiative}/comment-counts`);
        if (live) setCounts(Object.fromEntries(rows.map((r) => [r.card_id, r.count])));
      } catch {
        // counts are a hint: the thread itself loads on its own
      } finally {
        loading = false;
        if (again && live) { again = false; load(); }
      }
    };
    load();
    const off = sync.onBoardEvent((e) => {
      if (e.type === "snapshot") load();
      else if (e.type === "comment.created") {
        if (loading) again = true; // the answer in flight may or may not hold it: ask again after
        else {
          const id = e.data.card_id;
          setCounts((c) => ({ ...c, [id]: (c[id] ?? 0) + 1 }));
        }
      }
    });
    return () => { live = false; off(); };
  }, [sync]);
  return counts;
}

export type ThreadComment = Comment & { pending?: boolean; opId?: string | null };

const byTime = (a: ThreadComment, b: ThreadComment) =>
  (a.pending ? 1 : 0) - (b.pending ? 1 : 0) || (a.created_at ?? "").localeCompare(b.created_at ?? "");

/**
 * One card's comments, oldest first, live. Mine still waiting for the server (sent from this page, or
 * kept by an earlier one: a reload while offline) show as pending until their own event or answer.
 */
export function useThread(sync: BoardSync, cardId: string, me: UserBrief, mySide: Side | undefined) {
  const [comments, setComments] = useState<ThreadComment[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** A confirmed comment replaces my pending one: the same op_id, or (from a REST list) the same text. */
  const add = useCallback((c: ThreadComment) => {
    setComments((list) => {
      // (a comment made while the workshop hides authors comes back without one: its side tells)
      const sameAuthor = (x: ThreadComment) => (c.author ? x.author?.id === c.author.id : x.side === c.side);
      const mine = (x: ThreadComment) => x.pending && ((c.opId && x.opId === c.opId) || (x.text === c.text && sameAuthor(x)));
      return [...list.filter((x) => x.id !== c.id && !(!c.pending && mine(x))), c].sort(byTime);
    });
  }, []);

  useEffect(() => {
    setComments([]);
    setError(null);
    let live = true;
    const load = async () => {
      setLoading(true);
      try {
        const list = await get<Comment[]>(`/cards/${encodeURIComponent(cardId)}/comments`);
        if (!live) return;
        for (const c of list) add(c); // keeps what arrived or is pending meanwhile
        setError(null);
      } catch (err) {
        if (live) setError(err instanceof Error ? err.message : String(err));
      } finally {
        if (live) setLoading(false);
      }
    };
    load();
    const off = sync.onBoardEvent((e) => {
      if (e.type === "snapshot") load();
      if (e.type === "comment.created" && e.data.card_id === cardId) add({ ...e.data, opId: e.op_id });
    });
    return () => { live = false; off(); };
  }, [sync, cardId, add]);

  // my comments waiting in the outbox are drawn as pending (once each, by op_id)
  useEffect(() => {
    const draw = () => {
      const waiting = sync.waitingComments(cardId);
      const refused = new Set((currentOutbox()?.refusals ?? []).map((r) => r.opId));
      setComments((list) => {
        const shown = new Set(list.map((c) => c.opId).filter(Boolean));
        const kept = list.filter((c) => !(c.pending && c.opId && refused.has(c.opId)));
        const fresh = waiting.filter((w) => !shown.has(w.opId)).map((w): ThreadComment => ({
          id: `tmp-${w.opId}`, opId: w.opId, card_id: cardId, author: me, side: mySide ?? "buyer", anonymous: false, text: w.text,
          mentions: [], created_at: new Date(w.at).toISOString(), pending: true,
        }));
        return fresh.length || kept.length !== list.length ? [...kept, ...fresh].sort(byTime) : list;
      });
    };
    draw();
    return sync.subscribe(draw);
  }, [sync, cardId, me, mySide]);

  /** Send a comment: pending at once (kept through a reload), then confirmed; a refusal takes it away and throws. */
  const send = useCallback(async (text: string) => {
    const opId = newOpId();
    try {
      add({ ...((await sync.comment(cardId, text, opId)) as unknown as Comment), opId });
    } catch (err) {
      setComments((list) => list.filter((x) => x.opId !== opId || !x.pending));
      throw err;
    }
  }, [sync, cardId, add]);

  return { comments, loading, error, send };
}
