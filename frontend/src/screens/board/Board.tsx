// The board of an initiative: Observations · Stories · Experiments (by status), live for everyone on it.
import {
  closestCenter, DndContext, DragOverlay, KeyboardSensor, PointerSensor, pointerWithin, TouchSensor, useDroppable, useSensor,
  useSensors, type Announcements, type CollisionDetection, type DragEndEvent, type DragOverEvent, type DragStartEvent,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Avatar } from "../../components/Avatar";
import { Back, Eye, Mic, Offline, Panel } from "../../components/Icons";
import { PowerUpMeters } from "../../components/PowerUps";
import { ReportsMenu } from "../../components/ReportsMenu";
import { useToast } from "../../components/Toasts";
import { useEngagementDetail } from "../../hooks";
import { changesAgainst, EDITABLE, pick, type Values } from "../../lib/conflict";
import { chainOf, citedByMap } from "../../lib/evidence";
import { cardLabel } from "../../lib/format";
import { byLanePosition, positionBetween, positionForIndex } from "../../lib/positions";
import { parseCapture } from "../../lib/tags";
import { clusterDrop, clusterOf, clusterRuns, hideAuthors, orderByCluster } from "../../lib/workshop";
import { SocketError, type BoardSync, type Connection } from "../../realtime";
import { Link, navigate, paths, useLocation, useTitle } from "../../router";
import { useSession } from "../../session";
import type { Card, CardKind, ExperimentStatus, PresenceMember } from "../../types";
import type { Cluster } from "../../workshopTypes";
import { STATUS_LABEL as INITIATIVE_STATUS } from "../Initiatives";
import { useProposeDialog } from "../library/ProposeDialog";
import { Shell } from "../Shell";
import { CardDrawer } from "./CardDrawer";
import { CardEditor } from "./CardEditor";
import { cardAriaLabel, containerOf, KIND_LABEL, STATUSES, type ContainerId } from "./cardMeta";
import { CardFace, SortableCard, type CardActions } from "./CardView";
import { ConflictDialog, type ConflictState } from "./ConflictDialog";
import { AccessPanel, ActivityPanel, KpiPanel } from "./Panels";
import { boardKeyboardCoordinates, canDrop } from "./dropRules";
import { PiiHint, useMaskedEditToast, usePiiGuard } from "./PiiNotice";
import { useBoard, useBudget } from "./useBoard";
import { useCommentCounts } from "./useComments";
import { learningMissing, useConclude } from "./useConclude";
import { ClusterGroup, ClusterTray } from "./workshop/Clusters";
import { FocusBanner } from "./workshop/FocusBanner";
import { useWorkshop, withWorkshop } from "./workshop/useWorkshop";
import { Ranking, WorkshopBar } from "./workshop/WorkshopBar";

type PanelName = "activity" | "kpis" | "access";
const CONTAINERS: ContainerId[] = ["observation", "story", ...STATUSES.map((s) => `exp:${s.value}` as ContainerId)];

function group(cards: Card[], clusters: Record<string, Cluster>): Record<ContainerId, Card[]> {
  const out = Object.fromEntries(CONTAINERS.map((c) => [c, [] as Card[]])) as Record<ContainerId, Card[]>;
  for (const c of cards) out[containerOf(c)]?.push(c);
  for (const k of CONTAINERS) out[k] = orderByCluster(out[k].sort(byLanePosition), clusters);
  return out;
}

