// Which layout the window is in: the phone layout (top bar menu, one lane at a time) below 700 px.
import { useSyncExternalStore } from "react";

/** Matches the phone layout; phone.css uses the same breakpoint. */
export const PHONE_QUERY = "(max-width: 699.98px)";

/** Whether a media query matches now, re-rendering when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", changed);
      return () => list.removeEventListener("change", changed);
    },
    () => window.matchMedia(query).matches,
  );
}

/** True in the phone layout. */
export const usePhoneLayout = () => useMediaQuery(PHONE_QUERY);
