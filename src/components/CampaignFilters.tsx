import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

/** Vertical and geography dropdowns filled from the campaigns that exist. */
export function CampaignFilters({
  vertical,
  geography,
  onChange,
}: {
  vertical?: string;
  geography?: string;
  onChange: (patch: { vertical?: string; geography?: string }) => void;
}) {
  const campaigns = useQuery(api.opportunities.campaigns);
  const loading = campaigns === undefined;
  // A value from a shared link stays selectable even before (or without) matching data.
  const verticals = withSelected(campaigns?.verticals ?? [], vertical);
  const geographies = withSelected(campaigns?.geographies ?? [], geography);
  return (
    <div className="filters" role="group" aria-label="Campaign filters">
      <div className="field field-inline">
        <label htmlFor="filter-vertical">Vertical</label>
        <select id="filter-vertical" data-testid="filter-vertical" value={vertical ?? ""} disabled={loading} onChange={(e) => onChange({ vertical: e.target.value || undefined, geography })}>
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
        <select id="filter-geography" data-testid="filter-geography" value={geography ?? ""} disabled={loading} onChange={(e) => onChange({ vertical, geography: e.target.value || undefined })}>
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

function withSelected(values: readonly string[], selected: string | undefined): string[] {
  const list = [...values].sort((a, b) => a.localeCompare(b));
  return selected && !list.includes(selected) ? [selected, ...list] : list;
}
