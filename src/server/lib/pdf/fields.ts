import { shownText } from '../../../core/records/mentions.js';
import type { PdfLanguage } from '../../../core/records/pdf.js';
import type { KpiRow, SmartGoal } from '../../../core/templates/content.js';
import type { Localized } from '../../../core/templates/model.js';
import type { DocumentField } from './document.js';
import type { PdfLabels } from './labels.js';

/** How one field's value is laid out: a paragraph, a bulleted list, or a table. */
export type FieldBlock =
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: { header: string; weight: number }[]; rows: string[][] };

export function localText(text: Localized, language: PdfLanguage): string {
  return language === 'en-US' && text.en ? text.en : text.zh;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * A field's value as the PDF shows it, by the field's type. Values were checked against their
 * template when saved; the casts read them in the shape that check guarantees.
 */
export function fieldBlock(
  { def, value }: DocumentField,
  labels: PdfLabels,
  language: PdfLanguage,
): FieldBlock {
  if (isEmpty(value)) return { kind: 'text', text: labels.none };
  switch (def.type) {
    case 'longText':
      return { kind: 'text', text: shownText(String(value)) };
    case 'rating': {
      const step = def.scale.find((s) => s.value === value);
      return {
        kind: 'text',
        text: step ? `${String(value)} · ${localText(step.label, language)}` : String(value),
      };
    }
    case 'kpiTable': {
      const k = labels.kpi;
      return {
        kind: 'table',
        columns: [
          { header: k.indicator, weight: 3 },
          { header: k.target, weight: 2 },
          { header: k.actual, weight: 2 },
          { header: k.weight, weight: 1 },
          { header: k.score, weight: 1 },
        ],
        rows: (value as KpiRow[]).map((r) => [
          r.indicator,
          r.target,
          r.actual,
          String(r.weight),
          String(r.score),
        ]),
      };
    }
    case 'list':
      return { kind: 'list', items: (value as string[]).map(shownText) };
    case 'smartGoals': {
      // a goal's `specific` runs to 2,000 characters: a paragraph each, not a table cell
      const g = labels.goal;
      return {
        kind: 'list',
        items: (value as SmartGoal[]).map((goal) =>
          [
            shownText(goal.specific),
            `${g.measurable}: ${goal.measurable}`,
            `${g.achievable}: ${goal.achievable}`,
            `${g.relevant}: ${goal.relevant}`,
            `${g.deadline}: ${goal.deadline}`,
          ].join('\n'),
        ),
      };
    }
    case 'skillMatrix': {
      const level = (n: number) => {
        const anchor = def.anchors?.[n - 1];
        return anchor ? `${n} · ${localText(anchor, language)}` : `${n} / ${def.levels}`;
      };
      return {
        kind: 'table',
        columns: [
          { header: labels.skill.skill, weight: 2 },
          { header: labels.skill.current, weight: 2 },
          { header: labels.skill.target, weight: 2 },
        ],
        rows: (value as { skill: string; current: number; target: number }[]).map((s) => [
          s.skill,
          level(s.current),
          level(s.target),
        ]),
      };
    }
    case 'choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [String(value)];
      const words = chosen.map((v) => {
        const option = def.options.find((o) => o.value === v);
        return option ? localText(option.label, language) : v;
      });
      return { kind: 'text', text: words.join(language === 'zh-CN' ? '、' : ', ') };
    }
    case 'number':
    case 'date':
      return { kind: 'text', text: String(value) };
  }
}
