/**
 * The prospect report a business owner opens from a share link (`/r/<token>`), signed out: the agency's
 * brand and call to action, an overall grade and section scores, how the business compares with the top of
 * its local search, every finding with its evidence, and what the agency would do. Prints to a clean PDF
 * (report.css @media print).
 */
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useEffect, useState } from "react";
import { api } from "../../../convex/_generated/api";
import { formatPhoneForDisplay } from "../../../lib/phone";
import { safeHttpUrl, telHref } from "../../lib/evidence";
import { BenchmarkTable, FindingEvidence, GradeBadge, SectionBars, gradeTone } from "./ReportParts";
import "./report.css";

type SharedReport = NonNullable<FunctionReturnType<typeof api.reports.getSharedReport>>;

const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric" });

export function SharedReportPage({ token }: { token: string }) {
  const report = useQuery(api.reports.getSharedReport, { token });
  useEffect(() => {
    document.title = report ? `${report.business.name} · online presence report by ${report.agency.name}` : "Online presence report";
  }, [report]);
  if (report === undefined) {
    return (
      <main className="shared-report shared-state" aria-busy="true">
        <p className="muted">Loading the report…</p>
      </main>
    );
  }
  if (report === null) {
    return (
      <main className="shared-report shared-state" data-testid="shared-report-gone">
        <h1>This report link has expired or was revoked</h1>
        <p className="muted">Ask the agency that sent it to you for a new link.</p>
      </main>
    );
  }
  return <Report report={report} />;
}

function AgencyLogo({ agency }: { agency: SharedReport["agency"] }) {
  const [failed, setFailed] = useState(false);
  const src = safeHttpUrl(agency.logoUrl);
  const initials = agency.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  if (!src || failed) {
    return (
      <span className="agency-monogram" aria-hidden="true">
        {initials}
      </span>
    );
  }
  return <img className="agency-logo" src={src} alt="" onError={() => setFailed(true)} />;
}

function CallToAction({ agency, variant }: { agency: SharedReport["agency"]; variant: "header" | "footer" }) {
  const booking = safeHttpUrl(agency.bookingUrl);
  const phone = agency.contactPhone;
  if (!booking && !phone) return null;
  return (
    <div className={`cta cta-${variant}`} data-testid={`cta-${variant}`}>
      {booking ? (
        <a className="cta-button cta-primary" href={booking} target="_blank" rel="noopener noreferrer" data-testid="cta-booking">
          Book a free consultation
        </a>
      ) : null}
      {phone ? (
        <a className={booking ? "cta-button cta-secondary" : "cta-button cta-primary"} href={telHref(phone)} data-testid="cta-phone">
          Call {formatPhoneForDisplay(phone)}
        </a>
      ) : null}
    </div>
  );
}

function summaryLine(graded: boolean, findings: number, siteChecked: boolean): string {
  const checked = siteChecked ? "your website and your Google listing" : "your Google listing and web presence";
  if (!graded) return "We checked your Google listing; the full grade follows once your website has been checked.";
  if (findings === 0) return `We checked ${checked} and found nothing holding you back. Nice work.`;
  return `We checked ${checked} and found ${findings} ${findings === 1 ? "thing" : "things"} that can cost you customers. Each one is listed below with where we saw it.`;
}

