// My notifications: loaded on sign-in, pushed live as the socket's `notification` event, kept across
// screens (every screen has its own Shell) and reset when the socket changes (a new sign-in).
import { useEffect, useSyncExternalStore } from "react";
import type { Socket } from "socket.io-client";
import { get, post } from "./api";
import type { Notification } from "./loopTypes";
import { getSocket } from "./realtime";

export interface NotificationsView {
  items: Notification[];
  unread: number;
  loaded: boolean;
  error: string | null;
}

/** The list with `n` in it: one we have again changed (a request someone decided is done and read), so it
 * replaces the old; a new one goes first. */
function upsert(items: Notification[], n: Notification): Notification[] {
  return items.some((x) => x.id === n.id) ? items.map((x) => (x.id === n.id ? n : x)) : [n, ...items];
}

class NotificationCenter {
  private socket: Socket | null = null;
  private userId: string | null = null;
  private ticket = 0;
  /** what changed while a list was being loaded (pushes, marks read): the list may have been read before
   * them, so they are applied to it again */
  private meanwhile: ((items: Notification[]) => Notification[])[] = [];
  private loading = false;
  private view: NotificationsView = { items: [], unread: 0, loaded: false, error: null };
  private listeners = new Set<() => void>();
  private arrivals = new Set<(n: Notification) => void>();

  /** Follow the signed-in user's socket; a new socket (a new sign-in) starts from the server's list. */
  attach(userId: string) {
    const socket = getSocket();
    if (socket === this.socket && userId === this.userId) return;
    this.socket?.off("notification", this.onNotification);
    this.socket?.off("connect", this.onConnect);
    this.socket = socket;
    this.userId = userId;
    socket.on("notification", this.onNotification);
    socket.on("connect", this.onConnect);
    this.set([], false);
    this.load();
  }

  private onConnect = () => {
    // connected (first or again): fetch what arrived before this socket could hear it; the first list may
    // have been read before the socket joined, and a change in between would be missed
    this.load();
  };

  private onNotification = (n: Notification) => {
    const known = this.view.items.some((x) => x.id === n.id);
    this.change((items) => upsert(items, n));
    if (!known) for (const fn of this.arrivals) fn(n);
  };

  async load() {
    const ticket = ++this.ticket;
    this.loading = true;
    this.meanwhile = [];
    try {
      const items = await get<Notification[]>("/notifications");
      if (ticket === this.ticket) this.set(this.meanwhile.reduce((list, change) => change(list), items), true, null);
    } catch (err) {
      if (ticket === this.ticket) this.set(this.view.items, this.view.loaded, err instanceof Error ? err.message : String(err));
    } finally {
      if (ticket === this.ticket) this.loading = false;
    }
  }

  private set(items: Notification[], loaded = this.view.loaded, error = this.view.error) {
    this.view = { items, unread: items.filter((n) => !n.read).length, loaded, error };
    for (const fn of this.listeners) fn();
  }

  /** Change the list now, and again on a list still loading. */
  private change(fn: (items: Notification[]) => Notification[]) {
    if (this.loading) this.meanwhile.push(fn);
    this.set(fn(this.view.items));
  }

  private mark(ids: Set<string> | null, read: boolean) {
    this.change((items) => items.map((n) => (ids === null || ids.has(n.id) ? { ...n, read } : n)));
  }

  /** Mark one read at once; put it back if the server refuses. */
  async markRead(id: string) {
    if (this.view.items.find((n) => n.id === id)?.read) return;
    this.mark(new Set([id]), true);
    try {
      await post(`/notifications/${encodeURIComponent(id)}/read`);
    } catch (err) {
      this.mark(new Set([id]), false);
      throw err;
    }
  }

  async markAllRead() {
    const unread = new Set(this.view.items.filter((n) => !n.read).map((n) => n.id));
    if (!unread.size) return;
    this.mark(unread, true);
    try {
      await post("/notifications/read");
    } catch (err) {
      this.mark(unread, false);
      throw err;
    }
  }

  /** Called for each notification that arrives live (for a toast). */
  onArrival(fn: (n: Notification) => void): () => void {
    this.arrivals.add(fn);
    return () => { this.arrivals.delete(fn); };
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  };

  getView = () => this.view;
}

export const notificationCenter = new NotificationCenter();

/** The signed-in user's notifications, live. */
export function useNotifications(userId: string | undefined): NotificationsView {
  useEffect(() => {
    if (userId) notificationCenter.attach(userId);
  }, [userId]);
  return useSyncExternalStore(notificationCenter.subscribe, notificationCenter.getView);
}
