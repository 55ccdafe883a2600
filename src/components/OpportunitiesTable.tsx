import type { KeyboardEvent, ReactNode } from "react";
import type { OpportunityRow } from "../apiTypes";
import { auditPhaseLabel } from "../../lib/labels";
import { ExportCsvButton } from "./ExportCsvButton";
import { MiniAuditTimeline } from "./PhaseTimeline";
import { EmptyState, Loading } from "./QueryStates";
import { ScoreBar } from "./ScoreBar";
import { SignalBadges } from "./SignalBadge";
import { StatusChip } from "./StatusChip";

function AuditCell({ row }: { row: OpportunityRow }) {
  const audit = row.audit;
  if (!audit) return <StatusChip status={row.status} />;
  const inProgress = audit.status === "queued" || audit.status === "running";
  return (
    <span className="status-cell">
      <StatusChip status={row.status} />
      {inProgress || audit.status === "error" ? <MiniAuditTimeline phases={audit.phases} labelOf={auditPhaseLabel} /> : null}
      {audit.status === "error" ? <span className="muted small">Audit failed</span> : null}
      {audit.status === "cancelled" ? <span className="muted small">Audit cancelled</span> : null}
    </span>
  );
}

/**
 * Ranked opportunities. Rows are keyed by id so they move, not re-mount, when
 * scores change live; a row opens its report on click, Enter or Space.
 */
export function OpportunitiesTable({
  rows,
  criteria,
  selectedId,
  onOpen,
  showCampaign,
  emptyTitle,
  emptyBody,
  exportVertical,
  exportGeography,
  caption,
  total,
  exportAll,
  footer,
}: {
  rows: OpportunityRow[] | undefined;
  criteria?: readonly string[];
  selectedId?: string;
  onOpen: (id: string) => void;
  showCampaign?: boolean;
  emptyTitle: string;
  emptyBody?: string;
  exportVertical?: string;
  exportGeography?: string;
  caption: string;
  /** The true total when `rows` is only the pages loaded so far. */
  total?: number;
  /** Loads every row of the list for the CSV export. */
  exportAll?: () => Promise<readonly OpportunityRow[]>;
  /** Below the table, e.g. a "Load more" button. */
  footer?: ReactNode;
}) {
  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, id: string) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(id);
    }
  }

  // Leads whose audit confirmed nothing the agency sells are not qualified clients: listed apart, after the ranking.
  const qualified = rows?.filter((r) => !r.notAFit);
  const notAFit = rows?.filter((r) => r.notAFit) ?? [];

  const header = (
    <thead>
      <tr>
        <th scope="col" className="col-rank">
          #
        </th>
        <th scope="col">Business</th>
        <th scope="col">City</th>
        {showCampaign ? <th scope="col">Campaign</th> : null}
        <th scope="col">Score</th>
        <th scope="col">Signals</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
  );
  const renderRow = (row: OpportunityRow, index: number) => (
    <tr
      key={row._id}
      className={row._id === selectedId ? "row row-selected" : "row"}
      tabIndex={0}
      data-testid="opportunity-row"
      data-opportunity-id={row._id}
      data-score={row.qualificationScore}
      data-status={row.status}
      data-not-a-fit={row.notAFit ? "true" : undefined}
      onClick={() => onOpen(row._id)}
      onKeyDown={(e) => onRowKey(e, row._id)}
    >
      <td className="col-rank">{row.notAFit ? "–" : index + 1}</td>
      <td className="col-name">
        <span className="name">{row.name}</span>
        {row.domain ? <span className="muted small">{row.domain}</span> : null}
      </td>
      <td className="col-city">{row.city ?? <span className="muted">—</span>}</td>
      {showCampaign ? (
        <td className="col-campaign small">
          {row.targetVertical}
          <span className="muted"> · {row.targetGeography}</span>
        </td>
      ) : null}
      <td className="col-score">
        <ScoreBar score={row.qualificationScore} />
      </td>
      <td className="col-signals">
        <SignalBadges signals={row.signals} criteria={criteria} outcome={row.websiteOutcome} />
      </td>
      <td className="col-status">
        <AuditCell row={row} />
      </td>
    </tr>
  );

  return (
    <section className="card opportunities" aria-label={caption}>
      <div className="toolbar">
        <h2 className="card-title">
          {caption}
          {rows ? <span className="count-pill" data-testid="opportunity-count">{total ?? rows.length}</span> : null}
        </h2>
        <ExportCsvButton rows={rows} vertical={exportVertical} geography={exportGeography} loadAll={exportAll} />
      </div>
      {rows === undefined ? (
        <Loading label="Loading opportunities…" />
      ) : rows.length === 0 ? (
        <EmptyState title={emptyTitle}>{emptyBody ? <p>{emptyBody}</p> : null}</EmptyState>
      ) : (
        <>
          {qualified && qualified.length > 0 ? (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">{caption}. Select a row to open its report.</caption>
                {header}
                <tbody>{qualified.map(renderRow)}</tbody>
              </table>
            </div>
          ) : (
            <p className="muted">No qualified leads here: every lead's audit confirmed nothing you sell.</p>
          )}
          {notAFit.length > 0 ? (
            <details className="not-a-fit" data-testid="not-a-fit">
              <summary>
                Not a fit ({notAFit.length}): the audit confirmed nothing you sell
              </summary>
              <div className="table-scroll">
                <table className="table">
                  <caption className="visually-hidden">Leads that are not a fit. Select a row to open its report.</caption>
                  {header}
                  <tbody>{notAFit.map(renderRow)}</tbody>
                </table>
              </div>
            </details>
          ) : null}
        </>
      )}
      {footer}
    </section>
  );
}
