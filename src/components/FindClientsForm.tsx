import { useMutation, useQuery } from "convex/react";
import { type FormEvent, useState } from "react";
import { api } from "../../convex/_generated/api";
import { estimateRunCost, formatUsd } from "../../lib/costEstimate";
import { type FieldErrors, type RunFormInput, validateRunForm } from "../../lib/campaignInput";
import { campaignKey } from "../../lib/campaignKey";
import type { ErrorCode } from "../../lib/errorCodes";
import { NUM_LEADS_MAX, NUM_LEADS_MIN } from "../../lib/lifecycle";
import type { AgencyProfile, RunId } from "../apiTypes";
import { userErrorCode, userErrorMessage } from "../lib/errorMessage";
import { useMutationState } from "../hooks/useMutationState";
import { InlineError } from "./QueryStates";
import { TextField } from "./TextField";

const DEFAULT_NUM_LEADS = "10";

/** The campaign's text fields, under the number of leads. */
const CAMPAIGN_FIELDS = [
  { field: "targetVertical", label: "Vertical", placeholder: "e.g. dentists" },
  { field: "targetGeography", label: "Geography", placeholder: "e.g. Seattle, WA" },
] as const;

/** Server error codes that belong to one field, so the message shows beside it. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, keyof RunFormInput>> = {
  INVALID_NUM_LEADS: "numLeads",
  INVALID_VERTICAL: "targetVertical",
  INVALID_GEOGRAPHY: "targetGeography",
};

export function FindClientsForm({ agency, onStarted }: { agency: AgencyProfile; onStarted: (jobId: RunId) => void }) {
  const start = useMutation(api.marketing.startLeadGenWorkflow);
  const runs = useQuery(api.marketing.listRuns, { limit: 25 });
  const [input, setInput] = useState<RunFormInput>({
    numLeads: DEFAULT_NUM_LEADS,
    targetVertical: agency.targetVertical,
    targetGeography: agency.targetGeography,
  });
  const [errors, setErrors] = useState<FieldErrors<keyof RunFormInput>>({});
  const { busy, error: formError, run, setError: setFormError } = useMutationState<"start">();

  function set(field: keyof RunFormInput, value: string) {
    setInput((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateRunForm(input);
    setFormError(undefined);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const started = await run(
      "start",
      () => start(result.value),
      (error) => {
        // A field's error shows beside the field.
        const code = userErrorCode(error);
        const field = code ? FIELD_OF_CODE[code] : undefined;
        if (field) setErrors({ [field]: userErrorMessage(error) });
        return field !== undefined;
      },
    );
    if (started) onStarted(started.jobId);
  }

  // One run per campaign at a time: while this campaign runs, the button is off and links to the run.
  const key = campaignKey(input.targetVertical, input.targetGeography);
  const running = runs?.find((r) => r.workflowStatus === "running" && (r.campaignKey ?? campaignKey(r.targetVertical, r.targetGeography)) === key);

  return (
    <form className="card find-form" data-testid="find-clients-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="find-title">
      <h2 id="find-title">Find Qualified Clients</h2>
      <TextField
        id="find-numLeads"
        label="Number of leads"
        data-testid="num-leads-input"
        type="number"
        inputMode="numeric"
        min={NUM_LEADS_MIN}
        max={NUM_LEADS_MAX}
        step={1}
        value={input.numLeads}
        onChange={(value) => set("numLeads", value)}
        error={errors.numLeads}
        hint={`${NUM_LEADS_MIN}–${NUM_LEADS_MAX}`}
      />
      {CAMPAIGN_FIELDS.map(({ field, label, placeholder }) => (
        <TextField
          key={field}
          id={`find-${field}`}
          label={label}
          value={input[field]}
          placeholder={placeholder}
          onChange={(value) => set(field, value)}
          error={errors[field]}
        />
      ))}
      <RunCostEstimate numLeads={Number(input.numLeads)} />
      <InlineError message={formError} />
      {running ? (
        <p className="hint" data-testid="campaign-running">
          This campaign is running now.{" "}
          <button type="button" className="link-button" data-testid="open-running-run" onClick={() => onStarted(running._id)}>
            Open the running run
          </button>
        </p>
      ) : null}
      <button type="submit" className="button button-primary button-block" data-testid="start-run" disabled={busy !== undefined || running !== undefined}>
        {busy ? "Starting…" : running ? "Campaign running…" : "Find Qualified Clients"}
      </button>
    </form>
  );
}

/** The most this run can cost on the paid providers, before it starts (prices: lib/pricing.ts). */
function RunCostEstimate({ numLeads }: { numLeads: number }) {
  if (!Number.isInteger(numLeads) || numLeads < NUM_LEADS_MIN || numLeads > NUM_LEADS_MAX) return null;
  const estimate = estimateRunCost({ numLeads });
  return (
    <p className="hint" data-testid="run-cost-estimate">
      With Google Places, Firecrawl and OpenAI: up to {formatUsd(estimate.totalUsd)} (Places {formatUsd(estimate.places.usd)}, Firecrawl{" "}
      {estimate.firecrawl.credits} credits {formatUsd(estimate.firecrawl.usd)}, OpenAI {formatUsd(estimate.openai.usd)}). Free on the keyless defaults.{" "}
      <ConfiguredEstimate numLeads={numLeads} />
    </p>
  );
}

/** The estimate for the providers this backend really uses (what the monthly budget is checked against). */
function ConfiguredEstimate({ numLeads }: { numLeads: number }) {
  const configured = useQuery(api.usage.estimateRun, { numLeads });
  if (!configured) return null;
  return (
    <span data-testid="configured-estimate">
      {configured.free ? "This backend uses the demo providers: demo — no charge." : `With this backend's providers: up to ${formatUsd(configured.totalUsd)}.`}
    </span>
  );
}
