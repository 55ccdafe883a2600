import { literals } from "convex-helpers/validators";
import { v } from "convex/values";
import { summarizeProviders } from "../lib/providers/providerSummary";
import { userQuery } from "./model/agencyFunctions";

const vConcern = literals("places", "crawl", "llm");

/**
 * Which providers this deployment uses (read from its env), for the dashboard's badge and settings panel:
 * names, whether each variable is set, and what it does — never a value.
 */
export const active = userQuery({
  args: {},
  returns: v.object({
    badge: v.string(),
    demoData: v.boolean(),
    demoWebsites: v.boolean(),
    providers: v.array(
      v.object({ concern: vConcern, title: v.string(), provider: v.string(), live: v.boolean(), detail: v.string(), problem: v.optional(v.string()) }),
    ),
    variables: v.array(v.object({ name: v.string(), concern: literals("places", "crawl", "llm", "demo"), set: v.boolean(), description: v.string() })),
  }),
  handler: async () => summarizeProviders(process.env),
});
