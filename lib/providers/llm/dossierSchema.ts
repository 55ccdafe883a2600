import { z } from "zod";

/** What the model must answer (OpenAI strict structured outputs: every field required, nullable instead of optional). */
export const vLlmDossierAnswer = z.object({
  summary: z.string().describe("3-5 sentences: who the business is, its Google rating, what the website audit found."),
  identified_gaps: z
    .array(
      z.object({
        key: z.string().describe("Signal name from the findings (e.g. NO_SSL) or a short UPPER_SNAKE label."),
        value: z.string().describe("The problem, stated with its evidence."),
        source_url: z.string().describe("Exactly one of the ALLOWED EVIDENCE values."),
      }),
    )
    .describe("Problems backed by evidence only."),
  talking_points: z.array(
    z.object({
      text: z.string().describe("What the agency can say, grounded in a gap and the cited claim."),
      approved_claim_id: z.string().describe("The id of the approved claim this point relies on."),
      source_url: z.string().nullable().describe("Evidence for the gap it addresses, or null."),
    }),
  ),
  fit_reason: z.string().describe('One line, e.g. "Opportunity: low Google rating & no clear call-to-action on website."'),
});

export type LlmDossierAnswer = z.infer<typeof vLlmDossierAnswer>;
