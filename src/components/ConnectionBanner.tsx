import { useConvexConnectionState } from "convex/react";

/** Shown only when the backend cannot be reached, so a dead backend is not mistaken for "loading". */
export function ConnectionBanner() {
  const state = useConvexConnectionState();
  if (state.isWebSocketConnected) return null;
  const message = state.hasEverConnected ? "Connection lost. Reconnecting…" : "Connecting to the backend…";
  return (
    <div className="connection-banner" role="status">
      {message}
    </div>
  );
}
