import { type PageAudit, auditPages } from "../../audit/heuristicAuditor";
import { buildHeuristicDossier } from "../../audit/heuristicDossier";
import type { AuditInput, Dossier, DossierWriter, IdentifiedGap, TalkingPoint } from "../../audit/types";
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
 * page Markdown. Gaps without evidence and points citing unknown claims are
 * dropped; confirmed signals always come from the heuristic checks. Any model
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
    if (audit.homeFailed) return { ...heuristic, note: "LLM skipped: the website could not be audited." };
    let answer: LlmDossierAnswer;
    try {
      answer = await this.ask(input, audit, heuristic);
    } catch (error) {
      const configError = this.chat.configError(error);
      if (configError) throw configError;
      return { ...heuristic, note: `LLM fallback: ${this.chat.describeFailure(error)}` };
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

/**
 * Keep only what the evidence supports: gaps citing an allowed source, points
 * citing a real claim. Confirmed findings the model left out are kept, and
 * confirmedSignals/email are the heuristic ones.
 */
export function groundAnswer(input: AuditInput, answer: LlmDossierAnswer, heuristic: Dossier): Dossier {
  const allowed = allowedEvidence(input);
  const claimIds = new Set(input.agency.approvedClaims.map((c) => c.id));
  const dropped: string[] = [];

  const gaps: IdentifiedGap[] = [];
  for (const gap of answer.identified_gaps) {
    const source = allowed.get(evidenceKey(gap.source_url ?? ""));
    if (!source || !gap.key.trim() || !gap.value.trim()) {
      dropped.push(`gap "${truncate(gap.key, 40)}" without evidence`);
      continue;
    }
    gaps.push({ key: gap.key.trim(), value: gap.value.trim(), source_url: source });
  }
  const keys = new Set(gaps.map((g) => g.key));
  for (const gap of heuristic.identified_gaps) if (!keys.has(gap.key)) gaps.push(gap);

  const points: TalkingPoint[] = [];
  for (const point of answer.talking_points) {
    if (!claimIds.has(point.approved_claim_id) || !point.text.trim()) {
      dropped.push(`talking point citing unknown claim "${truncate(point.approved_claim_id, 40)}"`);
      continue;
    }
    const source = point.source_url ? allowed.get(evidenceKey(point.source_url)) : undefined;
    points.push({ text: point.text.trim(), approved_claim_id: point.approved_claim_id, ...(source ? { source_url: source } : {}) });
  }

  return {
    summary: answer.summary.trim(),
    identified_gaps: gaps,
    talking_points: points.length > 0 ? points : heuristic.talking_points,
    fit_reason: answer.fit_reason.trim() || heuristic.fit_reason,
    confirmedSignals: heuristic.confirmedSignals,
    email: heuristic.email,
    // Facts the model does not write: where the email came from, the website outcome, the technology seen.
    ...(heuristic.emailProvenance ? { emailProvenance: heuristic.emailProvenance } : {}),
    ...(heuristic.websiteOutcome ? { websiteOutcome: heuristic.websiteOutcome } : {}),
    ...(heuristic.technology ? { technology: heuristic.technology } : {}),
    provider: "openai",
    ...(dropped.length ? { note: `LLM answer checked: dropped ${dropped.join(", ")}.` } : {}),
  };
}
