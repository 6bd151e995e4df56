// The card drawer follows the URL (`?card=<id>`), so other screens can link to a card.
import { useCallback, useEffect, useState } from "react";
import { navigate, paths, useLocation } from "../../router";
import type { Card } from "../../types";
import { focusCard } from "./useCardActions";

export function useCardDrawer(initiativeId: string, ready: boolean) {
  const drawerId = useLocation().query.get("card");
  const [focusComposer, setFocusComposer] = useState(false);
  const open = useCallback((card: Card | string, comment = false) => {
    setFocusComposer(comment);
    navigate(paths.board(initiativeId, typeof card === "string" ? card : card.id));
  }, [initiativeId]);
  const close = useCallback(() => {
    navigate(paths.board(initiativeId));
    if (drawerId) focusCard(drawerId);
  }, [initiativeId, drawerId]);
  useEffect(() => { // bring the card into view
    if (!drawerId || !ready) return;
    const id = requestAnimationFrame(() => document.querySelector(`[data-card-id="${CSS.escape(drawerId)}"]`)
      ?.scrollIntoView({ block: "nearest", inline: "nearest" }));
    return () => cancelAnimationFrame(id);
  }, [drawerId, ready]);
  return { drawerId, focusComposer, open, close };
}
