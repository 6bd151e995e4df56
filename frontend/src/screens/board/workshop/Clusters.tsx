// Clusters: a tray of labelled drop targets above the lanes, each lane's clustered cards grouped under
// their label, and a picker on every card (the keyboard's way in: G on a focused card).
import { useDndContext, useDroppable } from "@dnd-kit/core";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Plus } from "../../../components/Icons";
import { cardLabel } from "../../../lib/format";
import { clusterColour, clusterList } from "../../../lib/workshop";
import type { Card } from "../../../types";
import type { Cluster } from "../../../workshopTypes";
import type { ContainerId } from "../cardMeta";
import { Popover } from "./Popover";
import { useWorkshopContext } from "./useWorkshop";
import "./workshop.css";

const plural = (n: number) => `${n} card${n === 1 ? "" : "s"}`;

/** The board's clusters as drop targets: drop any card on one to group it; click one to light up its cards. */
export function ClusterTray({ cards, highlight }: { cards: Card[]; highlight(ids: string[] | null): void }) {
  const ws = useWorkshopContext();
  const [adding, setAdding] = useState(false);
  const [lit, setLit] = useState<string | null>(null);
  if (!ws) return null;
  const clusters = clusterList(ws.slice.clusters);
  if (!clusters.length && !ws.canFacilitate && !adding) return null;
  const members = (id: string) => cards.filter((c) => c.cluster_id === id).map((c) => c.id);
  const toggle = (id: string) => {
    const next = lit === id ? null : id;
    setLit(next);
    highlight(next ? members(next) : null);
    if (next) document.querySelector(`[data-cluster-id="${CSS.escape(next)}"]`)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  };
  return (
    <div className="ws-tray" role="group" aria-label="Clusters">
      <span className="ws-tray-title">Clusters</span>
      {clusters.map((c) => (
        <ClusterChip key={c.id} cluster={c} count={members(c.id).length} lit={lit === c.id} onToggle={() => toggle(c.id)} />
      ))}
      {ws.canWrite && (adding ? (
        <NewCluster onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button small ghost" onClick={() => setAdding(true)}><Plus size={14} /> New cluster</button>
      ))}
      <span className="ws-tray-hint muted tiny">{clusters.length ? "Drop a card on a cluster to group it, or press G on a card." : "Group related cards under a label."}</span>
    </div>
  );
}

function ClusterChip({ cluster, count, lit, onToggle }: { cluster: Cluster; count: number; lit: boolean; onToggle(): void }) {
  const ws = useWorkshopContext()!;
  const { setNodeRef, isOver, active } = useDroppable({ id: `cluster:${cluster.id}`, data: { type: "cluster", clusterId: cluster.id } });
  return (
    <div ref={setNodeRef} className={`ws-chip cl-${clusterColour(cluster.id, ws.slice.clusters)} ${isOver ? "is-over" : ""} ${active && ws.canWrite ? "drop-ready" : ""} ${lit ? "lit" : ""}`}
         data-testid="cluster-chip">
      <button type="button" className="ws-chip-main" aria-pressed={lit} onClick={onToggle}
              aria-label={`${cluster.label} ${count}: cluster of ${plural(count)}, show them`}>
        <span className="cl-dot" aria-hidden="true" />
        <span className="ws-chip-label">{cluster.label}</span>{" "}
        <span className="count">{count}</span>
      </button>
      {ws.canWrite && <ClusterMenu cluster={cluster} />}
    </div>
  );
}

function NewCluster({ onDone, onCreated }: { onDone(): void; onCreated?(c: Cluster): void }) {
  const ws = useWorkshopContext()!;
  const [label, setLabel] = useState("");
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!label.trim() || busy) return;
    setBusy(true);
    const made = await ws.createCluster(label.trim());
    setBusy(false);
    if (made) {
      setLabel("");
      onCreated?.(made);
      onDone();
    }
  };
  return (
    <form className="ws-new-cluster" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={id}>New cluster label</label>
      <input id={id} value={label} maxLength={120} autoFocus placeholder="Label — Enter" autoComplete="off"
             onChange={(e) => setLabel(e.target.value)} onKeyDown={(e) => e.key === "Escape" && onDone()} onBlur={() => !label && onDone()} />
    </form>
  );
}

