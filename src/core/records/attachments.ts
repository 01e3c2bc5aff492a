import { z } from 'zod';
import { ATTACHMENT_AUDIENCES } from '../access/record.js';
import { singleLine } from '../text.js';

const OOXML = 'application/vnd.openxmlformats-officedocument';

/**
 * The files a record accepts, by the extension of their name, with the media type they are
 * served as. The content decides the type (`file-type`); the name's extension must agree.
 */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: `${OOXML}.wordprocessingml.document`,
  xlsx: `${OOXML}.spreadsheetml.sheet`,
  pptx: `${OOXML}.presentationml.presentation`,
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/**
 * The extensions a detected content type may carry. Legacy Office files are all one container
 * (OLE2 / CFB) that content alone does not tell apart, so the name says which of the three it is.
 */
export const EXTENSIONS_OF_CONTENT: Record<string, readonly AttachmentExtension[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  cfb: ['doc', 'xls', 'ppt'],
};

/** Shown in the page rather than saved: images and PDFs. */
export const PREVIEWABLE_TYPES: readonly string[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
];

/** The extension of a file name, lower case; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function isAttachmentExtension(ext: string): ext is AttachmentExtension {
  return Object.hasOwn(ATTACHMENT_TYPES, ext);
}

/** A file's name as it is kept and shown: one line, no path. */
export const fileNameSchema = singleLine(200, 1).refine((s) => !/[/\\\t]/.test(s));

export const uploadQuerySchema = z.object({
  audience: z.enum(ATTACHMENT_AUDIENCES).default('all'),
});

export const attachmentParamsSchema = z.object({
  id: z.string().max(64),
  attachmentId: z.string().max(64),
});

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  /** of the plaintext, hex: what a signature and the PDF's attachment list quote */
  sha256: z.string(),
  part: z.enum(['interviewer', 'employee']),
  audience: z.enum(ATTACHMENT_AUDIENCES),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** shown in the page (image, PDF) rather than only saved */
  previewable: z.boolean(),
  abilities: z.object({ delete: z.boolean() }),
});
export type AttachmentView = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  items: z.array(attachmentSchema),
  /** the limits the server enforces, for the page to state */
  limits: z.object({
    maxBytes: z.number().int(),
    perRecord: z.number().int(),
    extensions: z.array(z.string()),
  }),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;
