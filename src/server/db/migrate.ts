import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';
import * as foundation from './migrations/0001_foundation.js';
import * as templates from './migrations/0002_templates.js';
import * as records from './migrations/0003_records.js';
import * as searchIndexes from './migrations/0004_search_indexes.js';
import * as planning from './migrations/0005_planning_and_collaboration.js';
import * as planNotices from './migrations/0006_plan_notices.js';
import * as accessAndSchedule from './migrations/0007_access_and_schedule.js';
import * as templateOwnerScope from './migrations/0008_template_owner_scope.js';
import * as auditLogAction from './migrations/0009_audit_log_action.js';
import * as scheduleChanges from './migrations/0010_schedule_changes.js';
import * as nodesAndLeases from './migrations/0011_nodes_and_leases.js';
import * as auditCheckpoints from './migrations/0012_audit_checkpoints.js';
import * as attachments from './migrations/0013_attachments.js';
import * as activationCodes from './migrations/0014_activation_codes.js';
import * as signatures from './migrations/0015_signatures.js';
import * as recordPdfs from './migrations/0016_record_pdfs.js';
import * as archiveGuards from './migrations/0017_archive_guards.js';
import * as pdfSignatures from './migrations/0018_pdf_signatures.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_templates': templates,
  '0003_records': records,
  '0004_search_indexes': searchIndexes,
  '0005_planning_and_collaboration': planning,
  '0006_plan_notices': planNotices,
  '0007_access_and_schedule': accessAndSchedule,
  '0008_template_owner_scope': templateOwnerScope,
  '0009_audit_log_action': auditLogAction,
  '0010_schedule_changes': scheduleChanges,
  '0011_nodes_and_leases': nodesAndLeases,
  '0012_audit_checkpoints': auditCheckpoints,
  '0013_attachments': attachments,
  '0014_activation_codes': activationCodes,
  '0015_signatures': signatures,
  '0016_record_pdfs': recordPdfs,
  '0017_archive_guards': archiveGuards,
  '0018_pdf_signatures': pdfSignatures,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
