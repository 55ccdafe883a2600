import { useMutation, useQuery } from "convex/react";
import { type FormEvent, useId, useState } from "react";
import { api } from "../../../convex/_generated/api";
import { DEMO_AGENCY } from "../../../lib/demoAgency";
import { DEMO_AGENCY_WEBSITES } from "../../../lib/onboarding/demoAgencyWebsites";
import type { OnboardingFlowId } from "../../apiTypes";
import { useMutationState } from "../../hooks/useMutationState";
import { AgencySetup } from "../AgencySetup";
import { InlineError } from "../QueryStates";
import { OnboardingReview } from "./OnboardingReview";

/**
 * First visit, signed in with no agency yet: the two fast ways in come first (above the fold at 1440×900) —
 * start from the agency's website, or use the demo agency — and the form to fill in by hand below them.
 * An onboarding in progress (or waiting for review) is picked up again after a reload.
 */
export function SetupChoice() {
  const current = useQuery(api.onboarding.current);
  const [started, setStarted] = useState<OnboardingFlowId>();
  const [dismissed, setDismissed] = useState<string>();
  const resumed = current && current._id !== dismissed ? current._id : undefined;
  const flowId = started ?? resumed;
  if (flowId) {
    return (
      <OnboardingReview
        onboardingFlowId={flowId}
        onRestart={() => {
          setStarted(undefined);
          setDismissed(flowId);
        }}
      />
    );
  }
  return (
    <>
      <ChoiceCard onStarted={setStarted} />
      <AgencySetup title="Or fill in your profile by hand" />
    </>
  );
}

function ChoiceCard({ onStarted }: { onStarted: (id: OnboardingFlowId) => void }) {
  const start = useMutation(api.onboarding.startFromWebsite);
  const ensureDemo = useMutation(api.agency.ensureDemo);
  const providers = useQuery(api.providers.active);
  const id = useId();
  const [url, setUrl] = useState("");
  const { busy: pending, error, run } = useMutationState<"website" | "demo">();
  const busy = pending !== undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const started = await run("website", () => start({ url }));
    if (started) onStarted(started.onboardingFlowId);
  }

  // Once the demo agency is saved, this page gives way to the dashboard (the mutation resolves with the query results that show it).
  const applyDemo = () => run("demo", () => ensureDemo({}));

  return (
    <section className="card setup-choice" data-testid="setup-choice" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Set up your agency</h2>
      <p className="muted">Two quick ways in. You can edit everything later without losing runs or leads.</p>
      <div className="choice-grid">
        <form className="choice" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="onboarding-start-form">
          <h3>Start from your website</h3>
          <p className="small">
            Atlas reads your agency's site and drafts your profile: services, who you serve, the problems you solve and claims you can make, each with the page
            it came from. Nothing is saved until you approve it.
          </p>
          <label htmlFor={`${id}-url`}>Your agency's website</label>
          <div className="field-inline">
            <input
              id={`${id}-url`}
              data-testid="onboarding-url"
              type="url"
              inputMode="url"
              placeholder="youragency.com"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-invalid={!!error}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="start-onboarding">
              Read my website
            </button>
          </div>
          <InlineError id={`${id}-error`} message={error} />
          {providers?.demoWebsites ? (
            <p className="hint" data-testid="demo-agency-sites">
              Try a demo agency's site:{" "}
              {DEMO_AGENCY_WEBSITES.map((site, i) => (
                <span key={site.domain}>
                  {i > 0 ? " · " : ""}
                  <button type="button" className="link-button" title={`A ${site.kind}`} onClick={() => setUrl(site.domain)}>
                    {site.domain}
                  </button>
                </span>
              ))}
            </p>
          ) : null}
        </form>
        <div className="choice">
          <h3>Use the demo agency</h3>
          <p className="small">
            {DEMO_AGENCY.name}: websites, online booking, reviews and local SEO for {DEMO_AGENCY.targetVertical} in {DEMO_AGENCY.targetGeography}, with{" "}
            {DEMO_AGENCY.approvedClaims.length} approved claims. One click, then Find Qualified Clients.
          </p>
          <button type="button" className="button" onClick={() => void applyDemo()} disabled={busy} data-testid="use-demo-agency">
            Use demo agency
          </button>
        </div>
      </div>
    </section>
  );
}
