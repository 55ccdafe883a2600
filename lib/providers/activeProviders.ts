import { createCrawlProvider } from "./crawl";
import { DEFAULT_OPENAI_MODEL } from "./llm/openaiClient";
import { resolveLlmSettings } from "./llm/llmSettings";
import { describePlacesProvider } from "./places";

type Env = Record<string, string | undefined>;

function describeCrawl(env: Env): string {
  try {
    const provider = createCrawlProvider(env);
    if (provider.name === "firecrawl") {
      const url = env.FIRECRAWL_API_URL?.trim() || "https://api.firecrawl.dev";
      return `firecrawl (${url}, ${env.FIRECRAWL_CONCURRENCY?.trim() || 2} at once, ${env.FIRECRAWL_REQUESTS_PER_MINUTE?.trim() || 10}/min)`;
    }
    return `builtin${env.DEMO_WEB_ORIGIN?.trim() ? ` (*.example → ${env.DEMO_WEB_ORIGIN.trim()})` : ""}`;
  } catch (error) {
    return `misconfigured: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function describeLlm(env: Env): string {
  try {
    const settings = resolveLlmSettings(env);
    if (settings.provider === "heuristic") return "heuristic (no LLM)";
    const { model = DEFAULT_OPENAI_MODEL, baseURL } = settings.connection;
    return `openai (${model}${baseURL ? `, ${baseURL}` : ""})`;
  } catch (error) {
    return `misconfigured: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * One line naming the provider each concern will use with this env, e.g.
 * "providers: places=demo (...) · crawl=builtin · llm=heuristic (no LLM)". Never shows a key.
 */
export function describeActiveProviders(env: Env): string {
  return `providers: places=${describePlacesProvider(env)} · crawl=${describeCrawl(env)} · llm=${describeLlm(env)}`;
}
