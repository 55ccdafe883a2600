import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
} from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { z } from "zod";
import type { UsageMeter } from "../../usage";
import { LlmError } from "./errors";

/** A current small model with structured outputs (gpt-4o-mini is being retired). */
export const DEFAULT_OPENAI_MODEL = "gpt-4.1-mini";
export const DEFAULT_OPENAI_TIMEOUT_MS = 30_000;
export const DEFAULT_OPENAI_MAX_RETRIES = 1;

export interface OpenAIConnectionOptions {
  apiKey: string;
  model?: string;
  /** Any OpenAI-compatible server, e.g. "http://127.0.0.1:8080/v1". */
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Counts the tokens of every answered completion (the API's `usage` field), unusable answers included. */
  meter?: UsageMeter;
}

export type ChatMessage = { role: "system" | "user"; content: string };

/** Why the model's answer could not be used; callers fall back to their deterministic result. */
export class UnusableAnswer extends Error {}

/**
 * Reasoning models (o1, o3, o4-mini, gpt-5…) answer 400 to any `temperature` but the
 * default, so it is never sent to them.
 */
export function modelAcceptsTemperature(model: string): boolean {
  const name = model.toLowerCase().replace(/^.*\//, "");
  return !/^(o\d|gpt-5)/.test(name);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One OpenAI (or compatible) chat model with structured outputs: the client,
 * model and timeout every LLM feature shares.
 */
export class OpenAIStructuredChat {
  readonly model: string;
  readonly timeoutMs: number;
  private readonly client: OpenAI;
  /** Cleared when the server rejects `temperature` once, so later calls omit it. */
  private sendTemperature: boolean;
  private readonly meter?: UsageMeter;

  constructor(options: OpenAIConnectionOptions) {
    this.model = options.model ?? DEFAULT_OPENAI_MODEL;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_OPENAI_TIMEOUT_MS;
    this.sendTemperature = modelAcceptsTemperature(this.model);
    this.meter = options.meter;
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_OPENAI_MAX_RETRIES,
    });
  }

  /**
   * Asks for an answer matching `schema` and validates it.
   * @throws UnusableAnswer on a refusal, a cut-off, empty, non-JSON or off-schema answer; the SDK's errors otherwise.
   */
  async ask<T extends z.ZodType>(request: {
    messages: ChatMessage[];
    schema: T;
    /** response_format name, e.g. "audit_dossier". */
    schemaName: string;
    /** What the answer is, for notes: "the answer did not match the <label> schema". */
    label: string;
    temperature: number;
  }): Promise<z.infer<T>> {
    const create = () =>
      this.client.chat.completions.create({
        model: this.model,
        messages: request.messages,
        response_format: zodResponseFormat(request.schema, request.schemaName),
        ...(this.sendTemperature ? { temperature: request.temperature } : {}),
      });
    let completion;
    try {
      completion = await create();
    } catch (error) {
      // A model that rejects temperature (not in our list yet): ask again without it.
      if (!(this.sendTemperature && error instanceof BadRequestError && /temperature/i.test(error.message))) throw error;
      this.sendTemperature = false;
      completion = await create();
    }
    // Billed whether or not the answer is usable.
    const usage = completion?.usage;
    if (usage) this.meter?.addOpenAiTokens(this.model, usage.prompt_tokens, usage.completion_tokens);
    const choice = completion?.choices?.[0];
    if (!choice?.message) throw new UnusableAnswer("the answer had no message");
    if (choice.message.refusal) throw new UnusableAnswer(`model refused (${truncate(choice.message.refusal, 120)})`);
    if (choice.finish_reason === "length") throw new UnusableAnswer("the answer was cut off (finish_reason: length)");
    if (choice.finish_reason === "content_filter") throw new UnusableAnswer("the answer was blocked by the content filter");
    const content = choice.message.content;
    if (!content?.trim()) throw new UnusableAnswer("the answer was empty");
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new UnusableAnswer("the answer was not valid JSON");
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      throw new UnusableAnswer(
        `the answer did not match the ${request.label} schema (${truncate(parsed.error.issues.map((i) => `${i.path.join(".") || "root"}: ${i.message}`).join("; "), 160)})`,
      );
    }
    return parsed.data;
  }

  /**
   * A problem the user must fix in the configuration: a rejected key (401), a model that
   * does not exist or is retired (404, or 400/403 naming the model), or a parameter the
   * model refuses (400). Undefined for failures the caller may fall back on (timeouts,
   * 5xx, refusals, garbage answers).
   */
  configError(error: unknown): LlmError | undefined {
    const detail = error instanceof Error && error.message ? `: ${truncate(error.message, 200)}` : ".";
    if (error instanceof AuthenticationError) return new LlmError("AUTH", `The LLM server rejected the API key (HTTP 401). Check OPENAI_API_KEY${detail}`);
    if (error instanceof NotFoundError) {
      return new LlmError("CONFIG", `The LLM server does not know the model "${this.model}" (HTTP 404). Set OPENAI_MODEL to a model your key can use${detail}`);
    }
    if (error instanceof PermissionDeniedError && /model/i.test(error.message)) {
      return new LlmError("CONFIG", `The API key may not use the model "${this.model}" (HTTP 403). Set OPENAI_MODEL to a model your key can use${detail}`);
    }
    if (error instanceof BadRequestError) {
      return new LlmError(
        "CONFIG",
        `The LLM server rejected the request for model "${this.model}" (HTTP 400). Check OPENAI_MODEL (it must support structured outputs)${detail}`,
      );
    }
    return undefined;
  }

  /** One line saying why a call gave nothing usable, for fallback notes. */
  describeFailure(error: unknown): string {
    if (error instanceof UnusableAnswer) return error.message;
    if (error instanceof APIConnectionTimeoutError) return `no answer within ${this.timeoutMs} ms (timeout)`;
    if (error instanceof APIConnectionError) return `could not reach the LLM server (${truncate(error.message, 120)})`;
    if (error instanceof APIError) return `HTTP ${error.status ?? "error"} from the LLM server (${truncate(error.message, 120)})`;
    return `unexpected error (${truncate(error instanceof Error ? error.message : String(error), 120)})`;
  }
}
