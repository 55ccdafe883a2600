import { v } from "convex/values";
import type { TableNames } from "../_generated/dataModel";
import schema from "../schema";

/** A table's document validator with its system fields, for return validators. */
export function vDoc<T extends TableNames>(table: T) {
  return schema.tables[table].validator.extend({ _id: v.id(table), _creationTime: v.number() });
}

export const vAgencyDoc = vDoc("agency_profile");
export const vRunDoc = vDoc("lead_gen_flow");
export const vOpportunityDoc = vDoc("client_opportunities");
export const vAuditJobDoc = vDoc("audit_jobs");
export const vDossierDoc = vDoc("audit_dossier");

/** What the dossier writers need of the agency (lib/audit/types.ts AuditAgency). */
export const vAuditAgency = schema.tables.agency_profile.validator.pick("name", "leadQualificationCriteria", "approvedClaims");

/** A crawled page as an audit saves it (the row minus what the job supplies). */
export const vCrawledPage = schema.tables.crawl_pages.validator.omit("auditJobId", "opportunityId", "fetchedAt");
