// The board of an initiative: Observations · Stories · Experiments (by status), live for everyone on it.
import { useEffect, useRef, useState } from "react";
import { OfflineNote } from "../../components/OfflineNote";
import { useToast } from "../../components/Toasts";
import { useEngagementDetail } from "../../hooks";
import { cardLabel } from "../../lib/format";
import type { BoardView } from "../../realtime";
import { Link, useTitle } from "../../router";
import { useProposeDialog } from "../library/ProposeDialog";
import { Shell } from "../Shell";
import { BoardProvider, type BoardContextValue } from "./boardContext";
import { BoardHeader, ConnectionBanner, type PanelName } from "./BoardHeader";
import { can } from "../../lib/capabilities";
import { CardDrawer } from "./CardDrawer";
import { ConflictDialog } from "./ConflictDialog";
import { Lanes } from "./Lanes";
import { KpiPanel } from "./KpiPanel";
import { AccessPanel, ActivityPanel } from "./Panels";
import { useMaskedEditToast } from "./PiiNotice";
import { useBoard } from "./useBoard";
import { useBoardData } from "./useBoardData";
import { useBoardDnd } from "./useBoardDnd";
import { useCardActions } from "./useCardActions";
import { useCardDrawer } from "./useCardDrawer";
import { useConclude } from "./useConclude";
import { useViewer } from "./viewer";
import { FocusBanner } from "./workshop/FocusBanner";
import { useWorkshop, withWorkshop } from "./workshop/useWorkshop";
import { WorkshopBar } from "./workshop/WorkshopBar";

function initialPanel(): PanelName | null {
  const asked = new URLSearchParams(location.search).get("panel"); // ?panel=kpis (from the getting-started checklist)
  if (asked === "activity" || asked === "kpis" || asked === "access") return asked;
  return window.innerWidth >= 1500 ? "activity" : null;
}

/** Say so when the connection comes back. */
function useBackOnline(view: BoardView) {
  const toast = useToast();
  const prev = useRef(view.connection);
  useEffect(() => {
    if (prev.current === "offline" && view.connection === "live") {
      toast.show({ message: `Back online — the board caught up to change #${view.state.seq}.`, tone: "success" });
    }
    prev.current = view.connection;
  }, [view.connection, view.state.seq, toast]);
}

/** The board's second skip link: straight to the first card (past the header, the tools and the add boxes). */
const TO_CARDS = { label: "Skip to the cards", target: () => document.querySelector<HTMLElement>(".lanes article.card .card-body") };

export function Board({ initiativeId }: { initiativeId: string }) {
  const { sync, view } = useBoard(initiativeId);
  const initiative = view.state.initiative;
  const viewer = useViewer(initiative?.engagement_id);
  const eng = viewer?.engagement;
  const canWrite = !!viewer?.canWrite;
  const { detail, sideOf } = useEngagementDetail(initiative?.engagement_id);
  const workshop = useWorkshop(sync, view, eng);
  const proposal = useProposeDialog(eng);
  const data = useBoardData(sync, view, workshop, initiative?.engagement_id);
  const conclude = useConclude(sync);
  const maskedEdit = useMaskedEditToast(sync);
  const drawer = useCardDrawer(initiativeId, view.ready);
  const [panel, setPanel] = useState<PanelName | null>(initialPanel);
  const [highlight, setHighlight] = useState<string[] | null>(null);
  const { actions, cite, edits } = useCardActions({
    sync, data, canWrite, conclude, maskedEdit, highlight: setHighlight, open: drawer.open, propose: proposal.open,
  });
  const dnd = useBoardDnd({ sync, data, workshop, conclude, cite });
  useBackOnline(view);
  useTitle(initiative?.title ?? "Board");

  if (view.connection === "error" && !view.ready) {
    return (
      <Shell engagementId={null}>
        <main id="main" tabIndex={-1} className="page"><div className="empty-state"><h1>Board not found</h1><p>{view.error ?? "This initiative does not exist or is not in one of your engagements."}</p><Link to="/" className="button">Back to my initiatives</Link></div></main>
      </Shell>
    );
  }

  const board: BoardContextValue = {
    sync, view, viewer, canWrite, data, actions, edits, conclude, highlight, drawerId: drawer.drawerId, citeTarget: dnd.citeTarget,
  };
  const { conflict, setEditing, setConflict, saveChanges, stopEdit } = edits;
  return withWorkshop(workshop, (
    <BoardProvider value={board}>
      <Shell engagementId={initiative?.engagement_id ?? null} active="board" skip={TO_CARDS}>
        <main id="main" tabIndex={-1} className={`board-page ${panel ? "with-panel" : ""}`}>
          <BoardHeader panel={panel} setPanel={setPanel} />
          <WorkshopBar cards={data.cards} />
          <FocusBanner sync={sync} cards={data.byId} sideOf={sideOf} />
          <ConnectionBanner connection={view.connection} />
          <OfflineNote view={view} />
          <div className="board-main">
            <Lanes dnd={dnd} setHighlight={setHighlight} />
            {panel && eng && (
              <aside className="side-panels" aria-label="Side panel">
                {panel === "activity" && <ActivityPanel sync={sync} ready={view.ready} seq={view.state.seq} sideOf={sideOf} />}
                {panel === "kpis" && <KpiPanel sync={sync} agreement={view.extras?.kpis} engagement={eng}
                                                   experiments={view.cards.filter((c) => c.kind === "experiment")} />}
                {panel === "access" && <AccessPanel sync={sync} grants={view.extras?.access_grants} engagement={eng} />}
              </aside>
            )}
            {drawer.drawerId && viewer && (
              <CardDrawer key={drawer.drawerId} cardId={drawer.drawerId} card={data.byId[drawer.drawerId]} ready={view.ready} byId={data.byId}
                          citedBy={data.citedBy[drawer.drawerId] ?? []} sync={sync} canWrite={canWrite} canFacilitate={can(eng, "facilitate")} members={detail?.members ?? []}
                          me={viewer.user} mySide={eng?.side} focusComposer={drawer.focusComposer} onClose={drawer.close}
                          onOpen={(id) => drawer.open(id)} onEdit={actions.edit} onMove={actions.moveTo} highlight={setHighlight} />
            )}
          </div>
          {proposal.dialog}
          {conclude.dialog}
          {conflict && (
            <ConflictDialog conflict={conflict} labelOf={(id) => cardLabel(data.byId[id])}
                            onResolve={(merged) => saveChanges(conflict.theirs, conflict.theirs, merged)}
                            onEditMerged={(merged) => { setEditing({ id: conflict.card.id, base: conflict.theirs, draft: merged }); setConflict(null); }}
                            onDiscard={() => stopEdit(conflict.card.id)} />
          )}
        </main>
      </Shell>
    </BoardProvider>
  ));
}
