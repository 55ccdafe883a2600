import { useMutation } from "convex/react";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../convex/_generated/api";
import { validateMinimumScore, validateMonthlyBudget } from "../../lib/campaignInput";
import { DEFAULT_MIN_SCORE } from "../../lib/lifecycle";
import { DEFAULT_QUALIFICATION_CRITERIA, SIGNALS, SIGNAL_CATALOGUE, type Signal } from "../../lib/signals";
import type { AgencyProfile } from "../apiTypes";
import { userErrorMessage } from "../lib/errorMessage";
import { type AgencyField, type ClaimDraft, type FieldErrors, nextClaimId, validateAgencyForm } from "../lib/formValidation";
import { MonthlyBudgetField, parseBudget } from "./MonthlyBudgetField";
import { suggestClaimSignals } from "../../lib/claims";
import { ClaimSignalsPicker } from "./ClaimSignalsPicker";
import { AgencyBrandingFields, brandingDraft, brandingErrors } from "./AgencyBrandingFields";
import { InlineError } from "./QueryStates";

/** NEEDS_WEB_AUDIT is a placeholder the app adds itself, not a problem an agency picks. */
const CHOOSABLE = SIGNALS.filter((s) => s !== "NEEDS_WEB_AUDIT");
const PLACES_CHOICES = CHOOSABLE.filter((s) => SIGNAL_CATALOGUE[s].kind === "places");
const AUDIT_CHOICES = CHOOSABLE.filter((s) => SIGNAL_CATALOGUE[s].kind === "deep");

function initialClaims(profile: AgencyProfile | undefined): ClaimDraft[] {
  // A claim saved before claims listed signals starts with what its wording suggests.
  if (profile && profile.approvedClaims.length > 0) return profile.approvedClaims.map((c) => ({ id: c.id, text: c.text, signals: c.signals ?? suggestClaimSignals(c.text) }));
  return [{ id: "claim-1", text: "", signals: [] }];
}

/**
 * First-visit setup (no profile yet) and later edits of the agency profile:
 * name, default campaign, the problems it solves, and its approved claims.
 */
