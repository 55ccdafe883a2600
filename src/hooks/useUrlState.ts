import { useCallback, useSyncExternalStore } from "react";
import { type DashboardUrlState, mergeUrlState, parseUrlState, serializeUrlState } from "../lib/urlState";

const URL_CHANGE_EVENT = "atlas:urlchange";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(URL_CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(URL_CHANGE_EVENT, onChange);
  };
}

function getSearch(): string {
  return window.location.search;
}

export type UpdateUrlState = (patch: Partial<DashboardUrlState>, mode?: "push" | "replace") => void;

/**
 * The view state in `window.location.search`. "push" (default) adds a history
 * entry so Back returns to the previous view; "replace" is for filter tweaks.
 */
export function useUrlState(): [DashboardUrlState, UpdateUrlState] {
  const search = useSyncExternalStore(subscribe, getSearch, () => "");
  const state = parseUrlState(search);
  const update = useCallback<UpdateUrlState>((patch, mode = "push") => {
    const next = serializeUrlState(mergeUrlState(parseUrlState(window.location.search), patch));
    if (next === window.location.search) return;
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    if (mode === "replace") window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    window.dispatchEvent(new Event(URL_CHANGE_EVENT));
  }, []);
  return [state, update];
}
