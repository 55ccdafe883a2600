import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { startRecordingServer } from "./recordingServer";

/** The parts of a /v1/chat/completions request body the tests read. */
export interface ChatRequestBody {
  model: string;
  temperature?: number;
  messages: { role: string; content: string }[];
  response_format: { type: string; json_schema: { name: string; strict: boolean; schema: { required: string[] } } };
}

export interface RecordedChatRequest {
  method: string;
  /** Path and query, e.g. "/v1/chat/completions". */
  path: string;
  headers: IncomingHttpHeaders;
  authorization?: string;
  body: ChatRequestBody;
}

export type FakeOpenAIHandler = (request: RecordedChatRequest, response: ServerResponse) => void | Promise<void>;

export interface FakeOpenAIServer {
  /** What an OpenAI client takes as baseURL: ends in /v1. */
  baseURL: string;
  requests: RecordedChatRequest[];
  /** Replace how the server answers; requests keep being recorded. */
  respond(handler: FakeOpenAIHandler): void;
  /** Answer after `ms`, unless the client hung up by then; close() clears the timers still pending. */
  answerLater(ms: number, answer: FakeOpenAIHandler): FakeOpenAIHandler;
  close(): Promise<void>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", "x-request-id": "req_fake_openai", ...headers });
  response.end(JSON.stringify(body));
}

export type CompletionAnswer = string | { refusal: string };

/** A real /v1/chat/completions response body carrying `answer` as the assistant's content or refusal. */
export function chatCompletion(answer: CompletionAnswer, options: { finishReason?: string } = {}) {
  const refused = typeof answer !== "string";
  return {
    id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
    object: "chat.completion",
    created: 1741569952,
    model: "gpt-4o-mini-2024-07-18",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: refused ? null : answer, refusal: refused ? answer.refusal : null, annotations: [] },
        logprobs: null,
        finish_reason: options.finishReason ?? "stop",
      },
    ],
    usage: { prompt_tokens: 1874, completion_tokens: 312, total_tokens: 2186 },
    service_tier: "default",
    system_fingerprint: "fp_06737a9306",
  };
}

/** A handler answering every request with one chat completion. */
export function answerChat(answer: CompletionAnswer, options: { finishReason?: string } = {}): FakeOpenAIHandler {
  return (_request, response) => sendJson(response, 200, chatCompletion(answer, options));
}

/** A handler answering every request with an HTTP error and OpenAI's error body. */
export function answerError(status: number, body: ReturnType<typeof openAIError>): FakeOpenAIHandler {
  return (_request, response) => sendJson(response, status, body);
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function openAIError(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

export const SERVER_ERROR_500 = openAIError("The server had an error while processing your request. Sorry about that!", "server_error");

export function invalidApiKeyError(apiKey: string) {
  return openAIError(
    `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    "invalid_request_error",
    "invalid_api_key",
  );
}

/** An OpenAI-compatible server on 127.0.0.1 (random port) that records every request with its JSON body. */
export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  // The Google fake is a plain recording HTTP server; this adds OpenAI's request and response shapes.
  const http = await startRecordingServer();
  const requests: RecordedChatRequest[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  let handler: FakeOpenAIHandler = (_request, response) => sendJson(response, 404, openAIError("no handler", "invalid_request_error"));

  http.respond((raw, response) => {
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw.body) as ChatRequestBody;
    } catch {
      sendJson(response, 400, openAIError("request body is not JSON", "invalid_request_error"));
      return;
    }
    const request: RecordedChatRequest = {
      method: raw.method,
      path: raw.url.pathname + raw.url.search,
      headers: raw.headers,
      authorization: raw.headers.authorization,
      body,
    };
    requests.push(request);
    return handler(request, response);
  });

  return {
    baseURL: `${http.baseUrl}/v1`,
    requests,
    respond(next) {
      handler = next;
    },
    answerLater(ms, answer) {
      return (request, response) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            if (!response.destroyed) void answer(request, response);
            resolve();
          }, ms);
          pendingTimers.add(timer);
          response.on("close", () => {
            clearTimeout(timer);
            pendingTimers.delete(timer);
            resolve();
          });
        });
    },
    close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      return http.close();
    },
  };
}