/** Focus a card's body once it is rendered (after a move it may be a new element). */
function focusCard(id: string) {
  let tries = 0;
  const attempt = () => {
    const el = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(id)}"] .card-body`);
    if (el) el.focus();
    else if (tries++ < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

export function Board({ initiativeId }: { initiativeId: string }) {
  const { engagement, me } = useSession();
  const toast = useToast();
  const { sync, view } = useBoard(initiativeId);
  const initiative = view.state.initiative;
  const eng = engagement(initiative?.engagement_id);
  const canWrite = !!eng && !eng.roles.includes("viewer");
  const { detail, sideOf } = useEngagementDetail(initiative?.engagement_id);
  const budget = useBudget(sync, initiative?.engagement_id);
  const workshop = useWorkshop(sync, view, eng);
  const clusters = workshop.slice.clusters;
  const proposal = useProposeDialog(eng);
  useTitle(initiative?.title ?? "Board");

  const cards = useMemo(() => hideAuthors(view.cards, workshop.slice.anonymous), [view.cards, workshop.slice.anonymous]);
  const columns = useMemo(() => group(cards, clusters), [cards, clusters]);
  const byId = useMemo(() => Object.fromEntries(cards.map((c) => [c.id, c])) as Record<string, Card>, [cards]);
  const sessions = useMemo(() => Object.fromEntries((view.extras?.shadowing_sessions ?? []).map((s) => [s.id, s])), [view.extras]);
  const budgetByCard = useMemo(() => {
    const out: Record<string, typeof budget> = {};
    for (const b of budget) if (b.card_id) (out[b.card_id] ??= []).push(b);
    return out;
  }, [budget]);

  const [panel, setPanel] = useState<PanelName | null>(() => {
    const asked = new URLSearchParams(location.search).get("panel"); // ?panel=kpis (from the getting-started checklist)
    if (asked === "activity" || asked === "kpis" || asked === "access") return asked;
    return window.innerWidth >= 1500 ? "activity" : null;
  });
  const [editing, setEditing] = useState<{ id: string; base: Card; draft: Values } | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [highlight, setHighlight] = useState<string[] | null>(null);
  const lastEditor = useRef<Record<string, string>>({});
  const [, bump] = useState(0);
  const citedBy = useMemo(() => citedByMap(view.cards), [view.cards]);
  const chains = useMemo(() => Object.fromEntries(view.cards.map((c) => [c.id, chainOf(c, byId, citedBy)])), [view.cards, byId, citedBy]);
  const commentCounts = useCommentCounts(sync);
  const conclude = useConclude(sync);
  const maskedEdit = useMaskedEditToast(sync);

  // the card drawer follows the URL (`?card=<id>`), so other screens can link to a card
  const drawerId = useLocation().query.get("card");
  const [focusComposer, setFocusComposer] = useState(false);
  const openCard = useCallback((card: Card | string, comment = false) => {
    setFocusComposer(comment);
    navigate(paths.board(initiativeId, typeof card === "string" ? card : card.id));
  }, [initiativeId]);
  const closeDrawer = useCallback(() => {
    navigate(paths.board(initiativeId));
    if (drawerId) focusCard(drawerId);
  }, [initiativeId, drawerId]);
  useEffect(() => {
    if (!drawerId || !view.ready) return;
    const id = requestAnimationFrame(() => document.querySelector(`[data-card-id="${CSS.escape(drawerId)}"]`)
      ?.scrollIntoView({ block: "nearest", inline: "nearest" }));
    return () => cancelAnimationFrame(id);
  }, [drawerId, view.ready]);

  // who last edited each card (from the live events), to say who made the version you met
  useEffect(() => sync.onBoardEvent((e) => {
    if (e.type.startsWith("card.") && e.actor && e.data?.id) {
      lastEditor.current[String(e.data.id)] = e.actor.name;
      bump((n) => n + 1);
    }
  }), [sync]);

  // say so when the connection comes back
  const prevConnection = useRef<Connection>(view.connection);
  useEffect(() => {
    if (prevConnection.current === "offline" && view.connection === "live") {
      toast.show({ message: `Back online — the board caught up to change #${view.state.seq}.`, tone: "success" });
    }
    prevConnection.current = view.connection;
  }, [view.connection, view.state.seq, toast]);

  // ---- actions -----------------------------------------------------------------------------------

  const startEdit = useCallback((card: Card) => {
    if (!canWrite) return;
    setEditing({ id: card.id, base: card, draft: pick(card, EDITABLE[card.kind]) });
  }, [canWrite]);

  const stopEdit = useCallback((id?: string) => {
    setEditing(null);
    setConflict(null);
    if (id) focusCard(id);
  }, []);

  const saveChanges = useCallback(async (card: Card, base: Card, wanted: Values) => {
    const fields = EDITABLE[card.kind];
    const changes = changesAgainst(fields, wanted, pick(base, fields));
    if (Object.keys(changes).length === 0) return stopEdit(card.id);
    setSaving(true);
    try {
      const saved = await sync.updateCard(byId[card.id] ?? base, changes as Partial<Card>, base.version);
      stopEdit(card.id);
      maskedEdit(saved, changes.text as string | undefined);
    } catch (err) {
      if (err instanceof SocketError && err.code === "stale_version" && err.current) {
        setConflict({ card: base, base: pick(base, fields), mine: wanted, theirs: err.current as unknown as Card,
                      by: lastEditor.current[card.id] });
      } else if (err instanceof SocketError && err.code === "not_found") {
        toast.error("This card was deleted while you were editing. Your text is still in the editor: copy it if you need it.");
      } else {
        toast.error(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setSaving(false);
    }
  }, [sync, byId, stopEdit, toast, maskedEdit]);

  const remove = useCallback(async (card: Card) => {
    const list = columns[containerOf(card)];
    const idx = list.findIndex((c) => c.id === card.id);
    const neighbour = list[idx + 1] ?? list[idx - 1];
    try {
      await sync.deleteCard(card);
      if (neighbour) focusCard(neighbour.id);
      toast.show({
        message: `${KIND_LABEL[card.kind]} “${cardLabel(card)}” deleted.`,
        action: {
          label: "Undo",
          run: async () => {
            try {
              await sync.restoreCard(card.id);
              focusCard(card.id);
            } catch (err) {
              toast.error(err instanceof Error ? err.message : String(err));
            }
          },
        },
      });
    } catch (err) {
      toast.error(err instanceof SocketError && err.code === "stale_version"
        ? "Someone changed this card a moment ago; look at it again before deleting."
        : err instanceof Error ? err.message : String(err));
    }
  }, [sync, columns, toast]);

  const move = useCallback(async (card: Card, dir: "up" | "down" | "left" | "right") => {
    const from = containerOf(card);
    const list = columns[from];
    const idx = list.findIndex((c) => c.id === card.id);
    try {
      if (dir === "up" || dir === "down") {
        const mates = list.filter((c) => clusterOf(c, clusters) === clusterOf(card, clusters)); // within its cluster's group
        const at = mates.findIndex((c) => c.id === card.id);
        const to = dir === "up" ? at - 1 : at + 1;
        if (to < 0 || to >= mates.length) return;
        const pos = positionForIndex(mates, card.id, to);
        if (pos !== null) await sync.updateCard(card, { lane_position: pos });
      } else {
        if (card.kind !== "experiment") {
          toast.show({ message: card.kind === "observation"
            ? "Observations stay in their lane. To cite one, drop it on a story or open the story's editor."
            : "Stories stay in their lane." });
          return;
        }
        const si = STATUSES.findIndex((s) => s.value === (card.status ?? "draft"));
        const target = STATUSES[dir === "left" ? si - 1 : si + 1];
        if (!target) return;
        const dest = columns[`exp:${target.value}`];
        const pos = positionBetween(dest[Math.min(idx, dest.length) - 1]?.lane_position, dest[Math.min(idx, dest.length)]?.lane_position);
        if (conclude.intercept(card, { status: target.value, lane_position: pos })) return;
        await sync.updateCard(card, { status: target.value, lane_position: pos });
      }
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    } finally {
      focusCard(card.id);
    }
  }, [columns, clusters, sync, toast, conclude]);

  const cite = useCallback(async (story: Card, observation: Card) => {
    const have = story.evidence ?? [];
    if (have.includes(observation.id)) {
      toast.show({ message: `Already cited by “${cardLabel(story)}”.` });
      return;
    }
    try {
      try {
        await sync.updateCard(story, { evidence: [...have, observation.id] });
      } catch (err) {
        if (!(err instanceof SocketError && err.code === "stale_version" && err.current)) throw err;
        const current = err.current as unknown as Card; // adding a citation commutes: add it to the current list
        await sync.updateCard(current, { evidence: [...new Set([...(current.evidence ?? []), observation.id])] });
      }
      toast.show({ message: `Cited as evidence for “${cardLabel(story)}”.`, tone: "success" });
    } catch (err) {
      toast.error(err instanceof Error ? err.message : String(err));
    }
  }, [sync, toast]);

  const actions: CardActions = useMemo(() => ({ edit: startEdit, remove, move, highlight: setHighlight, open: openCard,
    propose: proposal.open }), [startEdit, remove, move, openCard, proposal.open]);

  // ---- drag and drop -----------------------------------------------------------------------------

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: boardKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );
  const [activeId, setActiveId] = useState<string | null>(null);
  const [dragItems, setDragItems] = useState<Record<ContainerId, string[]> | null>(null);
  const [citeTarget, setCiteTarget] = useState<string | null>(null);
  const activeCard = activeId ? byId[activeId] : null;

  const itemsOf = (c: ContainerId) => dragItems?.[c] ?? columns[c].map((x) => x.id);
  const containerIn = (items: Record<ContainerId, string[]>, id: string): ContainerId | null =>
    (Object.keys(items) as ContainerId[]).find((k) => items[k].includes(id)) ?? null;

  // after moving a card to another column, hold the current target for a frame: the layout shifts
  // under the pointer and would otherwise bounce the card between columns
  const recentlyMoved = useRef(false);
  const lastOver = useRef<string | null>(null);
  useEffect(() => {
    const id = requestAnimationFrame(() => { recentlyMoved.current = false; });
    return () => cancelAnimationFrame(id);
  }, [dragItems]);

  const collision: CollisionDetection = useCallback((args) => {
    if (recentlyMoved.current && lastOver.current) return [{ id: lastOver.current }];
    const kind = args.active.data.current?.kind as CardKind | undefined;
    const allowed = args.droppableContainers.filter((c) => canDrop(kind, c));
    const scoped = { ...args, droppableContainers: allowed };
    let hits = pointerWithin(scoped);
    if (hits.length) { // a card first, then a cluster, then a lane or column
      const rank = (h: (typeof hits)[number]) => ({ card: 0, cluster: 1 })[h.data?.droppableContainer?.data?.current?.type as string] ?? 2;
      const best = Math.min(...hits.map(rank));
      hits = hits.filter((h) => rank(h) === best);
    } else {
      hits = closestCenter(scoped);
    }
    lastOver.current = hits.length ? String(hits[0].id) : null;
    return hits;
  }, []);

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(String(active.id));
    setDragItems(Object.fromEntries(CONTAINERS.map((c) => [c, columns[c].map((x) => x.id)])) as Record<ContainerId, string[]>);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const card = byId[String(active.id)];
    if (!card || !over) return setCiteTarget(null);
    const o = over.data.current as { type?: string; kind?: CardKind; container?: ContainerId } | undefined;
    if (card.kind === "observation") {
      setCiteTarget(o?.type === "card" && o.kind === "story" ? String(over.id) : null);
      return;
    }
    if (card.kind !== "experiment" || !o?.container?.startsWith("exp:") || over.id === active.id) return;
    setDragItems((items) => {
      if (!items) return items;
      const from = containerIn(items, card.id);
      // where the card is over *now* (a card's own data says where it was before this drag)
      const to = o.type === "card" ? containerIn(items, String(over.id)) : o.container!;
      if (!from || !to || from === to) return items;
      recentlyMoved.current = true;
      const dest = items[to].filter((x) => x !== card.id);
      const at = dest.indexOf(String(over.id));
      dest.splice(at >= 0 ? at : dest.length, 0, card.id);
      return { ...items, [from]: items[from].filter((x) => x !== card.id), [to]: dest };
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const items = dragItems;
    setActiveId(null);
    setDragItems(null);
    setCiteTarget(null);
    const card = byId[String(active.id)];
    if (!card || !over || !items) return;
    const o = over.data.current as { type?: string; kind?: CardKind; clusterId?: string; container?: ContainerId } | undefined;
    if (card.kind === "observation" && o?.type === "card" && o.kind === "story") {
      const story = byId[String(over.id)];
      if (story) cite(story, card);
      return;
    }
    const container = containerIn(items, card.id);
    if (o?.type === "cluster" && o.clusterId) { // on a cluster: joins it (in a lane's group, also that column's status)
      const status = o.container?.startsWith("exp:") ? (o.container.slice(4) as ExperimentStatus) : undefined;
      workshop.joinCluster(card, o.clusterId, status && status !== (card.status ?? "draft") ? { status } : {});
      return;
    }
    if (!container) return;
    let list = items[container];
    const from = list.indexOf(card.id);
    const overIndex = list.indexOf(String(over.id));
    if (overIndex >= 0 && overIndex !== from) list = arrayMove(list, from, overIndex);
    const status = container.startsWith("exp:") ? (container.slice(4) as ExperimentStatus) : undefined;
    const statusChanged = card.kind === "experiment" && status !== (card.status ?? "draft");
    const original = columns[container].map((c) => c.id);
    // dropped on a card of a cluster, it joins that cluster; on an unclustered card, it leaves its own
    const placed = clusterDrop(list, card.id, byId[String(over.id)] ? String(over.id) : null, byId, clusters);
    const clusterChanged = placed.cluster_id !== clusterOf(card, clusters);
    if (!statusChanged && !clusterChanged && original.join() === list.join()) return;
    const changes: Partial<Card> = statusChanged ? { status, lane_position: placed.lane_position } : { lane_position: placed.lane_position };
    if (conclude.intercept(card, changes)) return; // concluding asks for the learning card first
    if (clusterChanged) return workshop.joinCluster(card, placed.cluster_id, changes);
    sync.updateCard(card, changes)
      .catch((err) => learningMissing(err) ? conclude.ask(card, changes) : toast.error(err instanceof Error ? err.message : String(err)));
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(byId[String(active.id)])}.`,
    onDragOver: ({ active, over }) => over ? `${describe(byId[String(active.id)])} is over ${overName(over.id, byId, clusters)}.` : "Not over a place to drop.",
    onDragEnd: ({ active, over }) => over ? `Dropped ${describe(byId[String(active.id)])} on ${overName(over.id, byId, clusters)}.` : "Dropped back where it was.",
    onDragCancel: ({ active }) => `Cancelled. ${describe(byId[String(active.id)])} is back where it was.`,
  };

  // ---- render ------------------------------------------------------------------------------------

  if (view.connection === "error" && !view.ready) {
    return (
      <Shell engagementId={null}>
        <main className="page"><div className="empty-state"><h1>Board not found</h1><p>{view.error ?? "This initiative does not exist or is not in one of your engagements."}</p><Link to="/" className="button">Back to my initiatives</Link></div></main>
      </Shell>
    );
  }

  const renderCard = (card: Card) => {
    const isEditing = editing?.id === card.id;
    const current = byId[card.id];
    const changedBy = isEditing && current && current.version > editing!.base.version ? (lastEditor.current[card.id] ?? "Someone") : null;
    return (
      <SortableCard key={card.id} card={card} canWrite={canWrite} editing={isEditing} actions={actions}
                    highlighted={!!highlight?.includes(card.id) || drawerId === card.id} citeTarget={citeTarget === card.id}
                    citedBy={citedBy[card.id]} chain={chains[card.id]} comments={commentCounts[card.id]}
                    budget={budgetByCard[card.id]} session={card.shadowing_session_id ? sessions[card.shadowing_session_id] : undefined}
                    evidenceLabels={(card.evidence ?? []).map((id) => cardLabel(byId[id]))}
                    lastEditor={lastEditor.current[card.id]}
                    editor={isEditing ? (
                      <CardEditor card={card} draft={editing!.draft} busy={saving} changedMeanwhile={changedBy}
                                  onChange={(draft) => setEditing((e) => (e ? { ...e, draft } : e))}
                                  onSave={() => saveChanges(card, editing!.base, editing!.draft)}
                                  onCancel={() => stopEdit(card.id)}
                                  observations={columns.observation} budget={budgetByCard[card.id] ?? []}
                                  stories={card.kind === "experiment" ? columns.story : undefined}
                                  onConclude={() => conclude.ask(card, changesAgainst(EDITABLE.experiment, editing!.draft, pick(editing!.base, EDITABLE.experiment)) as Partial<Card>,
                                                                 editing!.base.version, () => stopEdit(card.id))} />
                    ) : undefined} />
    );
  };

  const cardsIn = (c: ContainerId) => itemsOf(c).map((id) => byId[id]).filter(Boolean);
  // a lane's cards, each cluster's under its label
  const renderCards = (c: ContainerId) => {
    const seen: Record<string, number> = {};
    return clusterRuns(cardsIn(c), clusters).map((run) => {
      if (!run.cluster) return run.items.map(renderCard);
      const n = (seen[run.cluster.id] = (seen[run.cluster.id] ?? 0) + 1);
      return (
        <ClusterGroup key={`group:${run.cluster.id}:${n}`} cluster={run.cluster} container={c} count={run.items.length}>
          {run.items.map(renderCard)}
        </ClusterGroup>
      );
    });
  };

  return withWorkshop(workshop, (
    <Shell engagementId={initiative?.engagement_id ?? null} active="board">
      <div className={`board-page ${panel ? "with-panel" : ""}`}>
        <header className="board-head">
          <div className="board-title-row">
            {initiative && (
              <Link to={paths.initiatives(initiative.engagement_id)} className="icon-button back-link" aria-label="Back to initiatives"><Back /></Link>
            )}
            <div className="board-title">
              <h1>{initiative?.title ?? "Loading the board…"}</h1>
              {initiative && <span className={`status-chip status-${initiative.status}`}>{INITIATIVE_STATUS[initiative.status]}</span>}
            </div>
            <div className="board-head-right">
              <PresenceStack members={view.presence} />
              <ConnectionPill connection={view.connection} pending={view.pending} />
              {eng && !canWrite && <span className="readonly-chip" title="Viewers read everything and change nothing"><Eye size={14} /> View only</span>}
              {initiative && <ReportsMenu initiative={initiative} />}
              {canWrite && <Link to={paths.capture(initiativeId)} className="button small"><Mic size={14} /> Shadowing capture</Link>}
            </div>
          </div>
          <div className="board-sub">
            <PowerUpMeters powerUps={view.extras?.power_ups} compact />
            <div className="panel-tabs" role="group" aria-label="Side panels">
              {(["activity", "kpis", "access"] as const).map((p) => (
                <button key={p} type="button" className={`tab ${panel === p ? "active" : ""}`} aria-pressed={panel === p}
                        onClick={() => setPanel(panel === p ? null : p)}>
                  {p === "activity" ? "Activity" : p === "kpis" ? "KPIs" : "Access"}
                </button>
              ))}
              {panel && <button type="button" className="icon-button" aria-label="Close side panel" onClick={() => setPanel(null)}><Panel size={16} /></button>}
            </div>
          </div>
        </header>
        <WorkshopBar />
        <FocusBanner sync={sync} cards={byId} sideOf={sideOf} />
        {view.connection === "offline" && (
          <div className="banner banner-offline" role="alert">
            <Offline size={18} />
            <span><strong>Connection lost — reconnecting…</strong> What you change is sent once the connection is back, and the board then catches up from the event log.</span>
          </div>
        )}
        {view.connection === "revoked" && (
          <div className="banner banner-offline" role="alert">
            <span><strong>You are no longer signed in to this board.</strong> <Link to="/signin">Sign in again</Link></span>
          </div>
        )}
        <div className="board-main">
          <DndContext sensors={sensors} collisionDetection={collision} autoScroll={{ threshold: { x: 0.08, y: 0.12 }, acceleration: 6 }} onDragStart={onDragStart} onDragOver={onDragOver}
                      onDragEnd={onDragEnd} onDragCancel={() => { setActiveId(null); setDragItems(null); setCiteTarget(null); }}
                      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}>
            <div className="lanes-wrap">
              <ClusterTray cards={cards} highlight={setHighlight} />
              <Ranking cards={byId} />
              <div className="lanes" aria-busy={!view.ready}>
                <Lane id="observation" title="Observations" count={columns.observation.length}
                      add={canWrite ? <AddCard kind="observation" sync={sync} /> : null}
                      hint="What was seen or heard. #tags tag it.">
                  <DropList id="observation" items={itemsOf("observation")} label="Observations">
                    {renderCards("observation")}
                  </DropList>
                </Lane>
                <Lane id="story" title="Stories" count={columns.story.length}
                      add={canWrite ? <AddCard kind="story" sync={sync} /> : null}
                      hint="Customer stories, evidenced by observations. Drop an observation on a story to cite it.">
                  <DropList id="story" items={itemsOf("story")} label="Stories">
                    {renderCards("story")}
                  </DropList>
                </Lane>
                <section className="lane lane-experiments" aria-labelledby="lane-experiment">
                  <div className="lane-head">
                    <h2 id="lane-experiment">Experiments <span className="count">{STATUSES.reduce((n, s) => n + columns[`exp:${s.value}`].length, 0)}</span></h2>
                    <p className="lane-hint">Drag a card to another column to change its status.</p>
                  </div>
                  <div className="exp-columns">
                    {STATUSES.map((s) => (
                      <div key={s.value} className={`exp-column col-${s.value}`}>
                        <h3 className="col-head"><span className={`status-dot status-${s.value}`} aria-hidden="true" />{s.label}
                          <span className="count">{columns[`exp:${s.value}`].length}</span></h3>
                        {s.value === "draft" && canWrite && <AddCard kind="experiment" sync={sync} />}
                        <DropList id={`exp:${s.value}`} items={itemsOf(`exp:${s.value}`)} label={`Experiments: ${s.label}`} empty={s.hint}>
                          {renderCards(`exp:${s.value}`)}
                        </DropList>
                      </div>
                    ))}
                  </div>
                </section>
              </div>
            </div>
            <DragOverlay dropAnimation={{ duration: 160, easing: "ease-out" }}>
              {activeCard ? (
                <CardFace card={activeCard} canWrite={canWrite} editing={false} actions={actions} highlighted={false}
                          citeTarget={false} budget={budgetByCard[activeCard.id]} overlay />
              ) : null}
            </DragOverlay>
          </DndContext>
          {panel && eng && (
            <aside className="side-panels" aria-label="Side panel">
              {panel === "activity" && <ActivityPanel sync={sync} ready={view.ready} seq={view.state.seq} sideOf={sideOf} />}
              {panel === "kpis" && <KpiPanel sync={sync} agreement={view.extras?.kpis} engagement={eng} />}
              {panel === "access" && <AccessPanel sync={sync} grants={view.extras?.access_grants} engagement={eng} />}
            </aside>
          )}
          {drawerId && me && (
            <CardDrawer key={drawerId} cardId={drawerId} card={byId[drawerId]} ready={view.ready} byId={byId} citedBy={citedBy[drawerId] ?? []}
                        sync={sync} canWrite={canWrite} members={detail?.members ?? []} me={me.user} mySide={eng?.side}
                        focusComposer={focusComposer} onClose={closeDrawer} onOpen={(id) => openCard(id)} onEdit={startEdit} highlight={setHighlight} />
          )}
        </div>
        {proposal.dialog}
        {conclude.dialog}
        {conflict && (
          <ConflictDialog conflict={conflict} labelOf={(id) => cardLabel(byId[id])}
                          onResolve={(merged) => saveChanges(conflict.theirs, conflict.theirs, merged)}
                          onEditMerged={(merged) => { setEditing({ id: conflict.card.id, base: conflict.theirs, draft: merged }); setConflict(null); }}
                          onDiscard={() => stopEdit(conflict.card.id)} />
        )}
      </div>
    </Shell>
  ));
}

const INSTRUCTIONS = "Press Space to pick up the card, the arrow keys to move it, Space to drop it, Escape to cancel. " +
  "Or: Alt with the up and down arrows moves it within its column, Alt with left and right moves an experiment to the previous or next status. " +
  "Enter edits the card; C opens its comments and evidence chain; Delete removes it (with undo). "
  + "In a workshop: plus and minus add or take back a vote, G puts the card in a cluster, F (facilitators) focuses everyone on it.";

function describe(card: Card | undefined) {
  return card ? cardAriaLabel(card) : "the card";
}

function overName(id: string | number, byId: Record<string, Card>, clusters: Record<string, Cluster>) {
  const s = String(id);
  if (byId[s]) return byId[s].kind === "story" ? `story “${cardLabel(byId[s])}” (drop to cite as evidence)` : `“${cardLabel(byId[s])}”`;
  const cluster = /^(cluster|group):/.test(s) ? clusters[s.split(":").pop()!] : undefined;
  if (cluster) return `the cluster “${cluster.label}” (drop to add the card to it)`;
  const c = s.replace(/^col:/, "");
  if (c.startsWith("exp:")) return `the ${c.slice(4)} column`;
  return `the ${c} lane`;
}

function Lane({ id, title, count, add, hint, children }: { id: string; title: string; count: number; add: ReactNode; hint: string; children: ReactNode }) {
  return (
    <section className={`lane lane-${id}`} aria-labelledby={`lane-${id}`}>
      <div className="lane-head">
        <h2 id={`lane-${id}`}>{title} <span className="count">{count}</span></h2>
        <p className="lane-hint">{hint}</p>
        {add}
      </div>
      {children}
    </section>
  );
}

function DropList({ id, items, label, empty, children }: { id: ContainerId; items: string[]; label: string; empty?: string; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: `col:${id}`, data: { type: "column", container: id } });
  return (
    <SortableContext id={id} items={items} strategy={verticalListSortingStrategy}>
      <ul ref={setNodeRef} className={`card-list ${isOver ? "is-over" : ""}`} aria-label={label}>
        {children}
        {items.length === 0 && <li className="empty-drop" aria-hidden="true">{empty ?? "Nothing here yet"}</li>}
      </ul>
    </SortableContext>
  );
}

function AddCard({ kind, sync }: { kind: CardKind; sync: BoardSync }) {
  const toast = useToast();
  const pii = usePiiGuard(sync);
  const [value, setValue] = useState("");
  const label = kind === "observation" ? "Add observation" : kind === "story" ? "Add story" : "Add experiment";
  const placeholder = kind === "observation" ? "What did you see or hear? #tag — Enter" : kind === "story" ? "Story title — Enter" : "Experiment title — Enter";
  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") { setValue(""); return; }
    if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const typed = value.trim();
    if (!typed) return;
    setValue("");
    try {
      if (kind === "observation") {
        const { text, tags } = parseCapture(typed);
        pii.after(await sync.createCard({ kind, text, tags }), text);
      } else {
        await sync.createCard({ kind, title: typed.slice(0, 200) });
      }
    } catch (err) {
      setValue((v) => v || typed); // give the text back: nothing typed is thrown away
      toast.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="add-card">
      <label className="visually-hidden" htmlFor={`add-${kind}`}>{label}</label>
      <input id={`add-${kind}`} value={value} placeholder={placeholder} onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown}
             maxLength={kind === "observation" ? 5000 : 200} autoComplete="off" />
      {kind === "observation" && <PiiHint text={value} />}
      {pii.element}
    </div>
  );
}

function PresenceStack({ members }: { members: PresenceMember[] }) {
  if (!members.length) return null;
  const shown = members.slice(0, 6);
  return (
    <div className="presence" role="group" aria-label={`On this board now: ${members.map((m) => `${m.name} (${m.side})`).join(", ")}`}>
      {shown.map((m) => <Avatar key={m.id} name={m.name} side={m.side} title={`${m.name} — ${m.side} side${m.connections > 1 ? `, ${m.connections} tabs` : ""}`} />)}
      {members.length > shown.length && <span className="avatar avatar-md side-none">+{members.length - shown.length}</span>}
    </div>
  );
}

function ConnectionPill({ connection, pending }: { connection: Connection; pending: number }) {
  const label = connection === "live" ? (pending ? "Saving…" : "Live") : connection === "connecting" ? "Connecting…" : connection === "offline" ? "Offline" : connection === "revoked" ? "Signed out" : "Error";
  return <span className={`connection conn-${connection}`} role="status" aria-label={`Connection: ${label}`}><span className="conn-dot" aria-hidden="true" />{label}</span>;
}
