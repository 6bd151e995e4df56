// The facilitator's focus: every screen scrolls to the card and rings it, under a banner that names it and
// who focused it. Each member may dismiss the banner on their own screen; a new focus brings it back.
import { useEffect, useState } from "react";
import { Avatar } from "../../../components/Avatar";
import { Close } from "../../../components/Icons";
import type { BoardSync } from "../../../realtime";
import type { Card, Side } from "../../../types";
import { KIND_LABEL } from "../cardMeta";
import { Target } from "./CardWorkshop";
import { useWorkshopContext } from "./useWorkshop";
import { revealCard } from "./WorkshopBar";
import "./workshop.css";

/** Someone typing keeps their place: the board scrolls only when they are not in a text field. */
function typing(): boolean {
  const el = document.activeElement as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function FocusBanner({ sync, cards, sideOf }: { sync: BoardSync; cards: Record<string, Card>; sideOf(id?: string): Side | undefined }) {
  const ws = useWorkshopContext();
  const id = ws?.slice.focus_card_id ?? null;
  const card = id ? cards[id] : undefined;
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => sync.onBoardEvent((e) => { if (e.type === "workshop.focus") setDismissed(null); }), [sync]);

  const present = !!card;
  useEffect(() => {
    if (!id || !present || typing()) return;
    const frame = requestAnimationFrame(() => revealCard(id, false));
    return () => cancelAnimationFrame(frame);
  }, [id, present]);

  if (!ws || !id || dismissed === id) return null;
  const by = ws.slice.focus_by;
  return (
    <div className="banner ws-focus-banner" role="status" aria-live="polite" data-testid="focus-banner">
      <Target size={18} />
      {by && <Avatar name={by.name} side={sideOf(by.id)} size="sm" />}
      <span className="ws-focus-text">
        <strong>{by?.name ?? "The facilitator"}</strong> brings everyone to{" "}
        {card ? <>“<span className="ws-focus-card">{ws.cardName(id)}</span>” <span className="muted">({KIND_LABEL[card.kind].toLowerCase()})</span></>
          : "a card that is no longer on the board"}
      </span>
      <span className="spacer" />
      {card && <button type="button" className="button small" onClick={() => revealCard(id)}>Show card</button>}
      {ws.canFacilitate && <button type="button" className="button small ghost" onClick={() => ws.focus(null)}>Clear focus</button>}
      <button type="button" className="icon-button" aria-label="Dismiss the focus banner (only on your screen)" onClick={() => setDismissed(id)}>
        <Close size={16} />
      </button>
    </div>
  );
}
