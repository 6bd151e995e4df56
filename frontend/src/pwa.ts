// Registers the service worker that keeps the built app (vite-plugin-pwa, Workbox), so the app loads
// with no network; a new build takes over at once (`autoUpdate`). Only in a build: `npm run dev` has none.
import { registerSW } from "virtual:pwa-register";

export function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  registerSW({ immediate: true });
}
