import { z } from "zod";

/** What the model must answer (OpenAI strict structured outputs: every field required, nullable instead of optional). */
export const vLlmDossierAnswer = z.object({
  summary: z
    .string()
    .describe(
      "3-5 plain-English sentences to the business owner: who the business is, its Google rating, what the website check found. No HTML, no signal names, no jargon.",
    ),
  identified_gaps: z
    .array(
      z.object({
        key: z.string().describe("Signal name from the findings (e.g. NO_SSL) or a short UPPER_SNAKE label."),
        value: z.string().describe("The problem, stated with its technical evidence."),
        source_url: z.string().describe("Exactly one of the ALLOWED EVIDENCE values."),
      }),
    )
    .describe("Problems backed by evidence only."),
  talking_points: z.array(
    z.object({
      text: z
        .string()
        .describe("To the business owner, in plain English: the problem and what it costs them, then what the cited claim offers. No HTML, no signal names."),
      approved_claim_id: z.string().describe("The id of the approved claim this point relies on; it must answer every gap in gap_keys."),
      gap_keys: z.array(z.string()).describe("The keys of the identified gaps this point pitches."),
      source_url: z.string().nullable().describe("Evidence for the gap it addresses, or null."),
    }),
  ),
  fit_reason: z.string().describe('One plain-English line, e.g. "Opportunity: a Google rating under 4 stars and no way to book online."'),
  outreach: z
    .object({
      email_subject: z.string().describe("A short, specific subject line."),
      email_body: z.string().describe("A short cold email to the owner, signed by the agency's team; no placeholders such as [Name] or {name}."),
      call_script: z.string().describe("A phone script: opening, why we call, what we offer, the ask, what to say if they are busy or not interested."),
    })
    .describe("Outreach drafts built only from the talking points and approved claims."),
});

export type LlmDossierAnswer = z.infer<typeof vLlmDossierAnswer>;
