import { OpenAIAgencyDrafter, type AgencyDraftResult } from "../providers/llm/agencyDraft";
import { resolveLlmSettings } from "../providers/llm/llmSettings";
import type { AgencyPage } from "./draft";
import { extractAgencyDraft } from "./heuristicExtractor";

/**
 * Drafts the agency's profile from its pages with the LLM the env chooses (README "Environment variables":
 * `LLM_PROVIDER`, `OPENAI_API_KEY`…), like the dossier writer: OpenAI when configured, else the heuristic extractor.
 * @throws LlmError on bad LLM settings or a key/model the server rejects (the user must fix a variable).
 */
export async function draftAgencyProfile(env: Record<string, string | undefined>, pages: readonly AgencyPage[]): Promise<AgencyDraftResult> {
  const settings = resolveLlmSettings(env);
  if (settings.provider === "heuristic") return { draft: extractAgencyDraft(pages), provider: "heuristic" };
  return await new OpenAIAgencyDrafter(settings.connection).draft(pages);
}
