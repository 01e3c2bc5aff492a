import type { Kysely } from 'kysely';
import { authorize } from '../../../core/access/authorize.js';
import { recordAbilities, showsLastSent, versionIsShared } from '../../../core/access/record.js';
import type { RecordView } from '../../../core/records/api.js';
import type { RecordAction, RecordState } from '../../../core/records/lifecycle.js';
import { visibleDefinition } from '../../../core/templates/content.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { Call } from '../../lib/http/use-case.js';
import { loadTemplateVersion } from '../templates/service.js';
import { requireRecord, type LoadedRecord } from './access.js';
import {
  diffSnapshots,
  openPart,
  openParts,
  openSnapshot,
  sealSnapshot,
  type Snapshot,
} from './content-store.js';
import { canSignIn } from '../accounts/repo.js';
import { loadDepartmentPaths, pathWithName } from '../org/department-paths.js';
import * as repo from './repo.js';
import { presentSignatures, refusalArchivableAt } from '../signatures/present.js';

/** Reading a record for an actor: presentation and its stored versions. */
type Db = Kysely<Database>;

/** What a version is recorded for: a lifecycle action, the record's creation, or a new interviewer. */
export type VersionAction = RecordAction | 'create' | 'handover';

export async function templateOf(db: Db, row: repo.RecordRow) {
  const version = await db
    .selectFrom('template_versions')
    .select(['template_id', 'version'])
    .where('id', '=', row.template_version_id)
    .executeTakeFirstOrThrow();
  return loadTemplateVersion(db, version.template_id, version.version);
}

export function snapshotOf(
  ctx: AppContext,
  row: repo.RecordRow,
  participantIds: string[],
): Snapshot {
  return {
    topic: row.topic,
    interviewAt: row.interview_at,
    place: row.place,
    placeKind: row.place_kind,
    participantIds,
    interviewerId: row.interviewer_id,
    ...openParts(ctx.keyring, row),
  };
}

/** The stored versions a reader may see: all of them, or for the restricted audience what was sent. */
export async function visibleVersions(call: Call, { row, standing }: LoadedRecord) {
  const versions = await repo.listVersions(call.db, row.id);
  return standing.audience === 'full'
    ? versions
    : versions.filter((v) => versionIsShared({ state: v.state as RecordState, action: v.action }));
}

/** The record as it was last sent to the employee, from its versions. */
export async function lastSentSnapshot(call: Call, loaded: LoadedRecord): Promise<Snapshot> {
  const sent = (await visibleVersions(call, loaded)).at(-1)!;
  return openSnapshot(call.ctx.keyring, loaded.row.id, sent);
}

/** The parts of the record the reader gets: the live row, or the version last sent to it. */
async function readableParts(call: Call, loaded: LoadedRecord) {
  const { ctx, db } = call;
  const { row, standing } = loaded;
  if (showsLastSent(standing, row.state)) {
    const snapshot = await lastSentSnapshot(call, loaded);
    return {
      ...snapshot,
      participants: await repo.employeeNames(db, snapshot.participantIds),
      confidential: {},
    };
  }
  return {
    topic: row.topic,
    interviewAt: row.interview_at,
    place: row.place,
    placeKind: row.place_kind,
    participants: await repo.findParticipants(db, row.id),
    content: openPart(ctx.keyring, row.id, 'content', row.content_enc),
    // manager-only fields are decrypted only for a full audience
    confidential:
      standing.audience === 'full'
        ? openPart(ctx.keyring, row.id, 'confidential', row.confidential_enc)
        : {},
    employeeContent: openPart(ctx.keyring, row.id, 'employee_content', row.employee_content_enc),
    returnComment: row.return_comment_enc
      ? openPart<string>(ctx.keyring, row.id, 'return_comment', row.return_comment_enc)
      : null,
  };
}

/** The record an addendum corrects, and the addenda of a record, as links. */
async function addendumLinks(call: Call, row: repo.RecordRow) {
  const original = row.addendum_of
    ? await call.db
        .selectFrom('records')
        .select(['id', 'topic'])
        .where('id', '=', row.addendum_of)
        .executeTakeFirstOrThrow()
    : null;
  const addenda = [];
  // each addendum by the same rule as any record: an employee sees one once it was sent
  for (const addendum of await repo.listAddenda(call.db, row.id)) {
    const readable = await requireRecord(call, addendum.id).then(
      () => true,
      () => false,
    );
    if (readable) addenda.push(addendum);
  }
  return { addendumOf: original, addenda };
}

