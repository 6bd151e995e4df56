// A small floating panel anchored to an element: portalled to <body> (the lanes clip and blur), closes on
// Escape, a click outside, or the board scrolling its anchor away; focus moves in and returns to the anchor.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

export function Popover({ anchor, onClose, label, children, width = 260 }: {
  anchor: HTMLElement; onClose: () => void; label: string; children: ReactNode; width?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const r = anchor.getBoundingClientRect();
    const h = ref.current?.offsetHeight ?? 200;
    const below = r.bottom + 6 + h < window.innerHeight;
    setPos({
      top: below ? r.bottom + 6 : Math.max(8, r.top - h - 6),
      left: Math.min(Math.max(8, r.right - width), window.innerWidth - width - 8),
    });
  }, [anchor, width]);

  // the latest onClose, so the effect below runs once per anchor: a caller's re-render (typing in the popover)
  // must not hand focus back and forth
  const close = useRef(onClose);
  useLayoutEffect(() => { close.current = onClose; });

  useEffect(() => {
    const onClose = () => close.current();
    const previous = document.activeElement as HTMLElement | null;
    const node = ref.current;
    const first = node?.querySelector<HTMLElement>(
      "input, textarea, [role=menuitem], [role=menuitemradio], [role=menuitemcheckbox], button:not(:disabled)");
    first?.focus({ preventScroll: true });
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node) && !anchor.contains(e.target as Node)) onClose();
    };
    // the board scrolling away closes it; a scroll that leaves the anchor in place (the browser keeping a list's
    // place while cards move in it) does not
    const at = anchor.getBoundingClientRect();
    const onScroll = (e: Event) => {
      if (ref.current?.contains(e.target as Node)) return;
      const now = anchor.getBoundingClientRect();
      if (!anchor.isConnected || Math.abs(now.top - at.top) > 4 || Math.abs(now.left - at.left) > 4) onClose();
    };
    document.addEventListener("pointerdown", onDown, true);
    document.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("pointerdown", onDown, true);
      document.removeEventListener("scroll", onScroll, true);
      const now = document.activeElement;
      if (previous && document.contains(previous) && (!now || now === document.body || node?.contains(now))) previous.focus();
    };
  }, [anchor]);

  return createPortal(
    <div ref={ref} className="ws-popover" role="dialog" aria-label={label} style={{ width, top: pos?.top ?? -9999, left: pos?.left ?? -9999 }}
         onKeyDown={(e) => {
           if (e.key === "Escape") { e.stopPropagation(); onClose(); }
           if (e.key === "ArrowDown" || e.key === "ArrowUp") {
             const items = [...(ref.current?.querySelectorAll<HTMLElement>("[role=menuitem], [role=menuitemradio], [role=menuitemcheckbox]") ?? [])];
             if (!items.length) return;
             e.preventDefault();
             const at = items.indexOf(document.activeElement as HTMLElement);
             const down = e.key === "ArrowDown";
             items[at < 0 ? (down ? 0 : items.length - 1) : (at + (down ? 1 : items.length - 1)) % items.length].focus();
           }
         }}>
      {children}
    </div>,
    document.body,
  );
}
