/**
 * The dashboard's view state, kept in the query string so a view can be
 * shared and survives a reload: `?run=<id>&tab=all&vertical=...&geography=...&opp=<id>`.
 */

export type DashboardTab = "run" | "all";

export interface DashboardUrlState {
  tab: DashboardTab;
  /** Selected `lead_gen_flow` id. */
  run?: string;
  /** Campaign filters of the "All campaigns" tab. */
  vertical?: string;
  geography?: string;
  /** Opportunity whose report is open. */
  opp?: string;
}

const MAX_PARAM_LENGTH = 200;

function readParam(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key)?.trim();
  if (!value || value.length > MAX_PARAM_LENGTH) return undefined;
  return value;
}

export function parseUrlState(search: string): DashboardUrlState {
  const params = new URLSearchParams(search);
  const state: DashboardUrlState = { tab: params.get("tab") === "all" ? "all" : "run" };
  const run = readParam(params, "run");
  const vertical = readParam(params, "vertical");
  const geography = readParam(params, "geography");
  const opp = readParam(params, "opp");
  if (run) state.run = run;
  if (vertical) state.vertical = vertical;
  if (geography) state.geography = geography;
  if (opp) state.opp = opp;
  return state;
}

/** Query string with a leading "?", or "" for the default view. Stable key order. */
export function serializeUrlState(state: DashboardUrlState): string {
  const params = new URLSearchParams();
  if (state.tab === "all") params.set("tab", "all");
  if (state.run) params.set("run", state.run);
  if (state.vertical) params.set("vertical", state.vertical);
  if (state.geography) params.set("geography", state.geography);
  if (state.opp) params.set("opp", state.opp);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Apply a patch; `undefined` values clear a key. */
export function mergeUrlState(state: DashboardUrlState, patch: Partial<DashboardUrlState>): DashboardUrlState {
  const next: DashboardUrlState = { ...state };
  for (const [key, value] of Object.entries(patch) as [keyof DashboardUrlState, string | undefined][]) {
    if (value === undefined || value === "") {
      if (key === "tab") next.tab = "run";
      else delete next[key];
    } else {
      (next as unknown as Record<string, string>)[key] = value;
    }
  }
  return next;
}
