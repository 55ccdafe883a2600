import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The repo root is the Vite root: index.html lives there and src/ imports lib/ and convex/_generated/ by relative path.
const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  // Only VITE_* variables (VITE_CONVEX_URL) reach the browser; API keys never do.
  envPrefix: "VITE_",
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
});
