import { useQuery } from "convex/react";
import { useEffect, useState } from "react";
import { api } from "../../convex/_generated/api";
import { LEAD_STATUS_LABELS } from "../../lib/leadStatus";
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from "../../lib/lifecycle";
import { SIGNAL_CATALOGUE, SIGNALS, type Signal } from "../../lib/signals";

export interface LeadFilters {
  vertical?: string;
  geography?: string;
  q?: string;
  status?: OpportunityStatus;
  signal?: Signal;
}

/** Typing pauses this long before the search runs (one query per pause, not per key). */
const SEARCH_PAUSE_MS = 250;

/**
 * The lead table's filters, all applied on the server: search by name or domain, status, signal, and the
 * campaign dropdowns filled from the campaigns that have leads — the geography list narrows to the chosen
 * vertical, so an empty combination cannot be picked.
 */
export function CampaignFilters({ filters, onChange }: { filters: LeadFilters; onChange: (patch: LeadFilters) => void }) {
  const { vertical, geography, status, signal } = filters;
  const campaigns = useQuery(api.opportunities.campaigns);
  const loading = campaigns === undefined;
  // A value from a shared link stays selectable even before (or without) matching data.
  const verticals = withSelected(campaigns?.verticals ?? [], vertical);
  const geographies = withSelected(
    vertical ? (campaigns?.pairs ?? []).filter((p) => p.targetVertical === vertical).map((p) => p.targetGeography) : (campaigns?.geographies ?? []),
    geography,
  );

  function onVertical(next: string | undefined) {
    // Keep the geography only when the new vertical has it.
    const keep = geography && (!next || campaigns?.pairs.some((p) => p.targetVertical === next && p.targetGeography === geography));
    onChange({ vertical: next, geography: keep ? geography : undefined });
  }

  return (
    <div className="filters" role="group" aria-label="Lead filters">
      <SearchBox value={filters.q ?? ""} onSearch={(q) => onChange({ q: q || undefined })} />
      <div className="field field-inline">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          data-testid="filter-status"
          value={status ?? ""}
          onChange={(e) => onChange({ status: (e.target.value || undefined) as OpportunityStatus | undefined })}
        >
          <option value="">All statuses</option>
          {OPPORTUNITY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LEAD_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-signal">Signal</label>
        <select
          id="filter-signal"
          data-testid="filter-signal"
          value={signal ?? ""}
          onChange={(e) => onChange({ signal: (e.target.value || undefined) as Signal | undefined })}
        >
          <option value="">All signals</option>
          {SIGNALS.map((s) => (
            <option key={s} value={s}>
              {SIGNAL_CATALOGUE[s].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-vertical">Vertical</label>
        <select
          id="filter-vertical"
          data-testid="filter-vertical"
          value={vertical ?? ""}
          disabled={loading}
          onChange={(e) => onVertical(e.target.value || undefined)}
        >
          <option value="">All verticals</option>
          {verticals.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-geography">Geography</label>
        <select
          id="filter-geography"
          data-testid="filter-geography"
          value={geography ?? ""}
          disabled={loading}
          onChange={(e) => onChange({ vertical, geography: e.target.value || undefined })}
        >
          <option value="">All geographies</option>
          {geographies.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** Search by name or domain: the query runs when typing pauses, or at once on Enter. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  // The URL changed elsewhere (Back, a shared link): show what it says.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <div className="field field-inline field-search">
      <label htmlFor="filter-search">Search</label>
      <input
        id="filter-search"
        type="search"
        data-testid="lead-search"
        placeholder="Name or website"
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onSearch(text.trim());
        }}
      />
    </div>
  );
}

function withSelected(values: readonly string[], selected: string | undefined): string[] {
  const list = [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return selected && !list.includes(selected) ? [selected, ...list] : list;
}
