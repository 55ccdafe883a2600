import { HeuristicDossierWriter } from "../../audit/heuristicDossier";
import type { UsageMeter } from "../../usage";
import type { DossierWriter } from "../../audit/types";
import { resolveLlmSettings } from "./llmSettings";
import { OpenAIDossierWriter } from "./openaiDossier";

export { LlmError } from "./errors";
export { OpenAIDossierWriter } from "./openaiDossier";
export { HeuristicDossierWriter } from "../../audit/heuristicDossier";
export {
  type PageSelection,
  type PageSelectionInput,
  type PageSelector,
  DeterministicPageSelector,
  OpenAIPageSelector,
  createPageSelector,
} from "./pageSelector";

export interface DossierWriterOptions {
  /** Audit date source; fixed in tests. */
  clock?: () => Date;
  /** The step's usage meter (OpenAI tokens). */
  meter?: UsageMeter;
}

/**
 * The dossier writer the env asks for: `LLM_PROVIDER` = heuristic | openai,
 * defaulting to openai when `OPENAI_API_KEY` is set, else heuristic.
 * @throws LlmError CONFIG on an unknown provider, a bad URL, or openai without a key.
 */
export function createDossierWriter(env: Record<string, string | undefined>, options: DossierWriterOptions = {}): DossierWriter {
  const settings = resolveLlmSettings(env);
  if (settings.provider === "heuristic") return new HeuristicDossierWriter(options.clock);
  return new OpenAIDossierWriter({ ...settings.connection, clock: options.clock, meter: options.meter });
}
