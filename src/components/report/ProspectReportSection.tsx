/**
 * The signed-in report panel's prospect-facing part: the grade and section scores the prospect will see,
 * the competitor benchmark, and the share link (create, copy, revoke) with its expiry.
 */
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../../convex/_generated/api";
import type { OpportunityId } from "../../apiTypes";
import { SHARE_LINK_TTL_DAYS } from "../../../lib/shareLinks";
import { useMutationState } from "../../hooks/useMutationState";
import { InlineError } from "../QueryStates";
import { BenchmarkTable, GradeBadge, SectionBars } from "./ReportParts";
import "./report.css";
import { shareUrl } from "../../lib/shareUrl";

const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric" });

export function ProspectReportSection({ opportunityId }: { opportunityId: OpportunityId }) {
  const scorecard = useQuery(api.reports.getScorecard, { opportunityId });
  return (
    <section className="report-section" aria-labelledby="report-prospect" data-testid="prospect-report">
      <h3 id="report-prospect">Prospect report</h3>
      {scorecard ? (
        <>
          <div className="scorecard">
            <GradeBadge overall={scorecard.card.overall} size="small" />
            <SectionBars card={scorecard.card} />
          </div>
          <h4>Against local competitors</h4>
          {scorecard.benchmark ? (
            <BenchmarkTable benchmark={scorecard.benchmark} prospectLabel="This lead" />
          ) : (
            <p className="muted">No search results kept for this lead's run.</p>
          )}
        </>
      ) : null}
      <ShareLinks opportunityId={opportunityId} />
    </section>
  );
}

function ShareLinks({ opportunityId }: { opportunityId: OpportunityId }) {
  const links = useQuery(api.reports.listShareLinks, { opportunityId });
  const create = useMutation(api.reports.createShareLink);
  const revoke = useMutation(api.reports.revokeShareLink);
  const { busy: pending, error, run, setError } = useMutationState<"create" | "revoke">();
  const busy = pending !== undefined;
  const [copied, setCopied] = useState<string>();

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(shareUrl(token));
      setCopied(token);
    } catch {
      setError("Could not copy: select the link and copy it by hand.");
    }
  }

  return (
    <div className="share-links" data-testid="share-links">
      <h4>Share with the prospect</h4>
      <p className="muted small">A page with your logo and call to action that works without an account. Links expire after {SHARE_LINK_TTL_DAYS} days.</p>
      {links && links.length > 0 ? (
        <ul className="share-link-list">
          {links.map((link) => (
            <li key={link.token} data-testid="share-link">
              <input
                className="share-link-url"
                readOnly
                value={shareUrl(link.token)}
                aria-label="Share link"
                onFocus={(e) => e.currentTarget.select()}
                data-testid="share-link-url"
              />
              <span className="muted small">Expires {dateFormat.format(link.expiresAt)}</span>
              <span className="button-row">
                <button type="button" className="button" onClick={() => void copy(link.token)} data-testid="copy-share-link">
                  {copied === link.token ? "Copied ✓" : "Copy"}
                </button>
                <a className="button button-ghost" href={shareUrl(link.token)} target="_blank" rel="noopener noreferrer">
                  Open
                </a>
                <button
                  type="button"
                  className="button button-ghost"
                  disabled={busy}
                  onClick={() => void run("revoke", () => revoke({ token: link.token }))}
                  data-testid="revoke-share-link"
                >
                  Revoke
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={() => void run("create", () => create({ opportunityId }))}
        data-testid="create-share-link"
      >
        {busy ? "Working…" : links && links.length > 0 ? "Create another link" : "Create share link"}
      </button>
      <InlineError message={error} />
    </div>
  );
}
