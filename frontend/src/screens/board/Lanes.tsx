// The board's lanes: Observations, Stories, and Experiments in one column per status, each a
// sortable list of cards (grouped under their clusters), inside the drag-and-drop context.
import { DndContext, DragOverlay, useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useState, type ReactNode } from "react";
import { usePhoneLayout } from "../../lib/media";
import { clusterRuns } from "../../lib/workshop";
import type { Card } from "../../types";
import { AddCard } from "./AddCard";
import { useBoardContext } from "./boardContext";
import { STATUSES, type ContainerId } from "./cardMeta";
import { CardFace, SortableCard } from "./CardView";
import { LaneTabs, laneTabId, lanePanelId, type LaneId } from "./LaneTabs";
import type { useBoardDnd } from "./useBoardDnd";
import { ClusterGroup, ClusterTray } from "./workshop/Clusters";
import { Ranking } from "./workshop/WorkshopBar";

type Dnd = ReturnType<typeof useBoardDnd>;

export function Lanes({ dnd, setHighlight }: { dnd: Dnd; setHighlight(ids: string[] | null): void }) {
  const { view, data } = useBoardContext();
  const { columns, byId } = data;
  const cards = (c: ContainerId) => <LaneCards container={c} ids={dnd.itemsOf(c)} />;
  const phone = usePhoneLayout();
  const [lane, setLane] = useState<LaneId>("observation");
  const experiments = STATUSES.reduce((n, s) => n + columns[`exp:${s.value}`].length, 0);
  // on a phone each lane is a tab panel and only the chosen one shows
  const panel = (id: LaneId) => phone
    ? { id: lanePanelId(id), role: "tabpanel", "aria-labelledby": laneTabId(id), hidden: id !== lane }
    : { "aria-labelledby": `lane-${id}` };
  return (
    <DndContext {...dnd.context} autoScroll={{ threshold: { x: 0.08, y: 0.12 }, acceleration: 6 }}>
      <div className="lanes-wrap">
        <ClusterTray cards={data.cards} highlight={setHighlight} />
        <Ranking cards={byId} />
        {phone && <LaneTabs selected={lane} onSelect={setLane}
                            counts={{ observation: columns.observation.length, story: columns.story.length, experiment: experiments }} />}
        <div className={`lanes ${phone ? "one-lane" : ""}`} aria-busy={!view.ready}>
          <Lane id="observation" title="Observations" count={columns.observation.length} add={<AddCard kind="observation" />}
                panel={panel("observation")} hint="What was seen or heard. #tags tag it.">
            <DropList id="observation" items={dnd.itemsOf("observation")} label="Observations">{cards("observation")}</DropList>
          </Lane>
          <Lane id="story" title="Stories" count={columns.story.length} add={<AddCard kind="story" />} panel={panel("story")}
                hint="Customer stories, evidenced by observations. Drop an observation on a story to cite it.">
            <DropList id="story" items={dnd.itemsOf("story")} label="Stories">{cards("story")}</DropList>
          </Lane>
          <section className="lane lane-experiments" {...panel("experiment")}>
            <div className="lane-head">
              <h2 id="lane-experiment">Experiments <span className="count">{experiments}</span></h2>
              <p className="lane-hint">Drag a card to another column to change its status.</p>
            </div>
            <div className="exp-columns">
              {STATUSES.map((s) => (
                <div key={s.value} className={`exp-column col-${s.value}`}>
                  <h3 className="col-head"><span className={`status-dot status-${s.value}`} aria-hidden="true" />{s.label}
                    <span className="count">{columns[`exp:${s.value}`].length}</span></h3>
                  {s.value === "draft" && <AddCard kind="experiment" />}
                  <DropList id={`exp:${s.value}`} items={dnd.itemsOf(`exp:${s.value}`)} label={`Experiments: ${s.label}`} empty={s.hint}>
                    {cards(`exp:${s.value}`)}
                  </DropList>
                </div>
              ))}
            </div>
          </section>
        </div>
      </div>
      <DragOverlay dropAnimation={{ duration: 160, easing: "ease-out" }}>
        {dnd.activeCard ? <CardFace card={dnd.activeCard} overlay /> : null}
      </DragOverlay>
    </DndContext>
  );
}

/** A lane's cards in their order, each cluster's under its label. */
function LaneCards({ container, ids }: { container: ContainerId; ids: string[] }) {
  const { data } = useBoardContext();
  const seen: Record<string, number> = {};
  const list = ids.map((id) => data.byId[id]).filter(Boolean);
  const one = (card: Card) => <SortableCard key={card.id} card={card} />;
  return clusterRuns(list, data.clusters).map((run) => {
    if (!run.cluster) return run.items.map(one);
    const n = (seen[run.cluster.id] = (seen[run.cluster.id] ?? 0) + 1);
    return (
      <ClusterGroup key={`group:${run.cluster.id}:${n}`} cluster={run.cluster} container={container} count={run.items.length}>
        {run.items.map(one)}
      </ClusterGroup>
    );
  });
}

type PanelProps = { id?: string; role?: string; hidden?: boolean; "aria-labelledby": string };

function Lane({ id, title, count, add, hint, panel, children }: {
  id: string; title: string; count: number; add: ReactNode; hint: string; panel: PanelProps; children: ReactNode;
}) {
  return (
    <section className={`lane lane-${id}`} {...panel}>
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
