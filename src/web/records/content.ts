/**
 * How the editor's working values become content the server accepts. Inputs keep half-typed rows
 * (a new KPI row, an empty list item) so that nothing jumps under the user's fingers; what is
 * saved, compared and checked is the normalized form, with empty values and blank rows left out.
 */
import type { RecordView, SaveRecordInput } from '../../core/records/api.js';
import { checkContent, type Content, type ContentIssue } from '../../core/templates/content.js';
import { allFields, type FieldDef, type TemplateDefinition } from '../../core/templates/model.js';
import { normalizeValue } from '../fields/registry.js';

export type Author = 'interviewer' | 'employee';

export function authorFields(def: TemplateDefinition, author: Author): FieldDef[] {
  return allFields(def).filter((f) => f.filledBy === author);
}

/** The content one author would send: its own fields only, normalized, empty ones left out. */
export function normalizeContent(def: TemplateDefinition, content: Content, author: Author) {
  const result: Content = {};
  for (const field of authorFields(def, author)) {
    const value = normalizeValue(field, content[field.key]);
    if (value !== undefined) result[field.key] = value;
  }
  return result;
}

/** JSON with sorted keys: equal values compare equal whatever order their keys were written in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

export function checkDraft(
  def: TemplateDefinition,
  content: Content,
  author: Author,
  complete: boolean,
): ContentIssue[] {
  return checkContent(def, normalizeContent(def, content, author), { author, complete });
}

/** The basic information of a record that an interviewer edits beside the content. */
export type RecordInfo = Omit<SaveRecordInput, 'content'>;

export const INFO_KEYS = ['topic', 'interviewAt', 'place', 'placeKind', 'participantIds'] as const;
export type InfoKey = (typeof INFO_KEYS)[number];

export function infoOf(view: RecordView): RecordInfo {
  return {
    topic: view.topic,
    interviewAt: view.interviewAt,
    place: view.place,
    placeKind: view.placeKind,
    participantIds: view.participants.map((p) => p.id).sort(),
  };
}

/** What the user works on: basic info (interviewer only) and its own fields. */
export interface Draft {
  info: RecordInfo;
  content: Content;
}

export function draftOf(view: RecordView, author: Author): Draft {
  return {
    info: infoOf(view),
    content: structuredClone(author === 'employee' ? view.employeeContent : view.content),
  };
}

/**
 * One flat map of everything a save sends (`info.topic`, `content.kpis`, ...), normalized: the unit
 * in which drafts are compared and merged.
 */
export function flatten(def: TemplateDefinition, draft: Draft, author: Author) {
  const flat: Record<string, unknown> = {};
  if (author === 'interviewer') {
    // As the server stores them: trimmed texts, the instant in UTC, participants as a set.
    const { topic, interviewAt, place, placeKind, participantIds } = draft.info;
    flat['info.topic'] = topic.trim();
    flat['info.interviewAt'] = sameInstant(interviewAt);
    flat['info.place'] = place.trim();
    flat['info.placeKind'] = placeKind;
    flat['info.participantIds'] = [...participantIds].sort();
  }
  const content = normalizeContent(def, draft.content, author);
  for (const field of authorFields(def, author)) flat[`content.${field.key}`] = content[field.key];
  return flat;
}

function sameInstant(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString();
}

export function unflatten(flat: Record<string, unknown>, fallback: Draft): Draft {
  const info = { ...fallback.info } as Record<InfoKey, unknown>;
  const content: Content = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key.startsWith('info.')) info[key.slice(5) as InfoKey] = value;
    else if (key.startsWith('content.') && value !== undefined) content[key.slice(8)] = value;
  }
  return { info: info as unknown as RecordInfo, content };
}

export function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => !sameValue(a[key], b[key]));
}

/**
 * Three-way merge for "keep mine": what I changed since my base wins, everything else is theirs.
 */
export function mergeOnTop(
  base: Record<string, unknown>,
  mine: Record<string, unknown>,
  theirs: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...theirs };
  for (const key of changedKeys(base, mine)) merged[key] = mine[key];
  return merged;
}
