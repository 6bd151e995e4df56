// The capture screen's writes: add a line (a refused one stays, visibly failed, with Retry), correct a
// line's text or kind (based on the version the member saw), delete one with Undo.
import { useCallback, useState } from "react";
import { errorMessage } from "../../api";
import { useToast } from "../../components/Toasts";
import { cardLabel } from "../../lib/format";
import { parseCapture } from "../../lib/tags";
import { newOpId, SocketError, type Author, type BoardSync } from "../../realtime";
import type { Card, ObservationKind, ShadowingSession } from "../../types";
import { OBS_KIND_LABEL } from "../board/cardMeta";
import { deleteWithUndo } from "../board/deleteWithUndo";
import type { usePiiGuard } from "../board/PiiNotice";

/** A typed line the server refused: kept on screen until sent again or discarded. */
export interface FailedLine {
  key: string;
  typed: string;
  kind: ObservationKind;
  error: string;
  at: string;
}

/** What became of a correction: saved, or refused with why (and the version to base a new try on). */
export type SaveResult = { ok: true } | { ok: false; error: string; version?: number };

interface Needs {
  sync: BoardSync;
  session: ShadowingSession;
  author: Author | undefined;
  pii: ReturnType<typeof usePiiGuard>;
  /** put the focus back into the capture input */
  refocus(): void;
  /** tell screen readers, politely, what the server accepted */
  announce(message: string): void;
}

function refusal(err: unknown): { error: string; version?: number } {
  if (err instanceof SocketError && err.code === "stale_version" && err.current) {
    const theirs = err.current as unknown as Card;
    return {
      error: `Someone changed this line meanwhile; it now reads “${theirs.text ?? ""}”. Your text is kept: save again to replace theirs, or Esc to keep it.`,
      version: theirs.version,
    };
  }
  if (err instanceof SocketError && err.code === "not_found") {
    return { error: "This line was deleted meanwhile. Your text is kept here: copy it if you need it." };
  }
  return { error: errorMessage(err) };
}

export function useCaptureWrites({ sync, session, author, pii, refocus, announce }: Needs) {
  const toast = useToast();
  const [failed, setFailed] = useState<FailedLine[]>([]);
  /** ids of lines with a correction on its way */
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());

  const busy = useCallback((id: string, on: boolean) => setSaving((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  }), []);

  /** Send a typed line as an observation of `kind`; a refusal keeps it in the list as failed. */
  const add = useCallback(async (typed: string, kind: ObservationKind, key: string = newOpId()) => {
    if (!author) return;
    const { text, tags } = parseCapture(typed);
    try {
      const card = await sync.createCard({ kind: "observation", text, tags, observation_kind: kind, shadowing_session_id: session.id }, author);
      pii.after(card, text); // not announced: during fast capture it would talk over the kind just picked
    } catch (err) {
      setFailed((f) => [{ key, typed, kind, error: errorMessage(err), at: new Date().toISOString() }, ...f.filter((l) => l.key !== key)]);
    }
  }, [sync, session.id, author, pii]);

  const retry = useCallback((line: FailedLine) => {
    setFailed((f) => f.filter((l) => l.key !== line.key));
    refocus();
    return add(line.typed, line.kind, line.key);
  }, [add, refocus]);

  const discard = useCallback((line: FailedLine) => {
    setFailed((f) => f.filter((l) => l.key !== line.key));
    refocus();
  }, [refocus]);

  /** Save a line's new text (its #tags with it) based on `version`. */
  const saveText = useCallback(async (card: Card, typed: string, version: number): Promise<SaveResult> => {
    const { text, tags } = parseCapture(typed);
    busy(card.id, true);
    try {
      const saved = await sync.updateCard(sync.known(card.id) ?? card, { text, tags }, version);
      pii.after(saved, text);
      announce(`Saved: “${cardLabel(saved)}”.`);
      return { ok: true };
    } catch (err) {
      return { ok: false, ...refusal(err) };
    } finally {
      busy(card.id, false);
    }
  }, [sync, pii, busy, announce]);

  const changeKind = useCallback(async (card: Card, kind: ObservationKind) => {
    busy(card.id, true);
    try {
      await sync.updateCard(card, { observation_kind: kind });
      announce(`Kind changed to ${OBS_KIND_LABEL[kind]}: “${cardLabel(card)}”.`);
    } catch (err) {
      toast.error(refusal(err).error);
    } finally {
      busy(card.id, false);
    }
  }, [sync, toast, busy, announce]);

  const remove = useCallback((card: Card) => {
    refocus();
    return deleteWithUndo(sync, toast, card, { restored: refocus });
  }, [sync, toast, refocus]);

  return { add, failed, retry, discard, saving, saveText, changeKind, remove };
}

export type CaptureWrites = ReturnType<typeof useCaptureWrites>;
