/**
 * The dashboard's view state, kept in the query string so a view can be
 * shared and survives a reload: `?run=<id>&tab=all&vertical=...&geography=...&opp=<id>`,
 * plus the lead table's sort, search and filters (`sort`, `order`, `q`, `status`, `signal`).
 */
import { LEAD_SORTS, type LeadSort } from "../../lib/leadSearch";
import { isOpportunityStatus } from "../../lib/leadStatus";
import type { OpportunityStatus } from "../../lib/lifecycle";
import { SIGNALS, type Signal } from "../../lib/signals";

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
  /** The lead table (All campaigns tab): sort column and direction, search text, status and signal filters. */
  sort?: LeadSort;
  order?: "asc" | "desc";
  q?: string;
  status?: OpportunityStatus;
  signal?: Signal;
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
  const sort = readParam(params, "sort");
  if (sort && (LEAD_SORTS as readonly string[]).includes(sort)) state.sort = sort as LeadSort;
  const order = readParam(params, "order");
  if (order === "asc" || order === "desc") state.order = order;
  const q = readParam(params, "q");
  if (q) state.q = q;
  const status = readParam(params, "status");
  if (status && isOpportunityStatus(status)) state.status = status;
  const signal = readParam(params, "signal");
  if (signal && (SIGNALS as readonly string[]).includes(signal)) state.signal = signal as Signal;
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
  if (state.sort) params.set("sort", state.sort);
  if (state.order) params.set("order", state.order);
  if (state.q) params.set("q", state.q);
  if (state.status) params.set("status", state.status);
  if (state.signal) params.set("signal", state.signal);
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
