import { type PageAudit, auditPages } from "../../audit/heuristicAuditor";
import { buildHeuristicDossier } from "../../audit/heuristicDossier";
import { matchTalkingPoints, wordingFacts } from "../../audit/talkingPoints";
import type { AuditInput, Dossier, DossierWriter, IdentifiedGap, TalkingPoint, WriterCheck } from "../../audit/types";
import { claimAnswers } from "../../claims";
import { outreachProblems } from "../../outreach/outreachDrafts";
import { jargonProblems, plainTextProblems } from "../../plainText";
import { allowedEvidence, buildDossierMessages, evidenceKey } from "./dossierPrompt";
import { type LlmDossierAnswer, vLlmDossierAnswer } from "./dossierSchema";
import { type OpenAIConnectionOptions, OpenAIStructuredChat, UnusableAnswer, truncate } from "./openaiClient";

export { DEFAULT_OPENAI_MAX_RETRIES, DEFAULT_OPENAI_MODEL, DEFAULT_OPENAI_TIMEOUT_MS } from "./openaiClient";

export interface OpenAIDossierOptions extends OpenAIConnectionOptions {
  /** Audit date source; fixed in tests. */
  clock?: () => Date;
}

/**
 * Dossiers written by an OpenAI (or compatible) model with structured outputs,
 * grounded on the heuristic findings, Places facts, approved claims and capped
 * page Markdown, with the outreach drafts in the same answer. The answer is
 * validated and repaired or dropped (groundAnswer); confirmed signals always
 * come from the heuristic checks. Any model
 * failure falls back to the heuristic dossier, except a configuration error (LlmError AUTH/CONFIG: key, model, rejected parameter).
 */
export class OpenAIDossierWriter implements DossierWriter {
  readonly name = "openai" as const;
  private readonly chat: OpenAIStructuredChat;
  private readonly clock: () => Date;

  constructor(options: OpenAIDossierOptions) {
    this.chat = new OpenAIStructuredChat(options);
    this.clock = options.clock ?? (() => new Date());
  }

  async writeDossier(input: AuditInput): Promise<Dossier> {
    const audit = auditPages(input, this.clock());
    const heuristic = buildHeuristicDossier(input, audit);
    if (audit.homeFailed) {
      return {
        ...heuristic,
        note: "LLM skipped: the website could not be audited.",
        writerCheck: { outcome: "fallback", detail: "The website could not be checked, so the built-in auditor wrote this dossier (the AI was not asked)." },
      };
    }
    let answer: LlmDossierAnswer;
    try {
      answer = await this.ask(input, audit, heuristic);
    } catch (error) {
      const configError = this.chat.configError(error);
      if (configError) throw configError;
      const reason = this.chat.describeFailure(error);
      return {
        ...heuristic,
        note: `LLM fallback: ${reason}`,
        writerCheck: { outcome: "fallback", detail: `The AI gave no usable answer (${reason}); this dossier was written by the built-in auditor.` },
      };
    }
    return groundAnswer(input, answer, heuristic);
  }

  private async ask(input: AuditInput, audit: PageAudit, heuristic: Dossier): Promise<LlmDossierAnswer> {
    const answer = await this.chat.ask({
      messages: buildDossierMessages(input, audit, heuristic),
      schema: vLlmDossierAnswer,
      schemaName: "audit_dossier",
      label: "dossier",
      temperature: 0.2,
    });
    if (!answer.summary.trim()) throw new UnusableAnswer("the answer had an empty summary");
    return answer;
  }
}

/** What the checks say when the answer needed nothing. */
export const CHECK_PASSED_DETAIL =
  "Checked: every talking point cites an approved claim that answers its gap, every gap has evidence from a crawled page or the Google listing, and the text is plain English.";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Validate the model's answer and keep only what holds: gaps citing an
 * allowed source (a crawled page or a Places field); talking points citing an
 * approved claim that answers every gap they pitch, in plain English (no
 * markup, codes or developer jargon such as "viewport" or "JSON-LD"); a plain
 * summary and fit reason; plain drafts without placeholders. Then repair: a gap the
 * agency sells that a claim answers but no valid point pitches gets the
 * heuristic point; a summary or fit reason with markup, codes or jargon is replaced by
 * the heuristic one; bad drafts are dropped (the heuristic drafts are shown).
 * When more than half of the model's gaps and points fail, the whole answer is
 * dropped for the heuristic dossier. `writerCheck` says which happened.
 * Confirmed findings the model left out are kept; confirmedSignals, email and
 * the other page facts are the heuristic ones.
 */