/** Rename or dissolve a cluster (its cards stay on the board; Undo brings the group back). */
function ClusterMenu({ cluster }: { cluster: Cluster }) {
  const ws = useWorkshopContext()!;
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [label, setLabel] = useState(cluster.label);
  const close = () => { setOpen(false); setRenaming(false); };
  return (
    <>
      <button ref={button} type="button" className="icon-button ws-chip-menu" aria-label={`Cluster ${cluster.label}: rename or dissolve`}
              aria-haspopup="menu" aria-expanded={open} onClick={() => { setLabel(cluster.label); setOpen(!open); }}>
        <span aria-hidden="true">⋯</span>
      </button>
      {open && button.current && (
        <Popover anchor={button.current} onClose={close} label={`Cluster ${cluster.label}`} width={240}>
          {renaming ? (
            <form onSubmit={(e) => { e.preventDefault(); ws.renameCluster(cluster, label); close(); }}>
              <label className="ws-pop-title" htmlFor={`rename-${cluster.id}`}>Rename the cluster</label>
              <input id={`rename-${cluster.id}`} value={label} maxLength={120} onChange={(e) => setLabel(e.target.value)} autoComplete="off" />
              <div className="ws-pop-actions">
                <button type="button" className="button small ghost" onClick={close}>Cancel</button>
                <button type="submit" className="button small primary" disabled={!label.trim()}>Rename</button>
              </div>
            </form>
          ) : (
            <div role="menu" aria-label={`Cluster ${cluster.label}`}>
              <button type="button" role="menuitem" className="ws-menu-item" onClick={() => setRenaming(true)}>Rename…</button>
              <button type="button" role="menuitem" className="ws-menu-item danger" onClick={() => { close(); ws.dissolveCluster(cluster); }}>
                Dissolve (cards stay)
              </button>
            </div>
          )}
        </Popover>
      )}
    </>
  );
}

/** A lane's cards of one cluster, under its label; the whole group is a drop target for that cluster. */
export function ClusterGroup({ cluster, container, count, children }: { cluster: Cluster; container: ContainerId; count: number; children: ReactNode }) {
  const ws = useWorkshopContext();
  const { setNodeRef, isOver } = useDroppable({ id: `group:${container}:${cluster.id}`, data: { type: "cluster", clusterId: cluster.id, container } });
  const { active, over } = useDndContext();
  const dragged = active?.data.current?.card as Card | undefined;
  const o = over?.data.current as { type?: string; kind?: string; card?: Card } | undefined;
  const citing = dragged?.kind === "observation" && o?.type === "card" && o.kind === "story";
  const joining = !!dragged && dragged.cluster_id !== cluster.id && !citing &&
    (isOver || (o?.type === "card" && o.card?.cluster_id === cluster.id && o.card.id !== dragged.id));
  return (
    <li ref={setNodeRef} className={`cluster-group cl-${clusterColour(cluster.id, ws?.slice.clusters ?? {})} ${joining ? "joining" : ""}`} data-cluster-id={cluster.id}>
      <div className="cluster-head">
        <span className="cl-dot" aria-hidden="true" />
        <span className="cluster-label">{cluster.label}</span>
        <span className="count" aria-label={plural(count)}>{count}</span>
        {ws?.canWrite && <ClusterMenu cluster={cluster} />}
      </div>
      <ul className="cluster-cards" aria-label={`Cluster ${cluster.label}`}>{children}</ul>
    </li>
  );
}

/** A card's cluster: pick one, take it out, or start a new one with it. */
export function ClusterPicker({ card, anchor, onClose }: { card: Card; anchor: HTMLElement; onClose(): void }) {
  const ws = useWorkshopContext()!;
  const clusters = clusterList(ws.slice.clusters);
  const current = card.cluster_id && ws.slice.clusters[card.cluster_id] ? ws.slice.clusters[card.cluster_id] : null;
  const pick = (id: string | null) => { onClose(); ws.joinCluster(card, id); };
  return (
    <Popover anchor={anchor} onClose={onClose} label={`Cluster for ${cardLabel(card)}`} width={260}>
      <p className="ws-pop-title">Cluster for “{cardLabel(card)}”</p>
      {clusters.length > 0 && (
        <div role="menu" aria-label="Clusters">
          {clusters.map((c) => (
            <button key={c.id} type="button" role="menuitemradio" aria-checked={current?.id === c.id}
                    className={`ws-menu-item cl-${clusterColour(c.id, ws.slice.clusters)}`} onClick={() => pick(c.id)}>
              <span className="cl-dot" aria-hidden="true" /> {c.label}
            </button>
          ))}
          {current && <button type="button" role="menuitem" className="ws-menu-item" onClick={() => pick(null)}>Take out of “{current.label}”</button>}
        </div>
      )}
      <NewCluster onDone={() => undefined} onCreated={(c) => pick(c.id)} />
    </Popover>
  );
}
