import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a person's name: full pinyin ("zhangsan") and initials ("zs"), lower-case,
 * surnames read as surnames (单 → shan, 曾 → zeng), ü as v.
 */
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    v: true,
    nonZh: 'consecutive',
  })
    .flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/))
    .filter(Boolean);
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
