import type { TFunction } from 'i18next';
import type { TamperedValue } from '../core/integrity.js';

/** The stored value an integrity failure names, in words: 「面谈内容」, 「第 3 版」. */
export function integrityPartWords(
  what: Pick<TamperedValue, 'part' | 'revision'>,
  t: TFunction,
): string {
  return t(`integrity.parts.${what.part}`, { revision: String(what.revision ?? '') });
}
