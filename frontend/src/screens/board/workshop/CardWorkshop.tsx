// A card's part in the workshop: the focus ring, the vote dots, the revealed count, the facilitator's focus
// button and the cluster picker, and the keys on a focused card (+/- vote, F focus, G cluster).
import { useState, type KeyboardEvent, type ReactNode, type SVGProps } from "react";
import { cardLabel } from "../../../lib/format";
import { votesText } from "../../../lib/workshop";
import type { Card } from "../../../types";
import { ClusterPicker } from "./Clusters";
import { useWorkshopContext, type Workshop } from "./useWorkshop";
import "./workshop.css";

type P = SVGProps<SVGSVGElement> & { size?: number };
const Svg = ({ size = 14, children, ...rest }: P) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round"
       strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>{children}</svg>
);
export const Target = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="8" /><circle cx="12" cy="12" r="3.5" /><path d="M12 2v3M12 19v3M2 12h3M19 12h3" /></Svg>;
export const Layers = (p: P) => <Svg {...p}><path d="M12 3l9 5-9 5-9-5 9-5z" /><path d="M3 13l9 5 9-5" /></Svg>;

export interface CardWorkshop {
  className: string;
  /** handles a key on the focused card; true when it did something */
  onKey(e: KeyboardEvent<HTMLElement>): boolean;
  tools: ReactNode;
  strip: ReactNode;
}

const NONE: CardWorkshop = { className: "", onKey: () => false, tools: null, strip: null };

export function useCardWorkshop(card: Card, overlay?: boolean): CardWorkshop {
  const ws = useWorkshopContext();
  const [picker, setPicker] = useState<HTMLElement | null>(null);
  // a private card (reflect) takes no votes, focus or cluster until it is revealed
  if (!ws || card.id.startsWith("tmp-") || card.private) return NONE;
  const label = cardLabel(card);
  const focused = ws.slice.focus_card_id === card.id;
  const result = ws.resultsShown ? ws.results[card.id] : undefined;
  const voting = ws.slice.round?.status === "open" && ws.canWrite && ws.votable(card);
  const mine = ws.myVotes.filter((id) => id === card.id).length;

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (overlay || e.altKey || e.ctrlKey || e.metaKey) return false;
    if (voting && (e.key === "+" || e.key === "=")) { ws.vote(card); return true; }
    if (voting && e.key === "-") { ws.unvote(card); return true; }
    if (ws.canFacilitate && (e.key === "f" || e.key === "F")) { ws.focus(focused ? null : card.id); return true; }
    if (ws.canWrite && (e.key === "g" || e.key === "G")) { setPicker(e.currentTarget); return true; }
    return false;
  };

  const tools = overlay ? null : (
    <>
      {ws.canFacilitate && (
        <button type="button" className={`icon-button ${focused ? "ws-on" : ""}`} aria-pressed={focused}
                aria-label={focused ? `Clear the focus on ${label}` : `Focus everyone on ${label}`} title={focused ? "Clear the focus (F)" : "Focus everyone on this card (F)"}
                onClick={() => ws.focus(focused ? null : card.id)}><Target /></button>
      )}
      {ws.canWrite && (
        <button type="button" className="icon-button" aria-label={`Cluster ${label}`} title="Put in a cluster (G)" aria-haspopup="dialog"
                onClick={(e) => setPicker(e.currentTarget)}><Layers /></button>
      )}
      {picker && <ClusterPicker card={card} anchor={picker} onClose={() => setPicker(null)} />}
    </>
  );

  const strip = voting || result ? (
    <div className="ws-card-strip" onDoubleClick={(e) => e.stopPropagation()}>
      {voting && <VoteControl ws={ws} card={card} label={label} mine={mine} overlay={overlay} />}
      {result && (
        <span className={`ws-result rank-${Math.min(result.rank, 4)}`} aria-label={`Rank ${result.rank}: ${votesText(result.votes)}`}>
          <span className="ws-rank">#{result.rank}</span>{votesText(result.votes)}
        </span>
      )}
    </div>
  ) : null;

  return { className: [focused ? "ws-focused" : "", result ? "ws-ranked" : "", mine ? "ws-voted" : ""].join(" "), onKey, tools, strip };
}

/** − and + Vote keep their places whatever the count (the dots come after them), so quick clicks on + Vote
 * all land on it; − is disabled until the card has one of my votes. */
function VoteControl({ ws, card, label, mine, overlay }: { ws: Workshop; card: Card; label: string; mine: number; overlay?: boolean }) {
  return (
    <span className="ws-vote" role="group" aria-label={`Your votes on ${label}: ${mine}`}>
      <button type="button" className="ws-vote-btn" tabIndex={overlay ? -1 : 0} disabled={mine === 0} aria-label={`Take back a vote from ${label}`}
              title={mine ? "Take back a vote (−)" : "None of your votes is on this card"} onClick={() => ws.unvote(card)}>−</button>
      <button type="button" className="ws-vote-btn add" tabIndex={overlay ? -1 : 0} disabled={ws.votesLeft === 0}
              aria-label={`Vote for ${label} (${ws.votesLeft} left)`} title={ws.votesLeft ? "Add a vote (+)" : "No votes left: take one back to move it"}
              onClick={() => ws.vote(card)}>+ Vote</button>
      <span className="ws-dots" aria-hidden="true">
        {Array.from({ length: mine }, (_, i) => <span key={i} className="ws-dot" />)}
      </span>
    </span>
  );
}
