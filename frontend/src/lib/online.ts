// Whether the browser says it is online, re-rendering when that changes.
import { useSyncExternalStore } from "react";

function listen(changed: () => void) {
  window.addEventListener("online", changed);
  window.addEventListener("offline", changed);
  return () => { window.removeEventListener("online", changed); window.removeEventListener("offline", changed); };
}

/** `navigator.onLine`, live (false only when the browser knows it has no network). */
export function useBrowserOnline(): boolean {
  return useSyncExternalStore(listen, () => navigator.onLine);
}
