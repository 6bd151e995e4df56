// Who is signed in, their engagements, and the CSRF token for writes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, get, post, setCsrfToken, setSignedOutHandler } from "./api";
import { closeSocket } from "./realtime";
import type { Me, MyEngagement } from "./types";

interface SessionValue {
  me: Me | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** This browser was just signed in by another answer (an accepted invitation, a password reset). */
  signedIn(csrfToken: string): Promise<void>;
  refresh(): Promise<void>;
  engagement(id: string | null | undefined): MyEngagement | undefined;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const body = await get<Me>("/me");
      setCsrfToken(body.csrf_token);
      setMe(body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setCsrfToken(null);
        setMe(null);
      } else throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
    setSignedOutHandler(() => {
      closeSocket();
      setCsrfToken(null);
      setMe(null);
    });
    return () => setSignedOutHandler(null);
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
    try {
      await post("/auth/logout");
    } finally {
      closeSocket();
      setCsrfToken(null);
      setMe(null);
    }
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
