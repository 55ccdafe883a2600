import { type ColumnDef, flexRender, getCoreRowModel, type SortingState, useReactTable } from "@tanstack/react-table";
import { type KeyboardEvent, type ReactNode, useMemo } from "react";
import { defaultSortOrder, LEAD_SORTS, type LeadSort } from "../../lib/leadSearch";
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
  // A lead the score says is not a fit but the user has not marked: say so beside its status.
  const scoreNotAFit = row.notAFit && row.status !== "NOT_A_FIT" ? <span className="muted small">not a fit</span> : null;
  if (!audit) {
    return (
      <span className="status-cell">
        <StatusChip status={row.status} />
        {scoreNotAFit}
      </span>
    );
  }
  const inProgress = audit.status === "queued" || audit.status === "running";
  return (
    <span className="status-cell">
      <StatusChip status={row.status} />
      {scoreNotAFit}
      {inProgress || audit.status === "error" ? <MiniAuditTimeline phases={audit.phases} labelOf={auditPhaseLabel} /> : null}
      {audit.status === "error" ? <span className="muted small">Audit failed</span> : null}
      {audit.status === "cancelled" ? <span className="muted small">Audit cancelled</span> : null}
    </span>
  );
}

/** The table's sort as the server understands it. */
export interface LeadTableSort {
  sort: LeadSort;
  order: "asc" | "desc";
}

function isLeadSort(id: string): id is LeadSort {
  return (LEAD_SORTS as readonly string[]).includes(id);
}

function buildColumns(showCampaign: boolean, criteria: readonly string[] | undefined): ColumnDef<OpportunityRow>[] {
  const columns: (ColumnDef<OpportunityRow> | null)[] = [
    {
      id: "rank",
      header: "#",
      enableSorting: false,
      meta: { className: "col-rank" },
      cell: ({ row }) => (row.original.notAFit && !showCampaign ? "–" : row.index + 1),
    },
    {
      id: "name",
      // Sortable columns need an accessor (tanstack only sorts columns with one); the rows arrive sorted.
      accessorFn: (row) => row.name,
      header: "Business",
      sortDescFirst: false,
      meta: { className: "col-name" },
      cell: ({ row }) => (
        <>
          <span className="name">{row.original.name}</span>
          {row.original.domain ? <span className="muted small">{row.original.domain}</span> : null}
        </>
      ),
    },
    {
      id: "city",
      header: "City",
      enableSorting: false,
      meta: { className: "col-city" },
      cell: ({ row }) => row.original.city ?? <span className="muted">—</span>,
    },
    showCampaign
      ? {
          id: "campaign",
          header: "Campaign",
          enableSorting: false,
          meta: { className: "col-campaign small" },
          cell: ({ row }) => (
            <>
              {row.original.targetVertical}
              <span className="muted"> · {row.original.targetGeography}</span>
            </>
          ),
        }
      : null,
    {
      id: "score",
      accessorFn: (row) => row.qualificationScore,
      header: "Score",
      sortDescFirst: true,
      meta: { className: "col-score" },
      cell: ({ row }) => <ScoreBar score={row.original.qualificationScore} />,
    },
    {
      id: "rating",
      accessorFn: (row) => row.rating,
      header: "Rating",
      sortDescFirst: true,
      meta: { className: "col-rating small" },
      cell: ({ row }) => (row.original.rating !== undefined ? `★ ${row.original.rating.toFixed(1)}` : <span className="muted">—</span>),
    },
    {
      id: "reviews",
      accessorFn: (row) => row.reviews_count,
      header: "Reviews",
      sortDescFirst: true,
      meta: { className: "col-reviews small" },
      cell: ({ row }) => row.original.reviews_count ?? <span className="muted">—</span>,
    },
    {
      id: "signals",
      header: "Signals",
      enableSorting: false,
      meta: { className: "col-signals" },
      cell: ({ row }) => <SignalBadges signals={row.original.signals} criteria={criteria} outcome={row.original.websiteOutcome} />,
    },
    {
      id: "status",
      accessorFn: (row) => row.status,
      header: "Status",
      sortDescFirst: false,
      meta: { className: "col-status" },
      cell: ({ row }) => <AuditCell row={row.original} />,
    },
  ];
  return columns.filter((c): c is ColumnDef<OpportunityRow> => c !== null);
}

