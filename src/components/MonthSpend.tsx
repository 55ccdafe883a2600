import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { formatUsd } from "../../lib/costEstimate";
import { useNow } from "../hooks/useNow";
import { costLabel, usageSummary, utcMonthStart } from "../lib/usageDisplay";

/** This month's spend on paid providers against the agency's budget: figures, a bar, runs and re-audits started. */
export function MonthSpend() {
  const monthStart = utcMonthStart(useNow(60_000));
  const month = useQuery(api.usage.thisMonth, { now: monthStart });
  if (month === undefined) return null;
  const { budgetUsd, spentUsd } = month;
  const share = budgetUsd === undefined ? undefined : budgetUsd === 0 ? (spentUsd > 0 ? 1 : 0) : Math.min(1, spentUsd / budgetUsd);
  const over = budgetUsd !== undefined && spentUsd >= budgetUsd && budgetUsd > 0;
  const summary = usageSummary(month.usage);
  return (
    <div className="card month-spend" data-testid="month-spend" aria-labelledby="month-spend-title">
      <h3 id="month-spend-title" className="card-title">
        Spend in {month.label}
      </h3>
      <p className="month-spend-figures">
        <strong data-testid="month-spent">{month.usage.charged ? formatUsd(spentUsd) : costLabel(month.usage)}</strong>
        {budgetUsd !== undefined ? <span> of {formatUsd(budgetUsd)} budget</span> : <span className="muted"> · no monthly budget set</span>}
      </p>
      {share !== undefined ? (
        <div
          className="progress"
          role="progressbar"
          aria-label="Share of the monthly budget spent"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(share * 100)}
          data-testid="month-spend-bar"
        >
          <span className={`progress-fill ${over ? "progress-failed" : ""}`} style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      ) : null}
      <p className="hint" data-testid="month-runs">
        {month.runs} run{month.runs === 1 ? "" : "s"}
        {month.reaudits ? `, ${month.reaudits} re-audit${month.reaudits === 1 ? "" : "s"}` : ""} this month (UTC){summary ? ` · ${summary}` : ""}
      </p>
      {over ? <p className="hint warning">Budget reached: runs that would cost more are refused until next month or a higher budget.</p> : null}
    </div>
  );
}
