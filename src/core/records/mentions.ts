import { coded } from '../issues.js';
import { multiLine } from '../text.js';

/**
 * A mention in a text field is written `@[张三](<employee id>)`: the name is what readers see,
 * the id is what grants access. The editor inserts them; the server reads them back from content.
 */
const MENTION =
  /@\[([^\]\n]{1,50})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/g;

/** A name as a mention can hold it: no `]` or line break, at most 50 characters. */
export function mentionName(name: string): string {
  return name.replace(/[\]\n]/g, '').slice(0, 50);
}

export function mentionMarkup(name: string, employeeId: string): string {
  return `@[${mentionName(name)}](${employeeId})`;
}

/** Every employee id mentioned anywhere in a value (strings, arrays and objects are walked). */
export function extractMentions(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(MENTION)) found.add(m[2]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found].sort();
}

/** Splits text into plain runs and mentions, for display. */
export function splitMentions(
  text: string,
): ({ text: string } | { name: string; employeeId: string })[] {
  const out: ({ text: string } | { name: string; employeeId: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ name: m[1]!, employeeId: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The text as readers and the editor see it: each mention as `@name`, without its id. */
export function shownText(text: string): string {
  return splitMentions(text)
    .map((part) => ('text' in part ? part.text : `@${part.name}`))
    .join('');
}

/**
 * Mentions one text may hold: each grants access and sends a notice, and since a mention's id
 * costs nothing against the length limit, this is what bounds the stored text.
 */
export const MAX_MENTIONS = 20;

/**
 * A text area in which colleagues may be mentioned. Its limit counts what the user sees, so that
 * the editor's counter and the server agree and a mention's id costs nothing.
 */
export function textWithMentions(max: number, options: { min?: number; trim?: boolean } = {}) {
  return multiLine(max, { ...options, length: (s) => shownText(s).length }).refine(
    (s) => (s.match(MENTION) ?? []).length <= MAX_MENTIONS,
    coded('too_many_mentions', { max: MAX_MENTIONS }),
  );
}
