// The bell in the top bar: unread count, a popover list (newest first), live arrivals with a toast.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { errorMessage } from "../api";
import { useTick } from "../hooks";
import { notificationLink } from "../lib/links";
import { timeAgo } from "../lib/format";
import type { Notification } from "../loopTypes";
import { notificationCenter, useNotifications } from "../notifications";
import { Link, navigate } from "../router";
import { useSession } from "../session";
import { At, Bell, Check, Coins, Library } from "./Icons";
import { useToast } from "./Toasts";
import "./notifications.css";

const KIND: Record<string, { label: string; Icon: typeof Bell }> = {
  mention: { label: "Mention", Icon: At },
  budget_pending: { label: "Budget request awaiting a sponsor", Icon: Coins },
  budget_decided: { label: "Budget decision", Icon: Check },
  library_pending: { label: "Learning awaiting a buyer's decision", Icon: Library },
  library_decided: { label: "Library decision", Icon: Library },
};

export function NotificationBell() {
  const { me } = useSession();
  const toast = useToast();
  const view = useNotifications(me?.user.id);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const popId = useId();
  useTick(30_000);

  const go = (n: Notification) => {
    setOpen(false);
    notificationCenter.markRead(n.id).catch((err) => toast.error(errorMessage(err)));
    navigate(notificationLink(n));
  };

  // a toast for each live arrival, with a way to it
  useEffect(() => notificationCenter.onArrival((n) => {
    toast.show({ message: n.text, action: { label: "Open", run: () => go(n) }, timeout: 7000 });
  }), [toast]); // eslint-disable-line react-hooks/exhaustive-deps

  // close on a click outside, and on Escape wherever focus is (a button that just went away leaves it on the page)
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    const escape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => { document.removeEventListener("mousedown", close); document.removeEventListener("keydown", escape); };
  }, [open]);

  // focus the first item when it opens
  useEffect(() => {
    if (open) (list.current?.querySelector<HTMLElement>(".notif-link") ?? root.current?.querySelector<HTMLElement>(".notif-pop button"))?.focus();
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const links = [...(list.current?.querySelectorAll<HTMLElement>(".notif-link") ?? [])];
      if (!links.length) return;
      e.preventDefault();
      const at = links.indexOf(document.activeElement as HTMLElement);
      const next = e.key === "ArrowDown" ? (at + 1) % links.length : (at <= 0 ? links.length - 1 : at - 1);
      links[next].focus();
    }
  };

  const label = view.unread ? `Notifications, ${view.unread} unread` : "Notifications";
  return (
    <div className="notif" ref={root} onKeyDown={onKeyDown}>
      <button ref={button} type="button" className="icon-button notif-bell" aria-label={label} title={label}
              aria-expanded={open} aria-controls={popId} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)}>
        <Bell size={19} />
        {view.unread > 0 && <span className="count-badge notif-badge" aria-hidden="true">{view.unread > 99 ? "99+" : view.unread}</span>}
      </button>
      {open && (
        <div className="notif-pop" id={popId} role="dialog" aria-label="Notifications">
          <div className="notif-head">
            <h2>Notifications</h2>
            <button type="button" className="button ghost small" aria-disabled={!view.unread}
                    onClick={() => view.unread && notificationCenter.markAllRead().catch((err) => toast.error(errorMessage(err)))}>
              Mark all read
            </button>
          </div>
          {view.error && <p className="form-error" role="alert">{view.error}</p>}
          {!view.loaded && !view.error && <p className="muted small notif-empty" aria-busy="true">Loading…</p>}
          {view.loaded && view.items.length === 0 && (
            <p className="muted small notif-empty">Nothing yet. Mentions, budget decisions, requests awaiting a sponsor and library decisions show up here.</p>
          )}
          <ul className="notif-list" ref={list} aria-label="Notifications, newest first">
            {view.items.map((n) => {
              const kind = n.done && n.kind === "budget_pending" ? { label: "Budget request decided", Icon: Check }
                : KIND[n.kind] ?? { label: "Notification", Icon: Bell };
              return (
                <li key={n.id} className={`notif-item kind-${n.kind} ${n.read ? "read" : "unread"}`}>
                  <Link to={notificationLink(n)} className="notif-link" onClick={(e) => { e.preventDefault(); go(n); }}>
                    {!n.read && <span className="visually-hidden">Unread: </span>}
                    <span className="notif-icon" aria-hidden="true"><kind.Icon size={15} /></span>
                    <span className="notif-main">
                      <span className="notif-text">{n.text}</span>
                      <span className="notif-meta">{kind.label} · {timeAgo(n.created_at)}</span>
                    </span>
                  </Link>
                  {!n.read && (
                    <button type="button" className="icon-button notif-read" aria-label={`Mark read: ${n.text}`} title="Mark read"
                            onClick={(e) => {
                              (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus(); // this button goes away
                              notificationCenter.markRead(n.id).catch((err) => toast.error(errorMessage(err)));
                            }}>
                      <span className="unread-dot" aria-hidden="true" />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
