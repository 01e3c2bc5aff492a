import { z } from 'zod';
import { departmentPathSchema } from '../org.js';
import { templateDefinitionSchema } from '../templates/model.js';
import { multiLine, singleLine } from '../text.js';
import { ATTACHMENT_AUDIENCES, COMMENT_AUDIENCES } from '../access/record.js';
import { RECORD_ACTIONS, RECORD_STATES } from './lifecycle.js';
import { textWithMentions } from './mentions.js';
import { signatureViewSchema } from '../signatures/api.js';

export const RECORD_LIMITS = {
  topic: 200,
  place: 500,
  participants: 20,
  returnComment: 2000,
  privateNote: 20_000,
} as const;

const contentSchema = z.record(z.string(), z.unknown());

const basicInfo = {
  topic: singleLine(RECORD_LIMITS.topic, 1),
  interviewAt: z.iso.datetime({ offset: true }),
  place: singleLine(RECORD_LIMITS.place, 1),
  placeKind: z.enum(['room', 'online']),
  participantIds: z.array(z.string().max(64)).max(RECORD_LIMITS.participants).default([]),
};

export const createRecordSchema = z.object({
  employeeId: z.string().max(64),
  templateId: z.string().max(64),
  ...basicInfo,
  content: contentSchema.default({}),
});
export type CreateRecordInput = z.infer<typeof createRecordSchema>;

/** An addendum takes the employee, template version and content of the record it corrects. */
export const createAddendumSchema = z.object(basicInfo);
export type CreateAddendumInput = z.infer<typeof createAddendumSchema>;

/** A save replaces the basic info and every interviewer field (manager-only ones included). */
export const saveRecordSchema = z.object({ ...basicInfo, content: contentSchema });
export type SaveRecordInput = z.infer<typeof saveRecordSchema>;

export const feedbackSchema = z.object({ content: contentSchema });
export const returnRecordSchema = z.object({
  comment: multiLine(RECORD_LIMITS.returnComment, { min: 1, trim: true }),
});

const person = z.object({ id: z.string(), name: z.string() });

