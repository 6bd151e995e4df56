// A tiny client-side router over the History API (Flask serves index.html for every app path).
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((fn) => fn());
window.addEventListener("popstate", notify);

export function navigate(to: string, replace = false) {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  notify();
  window.scrollTo(0, 0);
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const snapshot = () => location.pathname + location.search;

export function useLocation(): { path: string; query: URLSearchParams } {
  const full = useSyncExternalStore(subscribe, snapshot);
  const [path, search = ""] = full.split("?");
  return { path, query: new URLSearchParams(search) };
}

export type Route =
  | { name: "signin" }
  | { name: "invite"; token: string }
  | { name: "forgot" }
  | { name: "reset" }
  | { name: "home" }
  | { name: "account" }
  | { name: "settings"; engagement: string }
  | { name: "initiatives"; engagement: string }
  | { name: "inbox"; engagement: string }
  | { name: "library"; engagement: string }
  | { name: "review"; engagement: string }
  | { name: "board"; initiative: string }
  | { name: "capture"; initiative: string }
  | { name: "notfound" };

export function match(path: string): Route {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: "home" };
  if (parts[0] === "signin" && parts.length === 1) return { name: "signin" };
  if (parts[0] === "invite" && parts.length === 2) return { name: "invite", token: parts[1] };
  if (parts[0] === "forgot-password" && parts.length === 1) return { name: "forgot" };
  if (parts[0] === "reset-password" && parts.length === 1) return { name: "reset" };
  if (parts[0] === "account" && parts.length === 1) return { name: "account" };
  if (parts[0] === "e" && parts.length === 2) return { name: "initiatives", engagement: parts[1] };
  if (parts[0] === "e" && parts.length === 3 && parts[2] === "inbox") return { name: "inbox", engagement: parts[1] };
  if (parts[0] === "e" && parts.length === 3 && parts[2] === "library") return { name: "library", engagement: parts[1] };
  if (parts[0] === "e" && parts.length === 3 && parts[2] === "review") return { name: "review", engagement: parts[1] };
  if (parts[0] === "e" && parts.length === 3 && parts[2] === "settings") return { name: "settings", engagement: parts[1] };
  if (parts[0] === "i" && parts.length === 2) return { name: "board", initiative: parts[1] };
  if (parts[0] === "i" && parts.length === 3 && parts[2] === "capture") return { name: "capture", initiative: parts[1] };
  return { name: "notfound" };
}

/** Routes anyone may open signed out (everything else sends a signed-out browser to /signin). */
export const PUBLIC_ROUTES: ReadonlySet<Route["name"]> = new Set(["signin", "invite", "forgot", "reset"]);

export const paths = {
  home: "/",
  account: "/account",
  forgotPassword: "/forgot-password",
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
  settings: (e: string) => `/e/${encodeURIComponent(e)}/settings`,
  initiatives: (e: string) => `/e/${encodeURIComponent(e)}`,
  inbox: (e: string) => `/e/${encodeURIComponent(e)}/inbox`,
  library: (e: string, query?: Record<string, string>) =>
    `/e/${encodeURIComponent(e)}/library${query ? `?${new URLSearchParams(query)}` : ""}`,
  review: (e: string, quarter?: string) =>
    `/e/${encodeURIComponent(e)}/review${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ""}`,
  board: (i: string, card?: string) => `/i/${encodeURIComponent(i)}${card ? `?card=${encodeURIComponent(card)}` : ""}`,
  boardPanel: (i: string, panel: "activity" | "kpis" | "access") => `/i/${encodeURIComponent(i)}?panel=${panel}`,
  capture: (i: string, session?: string) =>
    `/i/${encodeURIComponent(i)}/capture${session ? `?session=${encodeURIComponent(session)}` : ""}`,
};

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Co-Learning Board` : "Co-Learning Board";
  }, [title]);
}
