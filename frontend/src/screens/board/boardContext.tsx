// The board's context: the live sync and view, who is looking (membership, may they write), what the
// board derives from the log, and the card actions, so a card component needs only its card.
import { createContext, useContext } from "react";
import { cardLabel } from "../../lib/format";
import type { BoardSync, BoardView } from "../../realtime";
import type { Card } from "../../types";
import type { CardActions } from "./CardView";
import type { BoardData } from "./useBoardData";
import type { CardEditing } from "./useCardActions";
import type { useConclude } from "./useConclude";
import type { Viewer } from "./viewer";

export interface BoardContextValue {
  sync: BoardSync;
  view: BoardView;
  /** the signed-in member of the board's engagement (null while loading) */
  viewer: Viewer | null;
  canWrite: boolean;
  data: BoardData;
  actions: CardActions;
  edits: CardEditing;
  conclude: ReturnType<typeof useConclude>;
  /** cards lit up (hovering a card lights up its evidence chain) */
  highlight: string[] | null;
  /** the card whose drawer is open */
  drawerId: string | null;
  /** the story an observation is being dragged onto */
  citeTarget: string | null;
}

const BoardContext = createContext<BoardContextValue | null>(null);

export const BoardProvider = BoardContext.Provider;

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error("useBoardContext outside a board");
  return value;
}

/** What a card's face shows beside the card itself: its links, comments, budget, session, last editor. */
export function useCardContext(card: Card, overlay = false) {
  const b = useBoardContext();
  const { data } = b;
  return {
    canWrite: b.canWrite,
    actions: b.actions,
    highlighted: !overlay && (!!b.highlight?.includes(card.id) || b.drawerId === card.id),
    citeTarget: !overlay && b.citeTarget === card.id,
    budget: data.budgetByCard[card.id],
    session: card.shadowing_session_id ? data.sessions[card.shadowing_session_id] : undefined,
    evidenceLabels: (card.evidence ?? []).map((id) => cardLabel(data.byId[id])),
    lastEditor: data.lastEditor[card.id],
    citedBy: data.citedBy[card.id],
    chain: data.chains[card.id],
    comments: data.comments[card.id],
  };
}
