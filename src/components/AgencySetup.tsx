import { useMutation } from "convex/react";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../convex/_generated/api";
import { type AgencyField, type ClaimDraft, type FieldErrors, validateAgencyForm, validateMinimumScore, validateMonthlyBudget } from "../../lib/campaignInput";
import { nextClaimId, suggestClaimSignals } from "../../lib/claims";
import { DEFAULT_MIN_SCORE } from "../../lib/lifecycle";
import { uncoveredSignals } from "../../lib/onboarding/claimCoverage";
import { DEFAULT_QUALIFICATION_CRITERIA, SIGNALS, SIGNAL_CATALOGUE, isSignal, type Signal } from "../../lib/signals";
import type { AgencyProfile, OnboardingDraft, OnboardingFlowId } from "../apiTypes";
import { useMutationState } from "../hooks/useMutationState";
import { AgencyBrandingFields, brandingDraft, brandingErrors } from "./AgencyBrandingFields";
import { MonthlyBudgetField, parseBudget } from "./MonthlyBudgetField";
import { InlineError } from "./QueryStates";
import { TextField } from "./TextField";

/** NEEDS_WEB_AUDIT is a placeholder the app adds itself, not a problem an agency picks. */
const CHOOSABLE = SIGNALS.filter((s) => s !== "NEEDS_WEB_AUDIT");
const PLACES_CHOICES = CHOOSABLE.filter((s) => SIGNAL_CATALOGUE[s].kind === "places");
const AUDIT_CHOICES = CHOOSABLE.filter((s) => SIGNAL_CATALOGUE[s].kind === "deep");

/** A claim row: its id is generated and never shown; `sourceUrl` cites the page a drafted claim came from. */
type ClaimRow = ClaimDraft & { sourceUrl?: string };

/** Review of an onboarding draft: the form starts from it and "Approve" saves it through `onboarding.approve`. */
export interface DraftReview {
  onboardingFlowId: OnboardingFlowId;
  draft: OnboardingDraft;
}

function initialClaims(profile: AgencyProfile | undefined, review: DraftReview | undefined): ClaimRow[] {
  if (review && review.draft.claims.length > 0)
    return review.draft.claims.map((c) => ({ id: c.id, text: c.text, signals: [...c.signals], sourceUrl: c.sourceUrl }));
  // A claim saved before claims listed signals starts with what its wording suggests.
  if (profile && profile.approvedClaims.length > 0)
    return profile.approvedClaims.map((c) => ({ id: c.id, text: c.text, signals: c.signals ? [...c.signals] : suggestClaimSignals(c.text) }));
  return [{ id: "claim-1", text: "", signals: [] }];
}

function initialCriteria(profile: AgencyProfile | undefined, review: DraftReview | undefined): string[] {
  if (review && review.draft.signals.length > 0) return review.draft.signals.map((s) => s.signal);
  return profile?.leadQualificationCriteria ?? [...DEFAULT_QUALIFICATION_CRITERIA];
}

