// Who is signed in, their engagements, and the CSRF token for writes. The last `/me` is kept in this
// browser, so the app starts offline as the same person (a network failure is not a sign-out).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, get, post, setCsrfToken, setSignedOutHandler } from "./api";
import { closeSocket, currentOutbox, setOutboxUser } from "./realtime";
import { forgetMe, keepMe, lastMe } from "./realtime/offlineStore";
import type { Me, MyEngagement } from "./types";

interface SessionValue {
  me: Me | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  /** false when the member chose to stay (writes are still waiting to be sent) */
  signOut(): Promise<boolean>;
  /** This browser was just signed in by another answer (an accepted invitation, a password reset). */
  signedIn(csrfToken: string): Promise<void>;
  refresh(): Promise<void>;
  engagement(id: string | null | undefined): MyEngagement | undefined;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Nobody is signed in any more: drop the socket, the token and the outbox (its writes stay kept). */
function signedOutNow(setMe: (me: Me | null) => void) {
  closeSocket();
  setCsrfToken(null);
  setOutboxUser(null);
  setMe(null);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const body = await get<Me>("/me");
      setCsrfToken(body.csrf_token);
      setOutboxUser(body.user.id);
      setMe(body);
      keepMe(body).catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        signedOutNow(setMe);
        forgetMe().catch(() => undefined);
      } else if (err instanceof ApiError && err.status === 0) {
        const kept = await lastMe().catch(() => undefined); // offline: the person last signed in here
        if (!kept) throw err;
        setCsrfToken(kept.csrf_token);
        setOutboxUser(kept.user.id);
        setMe((now) => now ?? kept);
      } else throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
    setSignedOutHandler(() => signedOutNow(setMe));
    const back = () => { refresh().catch(() => undefined); }; // the connection is back: who am I, really?
    window.addEventListener("online", back);
    return () => {
      setSignedOutHandler(null);
      window.removeEventListener("online", back);
    };
  }, [refresh]);

  const signedIn = useCallback(async (token: string) => {
    setCsrfToken(token);
    closeSocket(); // a new sign-in gets a new, freshly authenticated socket
    await refresh();
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const body = await post<{ csrf_token: string }>("/auth/login", { email, password });
    await signedIn(body.csrf_token);
  }, [signedIn]);

  const signOut = useCallback(async () => {
    const waiting = currentOutbox()?.count() ?? 0;
    if (waiting && !window.confirm(`${waiting} ${waiting === 1 ? "change is" : "changes are"} still waiting to be sent. `
      + "They stay on this browser and are sent when you sign in here again. Sign out anyway?")) return false;
    try {
      await post("/auth/logout");
    } finally {
      currentOutbox()?.store?.clearBoards().catch(() => undefined);
      forgetMe().catch(() => undefined);
      signedOutNow(setMe);
    }
    return true;
  }, []);

  const value = useMemo<SessionValue>(() => ({
    me, loading, signIn, signOut, signedIn, refresh,
    engagement: (id) => me?.engagements.find((e) => e.id === id),
  }), [me, loading, signIn, signOut, signedIn, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
