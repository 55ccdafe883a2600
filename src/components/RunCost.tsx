import { formatUsd } from "../../lib/costEstimate";
import type { RunDetails } from "../apiTypes";
import { costLabel, usageSummary } from "../lib/usageDisplay";

/** What a run used and cost on the paid providers (recorded step by step), its estimate, and a budget stop. */
export function RunCost({ run }: { run: RunDetails["run"] }) {
  const summary = usageSummary(run.usage);
  return (
    <>
      {run.budgetStop ? (
        <p className="banner shortfall" data-testid="run-budget-stop">
          Website audits skipped: {run.budgetStop}. Leads were ranked and written up from their Places data.
        </p>
      ) : null}
      <p className="hint run-cost" data-testid="run-cost">
        Cost: <strong>{costLabel(run.usage)}</strong>
        {summary ? ` · ${summary}` : ""}
        {run.estimatedCostUsd !== undefined && run.estimatedCostUsd > 0 ? ` · estimated up to ${formatUsd(run.estimatedCostUsd)}` : ""}
      </p>
    </>
  );
}