export async function presentRecord(call: Call, loaded: LoadedRecord): Promise<RecordView> {
  const { row, standing } = loaded;
  const template = await templateOf(call.db, row);
  const parts = await readableParts(call, loaded);
  const archivableAt = await refusalArchivableAt(call, row);
  return {
    id: row.id,
    state: row.state,
    revision: row.revision,
    employee: {
      id: row.employee_id,
      name: row.employee_name,
      employeeNo: row.employee_no,
      departmentName: row.department_name,
      departmentPath: pathWithName(
        (await loadDepartmentPaths(call.db))(row.department_id),
        row.department_name,
      ),
      positionName: row.position_name,
      hasAccount: await canSignIn(call.db, row.employee_id),
    },
    interviewer: { id: row.interviewer_id, name: row.interviewer_name },
    participants: parts.participants,
    topic: parts.topic,
    interviewAt: parts.interviewAt,
    place: parts.place,
    placeKind: parts.placeKind as RecordView['placeKind'],
    template: {
      id: template.id,
      version: template.version,
      name: template.name,
      definition: visibleDefinition(template.definition, standing.audience),
    },
    content: { ...parts.content, ...parts.confidential },
    employeeContent: parts.employeeContent,
    returnComment: parts.returnComment,
    audience: standing.audience,
    revising: showsLastSent(standing, row.state),
    abilities: recordAbilities(
      standing,
      row.state,
      authorize(call.actor, 'employee.interview', loaded.facts.employee),
      archivableAt !== null && Date.now() >= Date.parse(archivableAt),
    ),
    signatures: await presentSignatures(call, loaded),
    archivableAt,
    ...(await addendumLinks(call, row)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** The saves an editing session folds into one version (autosaves of a draft or of feedback). */
const FOLDED_ACTIONS: readonly VersionAction[] = ['edit', 'feedback'];

/** How long after its author's last save a save still belongs to the same editing session. */
export const EDITING_SESSION_MS = 15 * 60 * 1000;

/**
 * Stores the record as it now is as a new version, with what changed since the previous one.
 * A save that continues an editing session (same action, same author, the session's version
 * still the latest, its last save less than EDITING_SESSION_MS ago) updates that version
 * instead, so autosaves do not pile up: the history shows one version per session, its changes
 * counted from the version before the session.
 */
export async function recordVersion(
  call: Pick<Call, 'ctx' | 'db' | 'meta'>,
  id: string,
  action: VersionAction,
): Promise<{ row: repo.RecordRow; snapshot: Snapshot }> {
  const { ctx, db, meta } = call;
  const row = (await repo.findRecord(db, id))!;
  const participants = (await repo.findParticipants(db, id)).map((p) => p.id).sort();
  const snapshot = snapshotOf(ctx, row, participants);
  const [latest, earlier] = await repo.latestVersions(db, id, 2);
  const continues =
    latest !== undefined &&
    FOLDED_ACTIONS.includes(action) &&
    latest.action === action &&
    latest.actor_user_id === meta.actorUserId &&
    Date.parse(row.updated_at) - Date.parse(latest.at) < EDITING_SESSION_MS;
  // the version folded into is replaced: like any stored value, only if it authenticates
  if (continues) openSnapshot(ctx.keyring, id, latest);
  const previous = continues ? earlier : latest;
  const before = previous ? openSnapshot(ctx.keyring, id, previous) : null;
  const versionId = continues ? latest.id : newId();
  const version = {
    revision: row.revision,
    state: row.state,
    at: row.updated_at,
    changed: JSON.stringify(diffSnapshots(before, snapshot).map((c) => c.field)),
    snapshot_enc: sealSnapshot(ctx.keyring, versionId, snapshot),
  };
  if (continues) await repo.replaceVersion(db, versionId, version);
  else
    await repo.insertVersion(db, {
      id: versionId,
      record_id: id,
      action,
      actor_user_id: meta.actorUserId!,
      ...version,
    });
  return { row, snapshot };
}