export function groundAnswer(input: AuditInput, answer: LlmDossierAnswer, heuristic: Dossier): Dossier {
  const allowed = allowedEvidence(input);
  const claims = new Map(input.agency.approvedClaims.map((c) => [c.id, c]));
  const rejected: string[] = [];
  const repaired: string[] = [];
  // What the model wrote for the owner: plain English with no developer jargon, unless the word is the agency's
  // own (in its claims or name) or the business's name.
  const ownWords = [input.agency.name, input.lead.name, ...input.agency.approvedClaims.map((c) => c.text)].join("\n");
  const modelTextProblems = (text: string) => [...plainTextProblems(text), ...jargonProblems(text, ownWords)];

  const gaps: IdentifiedGap[] = [];
  for (const gap of answer.identified_gaps) {
    const source = allowed.get(evidenceKey(gap.source_url ?? ""));
    if (!source || !gap.key.trim() || !gap.value.trim()) {
      rejected.push(`gap "${truncate(gap.key, 40)}" without evidence from a crawled page`);
      continue;
    }
    gaps.push({ key: gap.key.trim(), value: gap.value.trim(), source_url: source });
  }
  const keys = new Set(gaps.map((g) => g.key));
  for (const gap of heuristic.identified_gaps) if (!keys.has(gap.key)) gaps.push(gap);
  const gapKeys = new Set(gaps.map((g) => g.key));

  const points: TalkingPoint[] = [];
  const pitched = new Set<string>();
  for (const point of answer.talking_points) {
    const claim = claims.get(point.approved_claim_id);
    const pointKeys = [...new Set(point.gap_keys.map((k) => k.trim()).filter(Boolean))];
    const plain = modelTextProblems(point.text);
    const problem = !claim
      ? `talking point citing unknown claim "${truncate(point.approved_claim_id, 40)}"`
      : !point.text.trim()
        ? "empty talking point"
        : pointKeys.length === 0
          ? `talking point citing "${claim.id}" for no gap`
          : pointKeys.some((k) => !gapKeys.has(k))
            ? `talking point pitching "${truncate(pointKeys.find((k) => !gapKeys.has(k)) ?? "", 40)}", which is not a gap of this dossier`
            : pointKeys.some((k) => !claimAnswers(claim, k))
              ? `talking point citing "${claim.id}", which does not answer ${pointKeys.filter((k) => !claimAnswers(claim, k)).join(", ")}`
              : pointKeys.some((k) => pitched.has(k))
                ? `talking point pitching ${pointKeys.filter((k) => pitched.has(k)).join(", ")} a second time`
                : plain.length > 0
                  ? `talking point with ${plain.join(" and ")}`
                  : undefined;
    if (problem || !claim) {
      rejected.push(problem ?? "talking point");
      continue;
    }
    const source = point.source_url ? allowed.get(evidenceKey(point.source_url)) : undefined;
    points.push({ text: point.text.trim(), approved_claim_id: claim.id, ...(source ? { source_url: source } : {}), gap_keys: pointKeys });
    for (const k of pointKeys) pitched.add(k);
  }
  // Repair: each gap the agency sells that a claim answers gets a point (the heuristic one when the model gave none).
  const filled = matchTalkingPoints(
    gaps.filter((g) => !pitched.has(g.key)),
    input.agency.approvedClaims,
    input.agency.leadQualificationCriteria,
    wordingFacts(input.lead),
  );
  const filledGaps = filled.talking_points.flatMap((p) => p.gap_keys ?? []);
  if (filledGaps.length > 0) repaired.push(`added the built-in talking point for ${filledGaps.join(", ")}`);

  const modelItems = answer.identified_gaps.length + answer.talking_points.length;
  if (modelItems > 0 && rejected.length * 2 > modelItems) {
    const detail = `The AI's answer failed the checks (${rejected.length} of its ${modelItems} gaps and talking points: ${truncate(rejected.join("; "), 300)}); this dossier was written by the built-in auditor.`;
    return {
      ...heuristic,
      writerCheck: { outcome: "fallback", detail },
      note: `LLM answer rejected: ${rejected.length} of ${modelItems} items failed the checks; heuristic dossier used.`,
    };
  }

  const plainOr = (text: string, fallback: string, what: string) => {
    const trimmed = text.trim();
    const problems = trimmed ? modelTextProblems(trimmed) : ["nothing"];
    if (problems.length === 0) return trimmed;
    repaired.push(`replaced the ${what} (it had ${problems.join(" and ")}) with the built-in one`);
    return fallback;
  };
  const summary = plainOr(answer.summary, heuristic.summary, "summary");
  const fit_reason = plainOr(answer.fit_reason, heuristic.fit_reason, "fit reason");

  const drafts = {
    emailSubject: answer.outreach.email_subject.trim(),
    emailBody: answer.outreach.email_body.trim(),
    callScript: answer.outreach.call_script.trim(),
  };
  const draftIssues = [
    ...outreachProblems(drafts),
    ...jargonProblems(drafts.emailSubject, ownWords).map((p) => `email subject: ${p}`),
    ...jargonProblems(drafts.emailBody, ownWords).map((p) => `email body: ${p}`),
    ...jargonProblems(drafts.callScript, ownWords).map((p) => `call script: ${p}`),
  ];
  if (draftIssues.length > 0) repaired.push(`dropped the AI's outreach drafts (${truncate(draftIssues.join("; "), 120)}); the built-in drafts are used`);

  const writerCheck: WriterCheck =
    rejected.length + repaired.length === 0
      ? { outcome: "passed", detail: CHECK_PASSED_DETAIL }
      : {
          outcome: "repaired",
          detail: `Checked and repaired: ${[...(rejected.length ? [`dropped ${plural(rejected.length, "item")} (${rejected.join("; ")})`] : []), ...repaired].join("; ")}.`,
        };

  return {
    summary,
    identified_gaps: gaps,
    talking_points: [...points, ...filled.talking_points],
    unpitchedSignals: filled.unpitchedSignals,
    fit_reason,
    confirmedSignals: heuristic.confirmedSignals,
    email: heuristic.email,
    // Facts the model does not write: where the email came from, the website outcome, the technology seen.
    ...(heuristic.emailProvenance ? { emailProvenance: heuristic.emailProvenance } : {}),
    ...(heuristic.websiteOutcome ? { websiteOutcome: heuristic.websiteOutcome } : {}),
    ...(heuristic.technology ? { technology: heuristic.technology } : {}),
    ...(draftIssues.length === 0 ? { outreach: drafts } : {}),
    writerCheck,
    provider: "openai",
    ...(rejected.length ? { note: `LLM answer checked: dropped ${rejected.join(", ")}.` } : {}),
  };
}
