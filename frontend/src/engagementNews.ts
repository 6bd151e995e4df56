// Engagement news, live: the shared socket's `engagement` messages (invitations, members, roles) and an invitee's
// `invitation.received`. One listener for the whole app refreshes the session (the switcher, my pending
// invitations and my roles follow at once) and passes each message on to the screens that follow an engagement.
import { useEffect, useRef } from "react";
import type { Socket } from "socket.io-client";
import { useToast } from "./components/Toasts";
import { clearEngagementCache } from "./hooks";
import { getSocket } from "./realtime";
import { navigate } from "./router";
import { useSession } from "./session";
import type { EngagementMessage, Me } from "./types";

type Listener = (m: EngagementMessage) => void;

/** The engagement id a message is about (the server sends the id; an object with one is accepted too). */
export function messageEngagement(m: Pick<EngagementMessage, "engagement">): string | null {
  if (typeof m.engagement === "string") return m.engagement;
  return m.engagement && typeof m.engagement === "object" && typeof m.engagement.id === "string" ? m.engagement.id : null;
}

class EngagementNews {
  private socket: Socket | null = null;
  private seenConnect = false;
  private refresh: (() => Promise<void>) | null = null;
  private timer = 0;
  private listeners = new Set<Listener>();

  /** Follow the current shared socket (a new sign-in makes a new one); idempotent. */
  attach(refresh: () => Promise<void>) {
    this.refresh = refresh;
    const socket = getSocket();
    if (socket === this.socket) return;
    this.detach();
    this.socket = socket;
    this.seenConnect = socket.connected;
    socket.on("engagement", this.onEngagement);
    socket.on("invitation", this.onInvitation); // {type: "invitation.received", invitation_id}
    socket.on("connect", this.onConnect);
  }

  detach() {
    this.socket?.off("engagement", this.onEngagement);
    this.socket?.off("invitation", this.onInvitation);
    this.socket?.off("connect", this.onConnect);
    this.socket = null;
    window.clearTimeout(this.timer);
  }

  private onConnect = () => {
    if (this.seenConnect) this.refreshSoon(); // back after a drop: catch up on what changed meanwhile
    this.seenConnect = true;
  };

  private onEngagement = (m: EngagementMessage) => {
    clearEngagementCache(); // members' sides and names may have changed
    this.refreshSoon();
    for (const fn of this.listeners) fn(m);
  };

  private onInvitation = (m: { type?: string; invitation_id?: string } | undefined) => {
    this.onEngagement({ engagement: "", actor: null, at: "", data: { ...m }, type: m?.type ?? "invitation.received" });
  };

  /** Several changes at once (a burst of events) make one `GET /me`. */
  private refreshSoon() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => { this.refresh?.().catch(() => undefined); }, 150);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }
}

export const engagementNews = new EngagementNews();

/** Mounted once (signed in): keeps the session in step with engagement news and says what concerns me. */
export function useEngagementNews() {
  const { me, refresh } = useSession();
  const toast = useToast();
  const meRef = useRef<Me | null>(me);
  meRef.current = me;
  useEffect(() => {
    if (me) engagementNews.attach(refresh);
    else engagementNews.detach();
  }, [me, refresh]);
  useEffect(() => () => engagementNews.detach(), []);
  useEffect(() => engagementNews.subscribe((m) => {
    const mine = meRef.current;
    if (!mine) return;
    if (m.type === "invitation.received") {
      toast.show({ message: "You have a new invitation to an engagement.", action: { label: "View", run: () => navigate("/#invitations") } });
    } else if (m.type === "member.removed" && m.data?.user_id === mine.user.id) {
      const id = messageEngagement(m);
      const name = mine.engagements.find((e) => e.id === id)?.name;
      toast.show({ message: `${m.actor?.name ?? "An admin"} removed you from ${name ? `“${name}”` : "an engagement"}.`, tone: "error" });
      if (id && location.pathname.startsWith(`/e/${encodeURIComponent(id)}`)) navigate("/", true); // its screens are gone
    }
  }), [toast]);
}

/** Call `fn` for each engagement message about `engagementId` (the settings screen re-fetches with it). */
export function useEngagementMessages(engagementId: string | null | undefined, fn: Listener) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (!engagementId) return;
    return engagementNews.subscribe((m) => { if (messageEngagement(m) === engagementId) latest.current(m); });
  }, [engagementId]);
}