export const recordViewSchema = z.object({
  id: z.string(),
  state: z.enum(RECORD_STATES),
  revision: z.number().int(),
  employee: z.object({
    id: z.string(),
    name: z.string(),
    employeeNo: z.string(),
    departmentName: z.string(),
    departmentPath: departmentPathSchema,
    positionName: z.string().nullable(),
    /**
     * the employee can sign in now (an active account with its own password): without one, a
     * record sent to it waits unsigned, and the interviewer is warned before submitting
     */
    hasAccount: z.boolean(),
  }),
  interviewer: person,
  participants: z.array(person),
  topic: z.string(),
  interviewAt: z.string(),
  place: z.string(),
  placeKind: z.enum(['room', 'online']),
  template: z.object({
    id: z.string(),
    version: z.number().int(),
    name: z.object({ zh: z.string(), en: z.string() }),
    definition: templateDefinitionSchema,
  }),
  /** the interviewer's fields; manager-only ones only for a full audience */
  content: contentSchema,
  /** the fields the employee writes */
  employeeContent: contentSchema,
  returnComment: z.string().nullable(),
  audience: z.enum(['full', 'restricted']),
  /** the employee (or a collaborator) sees the version last sent to it while the interviewer revises */
  revising: z.boolean(),
  /** what the reader may do with this record, from the same rules the server enforces */
  abilities: z.object({
    actions: z.array(z.enum(RECORD_ACTIONS)),
    /** the employee signs (agrees, or agrees with a dissent) or refuses */
    sign: z.boolean(),
    refuse: z.boolean(),
    /** the interviewer countersigns what the employee signed */
    countersign: z.boolean(),
    /** the interviewer takes a signed record back to a draft, voiding the signatures */
    reopen: z.boolean(),
    /** HR archives a refused record, its deadline passed */
    archive: z.boolean(),
    comment: z.array(z.enum(COMMENT_AUDIENCES)),
    history: z.boolean(),
    viewers: z.boolean(),
    collaborators: z.boolean(),
    privateNote: z.boolean(),
    handover: z.boolean(),
    /** the audiences the reader may attach a file for now; empty: it may attach none */
    attach: z.array(z.enum(ATTACHMENT_AUDIENCES)),
    /** write a correction to this archived record */
    addendum: z.boolean(),
    pdf: z.boolean(),
  }),
  /** the signatures, voided ones included, oldest first */
  signatures: z.array(signatureViewSchema),
  /** a refused record: from when HR may archive it */
  archivableAt: z.string().nullable(),
  /** the archived record this one corrects */
  addendumOf: z.object({ id: z.string(), topic: z.string() }).nullable(),
  /** the corrections written to this record, oldest first, those the reader may open */
  addenda: z.array(z.object({ id: z.string(), topic: z.string(), state: z.enum(RECORD_STATES) })),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type RecordView = z.infer<typeof recordViewSchema>;

export const recordListQuerySchema = z.object({
  employeeId: z.string().max(64).optional(),
  departmentId: z.string().max(64).optional(),
  regionId: z.string().max(64).optional(),
  interviewerId: z.string().max(64).optional(),
  templateId: z.string().max(64).optional(),
  topic: z.string().trim().max(100).optional(),
  state: z.enum(RECORD_STATES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RecordListQuery = z.infer<typeof recordListQuerySchema>;
/** The list's filters as a client sends them: all optional, the server applies the defaults. */
export type RecordFilters = Omit<z.input<typeof recordListQuerySchema>, 'cursor' | 'limit'>;

export const recordSummarySchema = z.object({
  id: z.string(),
  state: z.enum(RECORD_STATES),
  topic: z.string(),
  interviewAt: z.string(),
  employee: z.object({
    id: z.string(),
    name: z.string(),
    employeeNo: z.string(),
    departmentName: z.string(),
    departmentPath: departmentPathSchema,
  }),
  interviewer: person,
  templateName: z.object({ zh: z.string(), en: z.string() }),
  updatedAt: z.string(),
  /** the employee sent it back with comments, and it has not been resubmitted since */
  sentBack: z.boolean(),
  /** the version shown to this reader failed its integrity check: no topic, the auditors told */
  integrityFailed: z.boolean(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;
export const recordPageSchema = z.object({
  items: z.array(recordSummarySchema),
  nextCursor: z.string().nullable(),
  /**
   * how many records the filters find in all, on the first page only (null on the next ones);
   * `atLeast`: counting stopped at `count`, and there are more
   */
  total: z.object({ count: z.number().int(), atLeast: z.boolean() }).nullable(),
});
export type RecordPage = z.infer<typeof recordPageSchema>;

export const recordHistorySchema = z.object({
  items: z.array(
    z.object({
      revision: z.number().int(),
      state: z.enum(RECORD_STATES),
      action: z.string(),
      actor: z.object({ id: z.string(), name: z.string() }),
      at: z.string(),
      /** this version failed its integrity check: no changes shown, the auditors told */
      integrityFailed: z.boolean(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  /** employee id → name, for the interviewers and participants the changes name */
  names: z.record(z.string(), z.string()),
});
export type RecordHistory = z.infer<typeof recordHistorySchema>;

export const privateNoteSchema = z.object({ body: multiLine(RECORD_LIMITS.privateNote) });
export const privateNoteViewSchema = z.object({
  body: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const COMMENT_LIMITS = { body: 5_000 } as const;

export const commentInputSchema = z.object({
  body: textWithMentions(COMMENT_LIMITS.body, { min: 1, trim: true }),
  /** who will read it; the first audience the writer may use when left out */
  audience: z.enum(COMMENT_AUDIENCES).optional(),
});
export const commentsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      author: z.object({ id: z.string(), name: z.string() }),
      /** null when the comment failed its integrity check (`integrityFailed`) */
      body: z.string().nullable(),
      integrityFailed: z.boolean(),
      audience: z.enum(COMMENT_AUDIENCES),
      createdAt: z.string(),
    }),
  ),
});

export const viewersSchema = z.object({
  items: z.array(z.object({ name: z.string(), at: z.string(), audience: z.string() })),
});

export const collaboratorsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), grantedAt: z.string() })),
});

export const handoverSchema = z.object({ interviewerId: z.string().max(64) });

export const peopleQuerySchema = z.object({ q: z.string().trim().min(1).max(32) });
export const peopleSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      departmentName: z.string(),
      /** tells apart two people of one name in departments of one name */
      departmentPath: departmentPathSchema,
    }),
  ),
});
