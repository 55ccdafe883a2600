/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A real Convex deployment (from `npx convex dev`); unset → the embedded backend. */
  readonly VITE_CONVEX_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
