import { z } from "zod";
import { LlmError } from "./errors";
import type { OpenAIConnectionOptions } from "./openaiClient";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const vLlmEnv = z.object({
  LLM_PROVIDER: z.preprocess(blankToUndefined, z.enum(["heuristic", "openai"]).optional()),
  OPENAI_API_KEY: z.preprocess(blankToUndefined, z.string().trim().optional()),
  OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().trim().optional()),
  OPENAI_BASE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  OPENAI_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});

export type LlmSettings = { provider: "heuristic" } | { provider: "openai"; connection: OpenAIConnectionOptions };

/**
 * Which LLM the env asks for: `LLM_PROVIDER` = heuristic | openai, defaulting to
 * openai when `OPENAI_API_KEY` is set, else heuristic. Every LLM feature follows it.
 * @throws LlmError CONFIG on an unknown provider, a bad URL or timeout, or openai without a key.
 */
export function resolveLlmSettings(env: Record<string, string | undefined>): LlmSettings {
  const parsed = vLlmEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmError(
      "CONFIG",
      `Invalid LLM setting ${String(issue?.path[0] ?? "")}: ${issue?.message ?? "invalid"} (LLM_PROVIDER must be "heuristic" or "openai").`,
    );
  }
  const settings = parsed.data;
  const provider = settings.LLM_PROVIDER ?? (settings.OPENAI_API_KEY ? "openai" : "heuristic");
  if (provider === "heuristic") return { provider };
  if (!settings.OPENAI_API_KEY) throw new LlmError("CONFIG", "LLM_PROVIDER=openai needs OPENAI_API_KEY (or set LLM_PROVIDER=heuristic).");
  return {
    provider,
    connection: { apiKey: settings.OPENAI_API_KEY, model: settings.OPENAI_MODEL, baseURL: settings.OPENAI_BASE_URL, timeoutMs: settings.OPENAI_TIMEOUT_MS },
  };
}
