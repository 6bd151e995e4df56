// The evidence chain both ways: what a card cites and what cites it, on the card face and in the drawer.
// Hovering or focusing a linked card highlights it on the board.
import { LinkIcon } from "../../components/Icons";
import { cardLabel } from "../../lib/format";
import type { Card, CardKind } from "../../types";
import { KIND_LABEL } from "./cardMeta";

const PLURAL: Record<CardKind, [string, string]> = {
  observation: ["observation", "observations"], story: ["story", "stories"], experiment: ["experiment", "experiments"],
};
const CITES: Partial<Record<CardKind, CardKind>> = { story: "observation", experiment: "story" };
const CITED_BY: Partial<Record<CardKind, CardKind>> = { observation: "story", story: "experiment" };

const n = (count: number, kind: CardKind) => `${count} ${PLURAL[kind][count === 1 ? 0 : 1]}`;

/** Chips on a card face: "Cites 2 stories", "Evidence for 1 story", "Cited by 2 experiments". */
export function ChainChips({ card, citedBy }: { card: Card; citedBy: string[] }) {
  const cites = card.evidence?.length ?? 0;
  const by = CITED_BY[card.kind];
  return (
    <>
      {card.kind === "experiment" && cites > 0 && <p className="evidence-chip"><LinkIcon size={13} /> Cites {n(cites, "story")}</p>}
      {by && citedBy.length > 0 && (
        <p className="evidence-chip cited-by-chip"><LinkIcon size={13} />
          {card.kind === "observation" ? `Evidence for ${n(citedBy.length, by)}` : `Cited by ${n(citedBy.length, by)}`}
        </p>
      )}
    </>
  );
}

function LinkedList({ title, ids, byId, empty, onOpen, highlight }: {
  title: string; ids: string[]; byId: Record<string, Card>; empty: string; onOpen(id: string): void; highlight(ids: string[] | null): void;
}) {
  const cards = ids.map((id) => byId[id]).filter(Boolean);
  return (
    <div className="chain-group">
      <h4>{title} <span className="count">{cards.length}</span></h4>
      {cards.length === 0 ? <p className="muted small">{empty}</p> : (
        <ul className="chain-list">
          {cards.map((c) => (
            <li key={c.id}>
              <button type="button" className={`chain-item side-${c.side}`} onClick={() => onOpen(c.id)}
                      onMouseEnter={() => highlight([c.id])} onMouseLeave={() => highlight(null)}
                      onFocus={() => highlight([c.id])} onBlur={() => highlight(null)}
                      aria-label={`Open ${KIND_LABEL[c.kind].toLowerCase()} “${cardLabel(c)}”`}>
                <span className="kind-pill">{KIND_LABEL[c.kind]}</span>{" "}
                <span className="chain-label">{cardLabel(c)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The drawer's chain: cited cards above, citing cards below. */
export function EvidenceLists({ card, byId, citedBy, onOpen, highlight, canWrite }: {
  card: Card; byId: Record<string, Card>; citedBy: string[]; onOpen(id: string): void; highlight(ids: string[] | null): void; canWrite: boolean;
}) {
  const cites = CITES[card.kind];
  const by = CITED_BY[card.kind];
  return (
    <section className="drawer-section chain" aria-label="Evidence chain">
      <h3>Evidence chain</h3>
      {cites && (
        <LinkedList title={`Cites (${PLURAL[cites][1]})`} ids={card.evidence ?? []} byId={byId} onOpen={onOpen} highlight={highlight}
                    empty={!canWrite ? `No ${PLURAL[cites][0]} cited yet.` : card.kind === "story"
                      ? "No observation cited yet: drop one on the story, or link it in the editor." : "No story cited yet: link one in the editor."} />
      )}
      {by && (
        <LinkedList title={`Cited by (${PLURAL[by][1]})`} ids={citedBy} byId={byId} onOpen={onOpen} highlight={highlight}
                    empty={`No ${PLURAL[by][0]} cites this ${PLURAL[card.kind][0]} yet.`} />
      )}
    </section>
  );
}
