import { z } from 'zod';
import { coded } from './issues.js';

// C0 control characters a text may not hold: on one line all but tab and newline, over several
// lines all but tab, newline and carriage return. They break exports, logs and terminals, and
// no keyboard types them.
// eslint-disable-next-line no-control-regex
const NOT_SINGLE_LINE = /[\u0000-\u0008\u000b-\u001f]/;
// eslint-disable-next-line no-control-regex
const NOT_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** Text for a one-line input (a topic, a name, a table cell): trimmed, `min`–`max` characters. */
export function singleLine(max: number, min = 0) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !NOT_SINGLE_LINE.test(s), coded('control_chars'));
}

/**
 * Text for a text area (a comment, a summary): `min`–`max` characters, as typed unless `trim`.
 * `length` counts them when not every character is one the reader sees (mentions' ids).
 */
export function multiLine(
  max: number,
  {
    min = 0,
    trim = false,
    length,
  }: { min?: number; trim?: boolean; length?: (s: string) => number } = {},
) {
  const text = (trim ? z.string().trim() : z.string()).min(min);
  return (
    length ? text.refine((s) => length(s) <= max, coded('too_long', { max })) : text.max(max)
  ).refine((s) => !NOT_MULTI_LINE.test(s), coded('control_chars'));
}
