/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A real Convex deployment (from `npx convex dev`); unset → the embedded backend. */
  readonly VITE_CONVEX_URL?: string;
  /** "1" when `npm run dev` started the embedded backend (set by server/dev.ts). */
  readonly VITE_EMBEDDED_BACKEND?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
