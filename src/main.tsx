import { ConvexAuthProvider } from "@convex-dev/auth/react";
import { ConvexReactClient } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { QueryErrorBoundary } from "./components/QueryStates";
import { resolveConvexUrl } from "./lib/convexUrl";
import "./styles.css";

// Only VITE_CONVEX_URL is read: no key or secret ever reaches the browser bundle.
const convex = new ConvexReactClient(resolveConvexUrl(import.meta.env.VITE_CONVEX_URL));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <ConvexAuthProvider client={convex}>
      <QueryErrorBoundary what="the dashboard">
        <App />
      </QueryErrorBoundary>
    </ConvexAuthProvider>
  </StrictMode>,
);
