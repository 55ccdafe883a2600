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
      <FilterSelect
        name="status"
        label="Status"
        allLabel="All statuses"
        value={status}
        options={OPPORTUNITY_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABELS[s] }))}
        onChange={(next) => onChange({ status: next as OpportunityStatus | undefined })}
      />
      <FilterSelect
        name="signal"
        label="Signal"
        allLabel="All signals"
        value={signal}
        options={SIGNALS.map((s) => ({ value: s, label: SIGNAL_CATALOGUE[s].label }))}
        onChange={(next) => onChange({ signal: next as Signal | undefined })}
      />
      <FilterSelect
        name="vertical"
        label="Vertical"
        allLabel="All verticals"
        value={vertical}
        options={verticals.map((v) => ({ value: v, label: v }))}
        disabled={loading}
        onChange={onVertical}
      />
      <FilterSelect
        name="geography"
        label="Geography"
        allLabel="All geographies"
        value={geography}
        options={geographies.map((g) => ({ value: g, label: g }))}
        disabled={loading}
        onChange={(next) => onChange({ vertical, geography: next })}
      />
      {campaigns?.truncated ? (
        <p className="muted small" data-testid="campaigns-truncated">
          The dropdowns list your first 500 campaigns (A→Z by vertical); search by name to reach leads of the others.
        </p>
      ) : null}
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

/** One filter dropdown (`filter-<name>` is its id and test id): "All …" first, which means no filter (undefined). */
function FilterSelect({
  name,
  label,
  allLabel,
  value,
  options,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  disabled?: boolean;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="field field-inline">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        data-testid={`filter-${name}`}
        value={value ?? ""}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function withSelected(values: readonly string[], selected: string | undefined): string[] {
  const list = [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return selected && !list.includes(selected) ? [selected, ...list] : list;
}
