/**
 * A text with mentions as the editor holds it: the text the user sees (`@王远勇`) and where its
 * mentions are, apart from the ids, which the stored markup (`@[王远勇](id)`) carries.
 */
import { mentionMarkup, mentionName, splitMentions } from '../../core/records/mentions.js';

/** A mention shown as `@name` over [start, end) of the draft's text. */
export interface ShownMention {
  start: number;
  end: number;
  name: string;
  employeeId: string;
}

export interface MentionDraft {
  text: string;
  /** in text order, never overlapping */
  mentions: ShownMention[];
}

/** A search for a colleague being typed: `@` at `at`, then `query` up to the caret. */
export interface MentionQuery {
  at: number;
  query: string;
}

/** Names are looked up by a few letters or characters; longer runs after an @ are plain text. */
const MAX_QUERY = 20;

export function draftOf(markup: string): MentionDraft {
  let text = '';
  const mentions: ShownMention[] = [];
  for (const part of splitMentions(markup)) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const shown = `@${part.name}`;
    mentions.push({
      start: text.length,
      end: text.length + shown.length,
      name: part.name,
      employeeId: part.employeeId,
    });
    text += shown;
  }
  return { text, mentions };
}

export function markupOf({ text, mentions }: MentionDraft): string {
  let out = '';
  let last = 0;
  for (const m of mentions) {
    out += text.slice(last, m.start) + mentionMarkup(m.name, m.employeeId);
    last = m.end;
  }
  return out + text.slice(last);
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/**
 * Replaces [start, end) of the draft's text, moving the mentions after it. A mention the range
 * reaches into is a mention no more: its text stays, as plain text.
 */
function replaceRange(
  draft: MentionDraft,
  start: number,
  end: number,
  inserted: string,
  added: ShownMention[] = [],
): MentionDraft {
  const shift = inserted.length - (end - start);
  const before = draft.mentions.filter((m) => m.end <= start);
  const after = draft.mentions
    .filter((m) => m.start >= end)
    .map((m) => ({ ...m, start: m.start + shift, end: m.end + shift }));
  return {
    text: draft.text.slice(0, start) + inserted + draft.text.slice(end),
    mentions: [...before, ...added, ...after],
  };
}

/**
 * The draft once the text area's text became `next`, the caret at `caret`: what was typed is
 * found between the text that stayed before it and the text after the caret. A deletion that
 * reaches into a mention takes the whole mention (it goes as one piece); typing inside one
 * leaves its text as plain text. Returns where the caret belongs in the result.
 */
export function applyEdit(
  draft: MentionDraft,
  next: string,
  caret: number,
): { draft: MentionDraft; caret: number } {
  const old = draft.text;
  const suffix = Math.min(commonSuffix(old, next), next.length - caret);
  const prefix = Math.min(commonPrefix(old, next), old.length - suffix, next.length - suffix);
  const inserted = next.slice(prefix, next.length - suffix);
  let start = prefix;
  let end = old.length - suffix;
  if (end > start) {
    for (const m of draft.mentions) {
      if (m.start < end && m.end > start) {
        start = Math.min(start, m.start);
        end = Math.max(end, m.end);
      }
    }
  }
  return { draft: replaceRange(draft, start, end, inserted), caret: start + inserted.length };
}

/** The colleague search typed just before the caret, if any. */
export function mentionQuery(draft: MentionDraft, caret: number): MentionQuery | null {
  const before = draft.text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /\s/.test(query)) return null;
  // the @ of a mention already made starts no search
  if (draft.mentions.some((m) => m.start <= at && at < m.end)) return null;
  return { at, query };
}

/** The search `query` replaced by a mention of `person` and a space; the caret goes after it. */
export function insertMention(
  draft: MentionDraft,
  query: MentionQuery,
  person: { id: string; name: string },
): { draft: MentionDraft; caret: number } {
  const shown = `@${mentionName(person.name)}`;
  const end = query.at + 1 + query.query.length;
  const mention = {
    start: query.at,
    end: query.at + shown.length,
    name: shown.slice(1),
    employeeId: person.id,
  };
  return {
    draft: replaceRange(draft, query.at, end, `${shown} `, [mention]),
    caret: query.at + shown.length + 1,
  };
}
