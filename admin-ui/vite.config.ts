import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

/**
 * The dashboard talks to the kurin server through same-origin `/graphql` and `/health`, proxied by the dev server
 * and by `vite preview`. KURIN_API_URL names the server, with or without the `/graphql` path
 * (e.g. `http://server:4000/graphql` in docker compose); the default is the server on this machine.
 */
function apiOrigin(): string {
  const raw = process.env.KURIN_API_URL?.trim() || "http://127.0.0.1:4000";
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url.origin;
  } catch {
    throw new Error(`Invalid configuration: KURIN_API_URL: expected an http(s) URL (got "${raw}")`);
  }
}

const target = apiOrigin();
const proxy: Record<string, ProxyOptions> = {
  "/graphql": { target, changeOrigin: true },
  "/health": { target, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 5173, strictPort: true, proxy },
  build: { outDir: "dist", sourcemap: true },
});
