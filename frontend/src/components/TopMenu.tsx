// The top bar's menu on a phone: a "Menu" button that shows the navigation, search, bell and account
// (a disclosure: Escape or a click outside closes it, focus moves in and back). On wider screens the
// same children sit in the top bar as they always did (the wrapper is `display: contents`).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { usePhoneLayout } from "../lib/media";
import { useLocation } from "../router";
import { Close, Svg } from "./Icons";

const Burger = () => <Svg size={18}><path d="M4 7h16M4 12h16M4 17h16" /></Svg>;

export function TopMenu({ children }: { children: ReactNode }) {
  const phone = usePhoneLayout();
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { path } = useLocation();
  const shown = phone && open;

  useEffect(() => setOpen(false), [path, phone]); // a link followed, or the window widened

  useEffect(() => {
    if (!shown) return;
    panel.current?.querySelector<HTMLElement>("a[href], button, input")?.focus();
    const outside = (e: PointerEvent) => {
      const at = e.target as Node;
      if (!panel.current?.contains(at) && !button.current?.contains(at)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [shown]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!shown || e.key !== "Escape") return;
    // the bell's popover and the search results close first, on their own Escape
    if ((e.target as HTMLElement).closest(".notif, .topbar-search")?.querySelector('[aria-expanded="true"]')) return;
    e.preventDefault();
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <button ref={button} type="button" className="button ghost topbar-menu-button" aria-expanded={shown} aria-controls={id}
              hidden={!phone} onClick={() => setOpen((o) => !o)}>
        {shown ? <Close size={18} /> : <Burger />} Menu
      </button>
      <div ref={panel} id={id} className={`topbar-menu ${shown ? "open" : ""}`} onKeyDown={onKeyDown}>
        {children}
      </div>
    </>
  );
}