/**
 * Opportunities, on @tanstack/react-table (headless: it holds the column and sort state, we render the
 * markup). With `sort` + `onSort` the headers sort on the server (manual sorting: the rows arrive sorted);
 * without, rows keep the order given (the run's ranking). Rows are keyed by id so they move, not re-mount,
 * when scores change live; a row opens its report on click, Enter or Space.
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
  more,
  exportAll,
  footer,
  toolbar,
  sort,
  onSort,
  splitNotAFit = true,
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
  /** Without a total: more rows can load, so the count shows "N+". */
  more?: boolean;
  /** Loads every row of the list for the CSV export. */
  exportAll?: () => Promise<readonly OpportunityRow[]>;
  /** Below the table, e.g. a "Load more" button. */
  footer?: ReactNode;
  /** Above the table, e.g. search and filters. */
  toolbar?: ReactNode;
  /** Server-side sort: the current one, and what to do when a header is clicked. */
  sort?: LeadTableSort;
  onSort?: (sort: LeadTableSort) => void;
  /** List leads that are not a fit apart, after the ranking (the run view); off where the user sorts. */
  splitNotAFit?: boolean;
}) {
  const columns = useMemo(() => buildColumns(Boolean(showCampaign), criteria), [showCampaign, criteria]);
  // Leads whose audit confirmed nothing the agency sells are not qualified clients: listed apart, after the ranking.
  const qualified = splitNotAFit ? rows?.filter((r) => !r.notAFit) : rows;
  const notAFit = splitNotAFit ? (rows?.filter((r) => r.notAFit) ?? []) : [];

  return (
    <section className="card opportunities" aria-label={caption}>
      <div className="toolbar">
        <h2 className="card-title">
          {caption}
          {rows ? (
            <span className="count-pill" data-testid="opportunity-count">
              {total ?? `${rows.length}${more ? "+" : ""}`}
            </span>
          ) : null}
        </h2>
        <ExportCsvButton rows={rows} vertical={exportVertical} geography={exportGeography} loadAll={exportAll} />
      </div>
      {toolbar}
      {rows === undefined ? (
        <Loading label="Loading opportunities…" />
      ) : rows.length === 0 ? (
        <EmptyState title={emptyTitle}>{emptyBody ? <p>{emptyBody}</p> : null}</EmptyState>
      ) : (
        <>
          {qualified && qualified.length > 0 ? (
            <LeadRows rows={qualified} columns={columns} caption={caption} selectedId={selectedId} onOpen={onOpen} sort={sort} onSort={onSort} />
          ) : (
            <p className="muted">No qualified leads here: every lead's audit confirmed nothing you sell.</p>
          )}
          {notAFit.length > 0 ? (
            <details className="not-a-fit" data-testid="not-a-fit">
              <summary>Not a fit ({notAFit.length}): the audit confirmed nothing you sell, or you marked them</summary>
              <LeadRows rows={notAFit} columns={columns} caption="Leads that are not a fit" selectedId={selectedId} onOpen={onOpen} />
            </details>
          ) : null}
        </>
      )}
      {footer}
    </section>
  );
}

function LeadRows({
  rows,
  columns,
  caption,
  selectedId,
  onOpen,
  sort,
  onSort,
}: {
  rows: OpportunityRow[];
  columns: ColumnDef<OpportunityRow>[];
  caption: string;
  selectedId?: string;
  onOpen: (id: string) => void;
  sort?: LeadTableSort;
  onSort?: (sort: LeadTableSort) => void;
}) {
  const sorting: SortingState = sort ? [{ id: sort.sort, desc: sort.order === "desc" }] : [];
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row._id,
    manualSorting: true,
    enableSorting: Boolean(onSort),
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!onSort || !first || !isLeadSort(first.id)) return;
      // A new column starts in its natural direction; the same column flips.
      const order = first.id === sort?.sort ? (first.desc ? "desc" : "asc") : defaultSortOrder(first.id);
      onSort({ sort: first.id, order });
    },
  });

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, id: string) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(id);
    }
  }

  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}. Select a row to open its report.</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const className = (header.column.columnDef.meta as { className?: string } | undefined)?.className;
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={className}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort-button" data-testid={`sort-${header.column.id}`} onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const o = row.original;
            return (
              <tr
                key={row.id}
                className={o._id === selectedId ? "row row-selected" : "row"}
                tabIndex={0}
                data-testid="opportunity-row"
                data-opportunity-id={o._id}
                data-score={o.qualificationScore}
                data-status={o.status}
                data-not-a-fit={o.notAFit ? "true" : undefined}
                onClick={() => onOpen(o._id)}
                onKeyDown={(e) => onRowKey(e, o._id)}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={(cell.column.columnDef.meta as { className?: string } | undefined)?.className}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