export function AgencySetup({ profile, onDone, onCancel }: { profile?: AgencyProfile; onDone?: () => void; onCancel?: () => void }) {
  const save = useMutation(api.agency.save);
  const setMonthlyBudget = useMutation(api.agency.setMonthlyBudget);
  const ensureDemo = useMutation(api.agency.ensureDemo);
  const formId = useId();
  const [name, setName] = useState(profile?.name ?? "");
  const [targetVertical, setVertical] = useState(profile?.targetVertical ?? "");
  const [targetGeography, setGeography] = useState(profile?.targetGeography ?? "");
  const [criteria, setCriteria] = useState<string[]>(profile?.leadQualificationCriteria ?? [...DEFAULT_QUALIFICATION_CRITERIA]);
  const [claims, setClaims] = useState<ClaimDraft[]>(() => initialClaims(profile));
  const [minimumScore, setMinimumScore] = useState(String(profile?.minimumScore ?? DEFAULT_MIN_SCORE));
  const [minScoreError, setMinScoreError] = useState<string>();
  const [budget, setBudget] = useState(profile?.monthlyBudgetUsd === undefined ? "" : String(profile.monthlyBudgetUsd));
  const [budgetError, setBudgetError] = useState<string>();
  const [branding, setBranding] = useState(() => brandingDraft(profile));
  const [brandingErrs, setBrandingErrs] = useState<ReturnType<typeof brandingErrors>>({});
  const [errors, setErrors] = useState<FieldErrors<AgencyField>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function toggle(signal: Signal, checked: boolean) {
    setCriteria((current) => (checked ? [...current.filter((s) => s !== signal), signal] : current.filter((s) => s !== signal)));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = validateAgencyForm({ name, targetVertical, targetGeography, leadQualificationCriteria: criteria, approvedClaims: claims });
    const minScore = minimumScore.trim() === "" ? DEFAULT_MIN_SCORE : Number(minimumScore);
    const minError = validateMinimumScore(minScore);
    setMinScoreError(minError?.message);
    const monthlyBudgetUsd = parseBudget(budget);
    const budgetCheck = validateMonthlyBudget(monthlyBudgetUsd);
    setBudgetError(budgetCheck?.message);
    const brandingErrorList = brandingErrors(branding);
    setBrandingErrs(brandingErrorList);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    if (minError || budgetCheck || Object.keys(brandingErrorList).length > 0) return;
    setErrors({});
    setFormError(undefined);
    setBusy(true);
    try {
      await save({ ...result.value, minimumScore: minScore, ...branding, ...(monthlyBudgetUsd !== undefined ? { monthlyBudgetUsd } : {}) });
      // Saving leaves an omitted budget as it was: clearing the field clears the budget.
      if (monthlyBudgetUsd === undefined && profile?.monthlyBudgetUsd !== undefined) await setMonthlyBudget({ monthlyBudgetUsd: null });
      onDone?.();
    } catch (error) {
      setFormError(userErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function applyDemo() {
    setFormError(undefined);
    setBusy(true);
    try {
      await ensureDemo({});
      onDone?.();
    } catch (error) {
      setFormError(userErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const fieldId = (field: string) => `${formId}-${field}`;
  const errorId = (field: AgencyField) => (errors[field] ? `${formId}-${field}-error` : undefined);

  function checkboxes(signals: readonly Signal[]) {
    return signals.map((signal) => (
      <label key={signal} className="check">
        <input type="checkbox" name="criteria" value={signal} checked={criteria.includes(signal)} onChange={(e) => toggle(signal, e.target.checked)} />
        <span>
          <span className="check-label">{SIGNAL_CATALOGUE[signal].label}</span>
          <span className="check-description">{SIGNAL_CATALOGUE[signal].description}</span>
        </span>
      </label>
    ));
  }

  return (
    <form className="card agency-form" data-testid="agency-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{profile ? "Edit agency profile" : "Set up your agency"}</h2>
      {!profile ? (
        <p className="muted">
          Tell Atlas what your agency does, and it will find local businesses with exactly those problems. You can change this later.
        </p>
      ) : null}

      <div className="field-grid">
        <div className="field">
          <label htmlFor={fieldId("name")}>Agency name</label>
          <input id={fieldId("name")} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} aria-describedby={errorId("name")} autoComplete="organization" data-autofocus />
          <InlineError id={errorId("name")} message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={fieldId("vertical")}>Default vertical</label>
          <input id={fieldId("vertical")} value={targetVertical} placeholder="e.g. dentists" onChange={(e) => setVertical(e.target.value)} aria-invalid={!!errors.targetVertical} aria-describedby={errorId("targetVertical")} />
          <InlineError id={errorId("targetVertical")} message={errors.targetVertical} />
        </div>
        <div className="field">
          <label htmlFor={fieldId("geography")}>Default geography</label>
          <input id={fieldId("geography")} value={targetGeography} placeholder="e.g. Seattle, WA" onChange={(e) => setGeography(e.target.value)} aria-invalid={!!errors.targetGeography} aria-describedby={errorId("targetGeography")} />
          <InlineError id={errorId("targetGeography")} message={errors.targetGeography} />
        </div>
      </div>

      <fieldset className="fieldset" aria-describedby={errorId("leadQualificationCriteria")}>
        <legend>Problems you solve</legend>
        <p className="fieldset-hint">Found from Google Business data</p>
        <div className="check-grid">{checkboxes(PLACES_CHOICES)}</div>
        <p className="fieldset-hint">Found by auditing the business's website</p>
        <div className="check-grid">{checkboxes(AUDIT_CHOICES)}</div>
        <InlineError id={errorId("leadQualificationCriteria")} message={errors.leadQualificationCriteria} />
      </fieldset>

      <div className="field">
        <label htmlFor={`${formId}-minimumScore`}>Minimum score</label>
        <input
          id={`${formId}-minimumScore`}
          data-testid="minimum-score-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={99}
          step={1}
          value={minimumScore}
          onChange={(e) => setMinimumScore(e.target.value)}
          aria-invalid={!!minScoreError}
          aria-describedby={`${formId}-minimumScore-hint`}
        />
        <span className="hint" id={`${formId}-minimumScore-hint`}>
          A lead is delivered only when it scores above this (0 = any problem you solve).
        </span>
        <InlineError message={minScoreError} />
      </div>

      <MonthlyBudgetField value={budget} onChange={setBudget} error={budgetError} />

      <fieldset className="fieldset">
        <legend>Approved claims</legend>
        <p className="fieldset-hint">
          Statements your team may make to prospects, each with the problems it answers. Every talking point pitches a problem with the claim that answers it.
        </p>
        <ul className="claims">
          {claims.map((claim, index) => (
            <li key={claim.id} className="claim-item">
              <div className="claim-row">
                <input
                  aria-label={`Claim ${index + 1} text`}
                  value={claim.text}
                  placeholder="e.g. We build mobile-first websites in two weeks"
                  onChange={(e) => setClaims((cs) => cs.map((c) => (c.id === claim.id ? { ...c, text: e.target.value } : c)))}
                />
                <button type="button" className="button button-ghost" aria-label={`Remove claim ${index + 1}`} onClick={() => setClaims((cs) => cs.filter((c) => c.id !== claim.id))}>
                  Remove
                </button>
              </div>
              <ClaimSignalsPicker index={index} signals={claim.signals} onChange={(signals) => setClaims((cs) => cs.map((c) => (c.id === claim.id ? { ...c, signals } : c)))} />
            </li>
          ))}
        </ul>
        <button type="button" className="button button-ghost" onClick={() => setClaims((cs) => [...cs, { id: nextClaimId([...(profile?.approvedClaims ?? []), ...cs]), text: "", signals: [] }])}>
          + Add claim
        </button>
        <InlineError message={errors.approvedClaims} />
      </fieldset>

      <AgencyBrandingFields draft={branding} errors={brandingErrs} onChange={setBranding} />

      <InlineError message={formError} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving…" : profile ? "Save changes" : "Save agency"}
        </button>
        {!profile ? (
          <button type="button" className="button" onClick={() => void applyDemo()} disabled={busy}>
            Use demo agency
          </button>
        ) : null}
        {onCancel ? (
          <button type="button" className="button button-ghost" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
