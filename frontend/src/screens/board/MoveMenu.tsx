// "Move to…": a menu button on each card and in its drawer listing the lanes and columns, so a card moves
// without dragging (WCAG 2.5.7). The places the drop rules refuse stay listed, marked, and say why when chosen.
import { useRef, useState } from "react";
import { Arrow } from "../../components/Icons";
import { cardLabel } from "../../lib/format";
import type { Card } from "../../types";
import { containerOf, type ContainerId } from "./cardMeta";
import { moveTargets } from "./dropRules";
import { Popover } from "./workshop/Popover";

export function MoveMenu({ card, onMove, text }: { card: Card; onMove(card: Card, to: ContainerId): void; text?: boolean }) {
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const targets = moveTargets(card.kind, containerOf(card));
  const label = `Move “${cardLabel(card)}” to…`;
  const choose = (to: ContainerId) => { setOpen(false); onMove(card, to); };
  return (
    <>
      <button ref={button} type="button" className={text ? "button small ghost" : "icon-button"} aria-haspopup="menu" aria-expanded={open}
              aria-label={text ? undefined : label} title={text ? undefined : "Move to…"} onClick={() => setOpen(!open)}
              onKeyDown={(e) => { if (e.key === "ArrowDown" && !open) { e.preventDefault(); setOpen(true); } }}>
        <Arrow size={14} />{text && " Move to…"}
      </button>
      {open && button.current && (
        <Popover anchor={button.current} onClose={() => setOpen(false)} label={label} width={250}>
          <div role="menu" aria-label={label}>
            {targets.map((t) => (
              <button key={t.container} type="button" role="menuitem" className="ws-menu-item" aria-disabled={!t.allowed || undefined}
                      onClick={() => choose(t.container)}>
                {t.label}{!t.allowed && <span className="muted small"> · not allowed</span>}
              </button>
            ))}
          </div>
        </Popover>
      )}
    </>
  );
}
