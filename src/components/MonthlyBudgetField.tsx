import { useId } from "react";
import { InlineError } from "./QueryStates";

/** The agency's optional monthly budget for paid providers, in dollars (empty: no budget). */
export function MonthlyBudgetField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Monthly budget (USD)</label>
      <input
        id={id}
        data-testid="monthly-budget-input"
        type="number"
        inputMode="decimal"
        min={0}
        step={0.01}
        placeholder="No budget"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={`${id}-hint`}
      />
      <span className="hint" id={`${id}-hint`}>
        Google Places, Firecrawl and OpenAI spend allowed per calendar month (UTC). A run whose estimate would pass it is refused; leave empty for no budget.
        The keyless demo providers cost nothing.
      </span>
      <InlineError message={error} />
    </div>
  );
}

/** The field's text as the profile's `monthlyBudgetUsd`: undefined when empty, NaN when not a number (the server refuses it). */
export function parseBudget(value: string): number | undefined {
  return value.trim() === "" ? undefined : Number(value);
}
