export type LlmErrorCode = "AUTH" | "CONFIG";

/** An LLM problem the user must fix (bad key, bad settings); everything else falls back to the heuristic dossier. */
export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LlmError";
  }
}
