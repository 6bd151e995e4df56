import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The web app is served by Flask from board/static (git-ignored); `npm run dev` proxies the API
// and Socket.IO to a `board serve` on :5000.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "../board/static",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:5000",
      "/socket.io": { target: "http://127.0.0.1:5000", ws: true },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
