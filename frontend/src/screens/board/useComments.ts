// Comments on the board: how many each card has, and one card's thread, both kept live from the
// board's `comment.created` events.
import { useCallback, useEffect, useState } from "react";
import { get } from "../../api";
import type { Comment, CommentCount } from "../../loopTypes";
import type { BoardSync } from "../../realtime";
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

export type ThreadComment = Comment & { pending?: boolean };

/** One card's comments, oldest first, live; `send` shows the comment at once and confirms it. */
export function useThread(sync: BoardSync, cardId: string, me: UserBrief, mySide: Side | undefined) {
  const [comments, setComments] = useState<ThreadComment[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = useCallback((c: ThreadComment, replacing?: string) => {
    setComments((list) => {
      // a confirmed comment also replaces my pending one with its text (its event may beat its ack)
      const mine = (x: ThreadComment) => !c.pending && x.pending && x.text === c.text && x.author?.id === c.author?.id;
      const rest = list.filter((x) => x.id !== replacing && x.id !== c.id && !mine(x));
      return [...rest, c].sort((a, b) => (a.pending ? 1 : 0) - (b.pending ? 1 : 0) || (a.created_at ?? "").localeCompare(b.created_at ?? ""));
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
        setComments((prev) => { // keep what arrived or was sent meanwhile
          const ids = new Set(list.map((c) => c.id));
          return [...list, ...prev.filter((c) => !ids.has(c.id))];
        });
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
      if (e.type === "comment.created" && e.data.card_id === cardId) add(e.data);
    });
    return () => { live = false; off(); };
  }, [sync, cardId, add]);

  const send = useCallback(async (text: string) => {
    const temp: ThreadComment = { id: `tmp-${Date.now()}-${Math.random().toString(36).slice(2)}`, card_id: cardId, author: me,
                                  side: mySide ?? "buyer", text, mentions: [], created_at: new Date().toISOString(), pending: true };
    add(temp);
    try {
      add((await sync.comment(cardId, text)) as unknown as Comment, temp.id);
    } catch (err) {
      setComments((list) => list.filter((x) => x.id !== temp.id));
      throw err;
    }
  }, [sync, cardId, me, mySide, add]);

  return { comments, loading, error, send };
}