function Report({ report }: { report: SharedReport }) {
  const { agency, business, card, benchmark, whatWeDo } = report;
  const findingsCount = card.sections.reduce((n, s) => n + s.findings.length, 0);
  const booking = safeHttpUrl(agency.bookingUrl);
  const website = safeHttpUrl(business.website);
  return (
    <div className="shared-report" data-testid="shared-report">
      <header className="shared-topbar">
        <div className="shared-agency">
          <AgencyLogo agency={agency} />
          <span className="shared-agency-name" data-testid="shared-agency-name">
            {agency.name}
          </span>
        </div>
        <CallToAction agency={agency} variant="header" />
      </header>

      <main className="shared-main">
        <section className="shared-hero" aria-labelledby="shared-title">
          <div className="shared-hero-text">
            <p className="eyebrow">Online presence report</p>
            <h1 id="shared-title" data-testid="shared-business-name">
              {business.name}
            </h1>
            <p className="shared-meta">
              {business.vertical} · {business.geography}
              {business.address ? <> · {business.address}</> : null}
            </p>
            {website ? (
              <p className="shared-meta">
                <a href={website} target="_blank" rel="noopener noreferrer">
                  {new URL(website).hostname.replace(/^www\./, "")}
                </a>
              </p>
            ) : null}
            <p className="shared-summary">
              {summaryLine(
                card.overall !== null,
                findingsCount,
                card.sections.some((s) => s.id === "mobile" && s.score !== null),
              )}
            </p>
          </div>
          <div className="shared-hero-grade">
            <GradeBadge overall={card.overall} />
          </div>
          <div className="shared-hero-sections">
            <SectionBars card={card} />
          </div>
        </section>

        {benchmark ? (
          <section className="shared-card" aria-labelledby="shared-benchmark">
            <h2 id="shared-benchmark">How you compare locally</h2>
            <BenchmarkTable benchmark={benchmark} prospectLabel={business.name} />
          </section>
        ) : null}

        <section className="shared-card" aria-labelledby="shared-findings">
          <h2 id="shared-findings">What we found</h2>
          {findingsCount === 0 ? <p className="muted">No problems found in what we could check.</p> : null}
          {card.sections
            .filter((s) => s.findings.length > 0)
            .map((section) => (
              <div className="finding-group" key={section.id} data-testid="finding-group" data-section={section.id}>
                <h3>
                  <span className={`finding-score ${gradeTone(section.grade)}`}>{section.score ?? "–"}</span> {section.label}
                  <span className="finding-question">{section.question}</span>
                </h3>
                <ul className="findings">
                  {section.findings.map((finding, i) => (
                    <li key={i} className="finding" data-testid="finding">
                      <p className="finding-label">{finding.label}</p>
                      <p className="finding-detail">{finding.detail}</p>
                      <FindingEvidence evidence={finding.evidence} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </section>

        {whatWeDo.length > 0 ? (
          <section className="shared-card" aria-labelledby="shared-plan">
            <h2 id="shared-plan">What we’d do</h2>
            <ol className="plan" data-testid="what-we-do">
              {whatWeDo.map((item, i) => (
                <li key={i} className="plan-item">
                  <span className="plan-number" aria-hidden="true">
                    {i + 1}
                  </span>
                  <div>
                    <p>{item.text}</p>
                    {item.promise ? <p className="plan-promise">{item.promise}</p> : null}
                  </div>
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        <section className="shared-closing" aria-labelledby="shared-next">
          <h2 id="shared-next">Want help fixing this?</h2>
          <p>
            {agency.name} prepared this report for {business.name}. A short call is enough to walk through it and agree on the first fixes.
          </p>
          <CallToAction agency={agency} variant="footer" />
          {/* On paper the buttons are gone: the same contacts in words, one per line (a long booking link wraps alone). */}
          <p className="print-only print-contacts">
            {booking ? <span className="print-contact">Book a call: {booking}</span> : null}
            {agency.contactPhone ? <span className="print-contact nowrap">Phone: {formatPhoneForDisplay(agency.contactPhone)}</span> : null}
          </p>
        </section>
      </main>

      <footer className="shared-footer">
        Prepared by {agency.name} on {dateFormat.format(report.preparedAt)} from the business's public Google listing and website.
        <span className="no-print"> This link works until {dateFormat.format(report.expiresAt)}.</span>
        <button type="button" className="print-button no-print" onClick={() => window.print()} data-testid="print-report">
          Save as PDF
        </button>
      </footer>
    </div>
  );
}
