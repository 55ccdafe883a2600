/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type * as agency from "../agency.js";
import type * as audits from "../audits.js";
import type * as auth from "../auth.js";
import type * as csvExport from "../csvExport.js";
import type * as firecrawlGate_actionGate from "../firecrawlGate/actionGate.js";
import type * as firecrawlGate_slots from "../firecrawlGate/slots.js";
import type * as firecrawlGate_tables from "../firecrawlGate/tables.js";
import type * as http from "../http.js";
import type * as marketing from "../marketing.js";
import type * as model_agency from "../model/agency.js";
import type * as model_agencyFunctions from "../model/agencyFunctions.js";
import type * as model_audits from "../model/audits.js";
import type * as model_campaignCounts from "../model/campaignCounts.js";
import type * as model_documents from "../model/documents.js";
import type * as model_errors from "../model/errors.js";
import type * as model_leadDeletion from "../model/leadDeletion.js";
import type * as model_leadHistory from "../model/leadHistory.js";
import type * as model_leadRows from "../model/leadRows.js";
import type * as model_leadTable from "../model/leadTable.js";
import type * as model_leads from "../model/leads.js";
import type * as model_limits from "../model/limits.js";
import type * as model_onboarding from "../model/onboarding.js";
import type * as model_onboardingValidators from "../model/onboardingValidators.js";
import type * as model_outreachEdits from "../model/outreachEdits.js";
import type * as model_pipelineCounts from "../model/pipelineCounts.js";
import type * as model_prospectReport from "../model/prospectReport.js";
import type * as model_runs from "../model/runs.js";
import type * as model_usage from "../model/usage.js";
import type * as onboarding from "../onboarding.js";
import type * as opportunities from "../opportunities.js";
import type * as outreach from "../outreach.js";
import type * as providers from "../providers.js";
import type * as reports from "../reports.js";
import type * as usage from "../usage.js";
import type * as validators from "../validators.js";
import type * as workflows_audit_actions from "../workflows/audit/actions.js";
import type * as workflows_audit_workflow from "../workflows/audit/workflow.js";
import type * as workflows_audit_writers from "../workflows/audit/writers.js";
import type * as workflows_leadGen_placesActions from "../workflows/leadGen/placesActions.js";
import type * as workflows_leadGen_steps from "../workflows/leadGen/steps.js";
import type * as workflows_leadGen_workflow from "../workflows/leadGen/workflow.js";
import type * as workflows_manager from "../workflows/manager.js";
import type * as workflows_onboarding_actions from "../workflows/onboarding/actions.js";
import type * as workflows_onboarding_steps from "../workflows/onboarding/steps.js";
import type * as workflows_onboarding_workflow from "../workflows/onboarding/workflow.js";

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";

declare const fullApi: ApiFromModules<{
  agency: typeof agency;
  audits: typeof audits;
  auth: typeof auth;
  csvExport: typeof csvExport;
  "firecrawlGate/actionGate": typeof firecrawlGate_actionGate;
  "firecrawlGate/slots": typeof firecrawlGate_slots;
  "firecrawlGate/tables": typeof firecrawlGate_tables;
  http: typeof http;
  marketing: typeof marketing;
  "model/agency": typeof model_agency;
  "model/agencyFunctions": typeof model_agencyFunctions;
  "model/audits": typeof model_audits;
  "model/campaignCounts": typeof model_campaignCounts;
  "model/documents": typeof model_documents;
  "model/errors": typeof model_errors;
  "model/leadDeletion": typeof model_leadDeletion;
  "model/leadHistory": typeof model_leadHistory;
  "model/leadRows": typeof model_leadRows;
  "model/leadTable": typeof model_leadTable;
  "model/leads": typeof model_leads;
  "model/limits": typeof model_limits;
  "model/onboarding": typeof model_onboarding;
  "model/onboardingValidators": typeof model_onboardingValidators;
  "model/outreachEdits": typeof model_outreachEdits;
  "model/pipelineCounts": typeof model_pipelineCounts;
  "model/prospectReport": typeof model_prospectReport;
  "model/runs": typeof model_runs;
  "model/usage": typeof model_usage;
  onboarding: typeof onboarding;
  opportunities: typeof opportunities;
  outreach: typeof outreach;
  providers: typeof providers;
  reports: typeof reports;
  usage: typeof usage;
  validators: typeof validators;
  "workflows/audit/actions": typeof workflows_audit_actions;
  "workflows/audit/workflow": typeof workflows_audit_workflow;
  "workflows/audit/writers": typeof workflows_audit_writers;
  "workflows/leadGen/placesActions": typeof workflows_leadGen_placesActions;
  "workflows/leadGen/steps": typeof workflows_leadGen_steps;
  "workflows/leadGen/workflow": typeof workflows_leadGen_workflow;
  "workflows/manager": typeof workflows_manager;
  "workflows/onboarding/actions": typeof workflows_onboarding_actions;
  "workflows/onboarding/steps": typeof workflows_onboarding_steps;
  "workflows/onboarding/workflow": typeof workflows_onboarding_workflow;
}>;

/**
 * A utility for referencing Convex functions in your app's public API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;

/**
 * A utility for referencing Convex functions in your app's internal API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = internal.myModule.myFunction;
 * ```
 */
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  workflow: import("@convex-dev/workflow/_generated/component.js").ComponentApi<"workflow">;
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
};