/** "/services/" for a cited page (the host is the agency's own). */
export function pagePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}` || "/";
  } catch {
    return url;
  }
}

export function Cite({ url }: { url?: string }) {
  if (!url) return null;
  return (
    <a className="cite" href={url} target="_blank" rel="noreferrer noopener" title={`Found on ${url}`} data-testid="draft-cite">
      from {pagePath(url)}
    </a>
  );
}

/**
 * The agency profile form: first-visit setup by hand, later edits (runs and leads are kept), and the review
 * of an onboarding draft (prefilled, with the page each item came from; nothing is saved until "Approve").
 * Claim ids are generated and hidden; a warning lists chosen problems no claim answers.
 */
export function AgencySetup({
  profile,
  review,
  onDone,
  onCancel,
  title,
}: {
  profile?: AgencyProfile;
  review?: DraftReview;
  onDone?: () => void;
  onCancel?: () => void;
  title?: string;
}) {
  const save = useMutation(api.agency.save);
  const approve = useMutation(api.onboarding.approve);
  const setMonthlyBudget = useMutation(api.agency.setMonthlyBudget);
  const formId = useId();
  const draft = review?.draft;
  const [name, setName] = useState(draft?.name?.value ?? profile?.name ?? "");
  const [targetVertical, setVertical] = useState(draft?.targetVerticals[0]?.value ?? profile?.targetVertical ?? "");
  const [targetGeography, setGeography] = useState(draft?.targetGeography?.value ?? profile?.targetGeography ?? "");
  const [criteria, setCriteria] = useState<string[]>(() => initialCriteria(profile, review));
  const [claims, setClaims] = useState<ClaimRow[]>(() => initialClaims(profile, review));
  const [minimumScore, setMinimumScore] = useState(String(profile?.minimumScore ?? DEFAULT_MIN_SCORE));
  const [minScoreError, setMinScoreError] = useState<string>();
  const [budget, setBudget] = useState(profile?.monthlyBudgetUsd === undefined ? "" : String(profile.monthlyBudgetUsd));
  const [budgetError, setBudgetError] = useState<string>();
  const [branding, setBranding] = useState(() => brandingDraft(profile));
  const [brandingErrs, setBrandingErrs] = useState<ReturnType<typeof brandingErrors>>({});
  const [errors, setErrors] = useState<FieldErrors<AgencyField>>({});
  const { busy: saving, error: formError, run } = useMutationState<"save">();
  const busy = saving !== undefined;
  const drafted = new Map(draft?.signals.map((s) => [s.signal as string, s]) ?? []);
  const uncovered = uncoveredSignals(criteria, claims);

  function toggle(signal: Signal, checked: boolean) {
    setCriteria((current) => (checked ? [...current.filter((s) => s !== signal), signal] : current.filter((s) => s !== signal)));
  }

  function toggleClaimSignal(id: string, signal: Signal) {
    setClaims((cs) =>
      cs.map((c) => {
        if (c.id !== id) return c;
        const signals = c.signals ?? [];
        return { ...c, signals: signals.includes(signal) ? signals.filter((s) => s !== signal) : [...signals, signal] };
      }),
    );
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
    const profileToSave = {
      ...result.value,
      approvedClaims: result.value.approvedClaims.map((c) => ({ id: c.id, text: c.text, signals: (c.signals ?? []).filter(isSignal) })),
      minimumScore: minScore,
      ...branding,
      ...(monthlyBudgetUsd !== undefined ? { monthlyBudgetUsd } : {}),
    };
    await run("save", async () => {
      if (review) await approve({ onboardingFlowId: review.onboardingFlowId, profile: profileToSave });
      else await save(profileToSave);
      // Saving leaves an omitted budget as it was: clearing the field clears the budget.
      if (!review && monthlyBudgetUsd === undefined && profile?.monthlyBudgetUsd !== undefined) await setMonthlyBudget({ monthlyBudgetUsd: null });
      onDone?.();
    });
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
          {drafted.has(signal) ? (
            <span className="check-found" data-testid="drafted-signal" data-signal={signal}>
              Your site: “{drafted.get(signal)!.evidence}” <Cite url={drafted.get(signal)!.sourceUrl} />
            </span>
          ) : null}
        </span>
      </label>
    ));
  }

  const heading = title ?? (review ? "Review your draft profile" : profile ? "Edit agency profile" : "Set up your agency");
  return (
    <form className="card agency-form" data-testid="agency-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{heading}</h2>
      {review ? (
        <p className="muted">
          Everything below was read from your website; each item says which page. Edit anything, then approve: nothing is saved before that.
        </p>
      ) : !profile ? (
        <p className="muted">Tell Atlas what your agency does, and it will find local businesses with exactly those problems. You can change this later.</p>
      ) : null}

      <div className="field-grid">
        <TextField id={fieldId("name")} label="Agency name" value={name} onChange={setName} error={errors.name} autoComplete="organization" data-autofocus>
          <Cite url={draft?.name?.sourceUrl} />
        </TextField>
        <TextField
          id={fieldId("vertical")}
          label="Default vertical"
          value={targetVertical}
          placeholder="e.g. dentists"
          onChange={setVertical}
          error={errors.targetVertical}
          list={draft && draft.targetVerticals.length > 1 ? `${formId}-verticals` : undefined}
        >
          {draft && draft.targetVerticals.length > 0 ? (
            <span className="hint" data-testid="drafted-verticals">
              Your site names: {draft.targetVerticals.map((v) => v.value).join(", ")} <Cite url={draft.targetVerticals[0].sourceUrl} />
              <datalist id={`${formId}-verticals`}>
                {draft.targetVerticals.map((v) => (
                  <option key={v.value} value={v.value} />
                ))}
              </datalist>
            </span>
          ) : null}
        </TextField>
        <TextField
          id={fieldId("geography")}
          label="Default geography"
          value={targetGeography}
          placeholder="e.g. Seattle, WA"
          onChange={setGeography}
          error={errors.targetGeography}
        >
          <Cite url={draft?.targetGeography?.sourceUrl} />
        </TextField>
      </div>

      {draft && draft.services.length > 0 ? (
        <section className="fieldset draft-services" aria-label="Services found on your website" data-testid="draft-services">
          <p className="legend-like">Services found on your website</p>
          <ul>
            {draft.services.map((s) => (
              <li key={s.text} data-testid="draft-service">
                <strong>{s.text}</strong> — fixes {s.signals.map((sig) => SIGNAL_CATALOGUE[sig].label.toLowerCase()).join(", ")} <Cite url={s.sourceUrl} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

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
        <p className="fieldset-hint">Statements your team may make to prospects. Every talking point cites one of these; tick the problems each one answers.</p>
        <ul className="claims">
          {claims.map((claim, index) => (
            <li key={claim.id} className="claim-row claim-row-stacked" data-testid="claim-row">
              <div className="claim-line">
                <textarea
                  rows={2}
                  aria-label={`Claim ${index + 1} text`}
                  value={claim.text}
                  placeholder="e.g. We build mobile-first websites in two weeks"
                  onChange={(e) => setClaims((cs) => cs.map((c) => (c.id === claim.id ? { ...c, text: e.target.value } : c)))}
                />
                <button
                  type="button"
                  className="button button-ghost"
                  aria-label={`Remove claim ${index + 1}`}
                  onClick={() => setClaims((cs) => cs.filter((c) => c.id !== claim.id))}
                >
                  Remove
                </button>
              </div>
              <div className="claim-signals" role="group" aria-label={`Problems claim ${index + 1} answers`}>
                {criteria.filter(isSignal).map((signal) => {
                  const on = (claim.signals ?? []).includes(signal);
                  return (
                    <button
                      key={signal}
                      type="button"
                      className={on ? "chip chip-toggle chip-on" : "chip chip-toggle"}
                      aria-pressed={on}
                      onClick={() => toggleClaimSignal(claim.id, signal)}
                    >
                      {SIGNAL_CATALOGUE[signal].label}
                    </button>
                  );
                })}
                <Cite url={claim.sourceUrl} />
              </div>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => setClaims((cs) => [...cs, { id: nextClaimId([...(profile?.approvedClaims ?? []), ...cs]), text: "", signals: [] }])}
        >
          + Add claim
        </button>
        {uncovered.length > 0 ? (
          <p className="warning claim-coverage" role="status" data-testid="claim-coverage-warning">
            No claim answers {uncovered.length === 1 ? "this problem" : "these problems"}:{" "}
            {uncovered.map((s) => (isSignal(s) ? SIGNAL_CATALOGUE[s].label : s)).join(", ")}. Leads showing {uncovered.length === 1 ? "it" : "them"} get no
            talking point for {uncovered.length === 1 ? "it" : "them"}: add a claim, or tick it on one.
          </p>
        ) : null}
        <InlineError message={errors.approvedClaims} />
      </fieldset>

      <AgencyBrandingFields draft={branding} errors={brandingErrs} onChange={setBranding} />

      <InlineError message={formError} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid={review ? "approve-draft" : undefined}>
          {busy ? "Saving…" : review ? "Approve and save profile" : profile ? "Save changes" : "Save agency"}
        </button>
        {onCancel ? (
          <button type="button" className="button button-ghost" onClick={onCancel} disabled={busy}>
            {review ? "Start over" : "Cancel"}
          </button>
        ) : null}
      </div>
    </form>
  );
}
