import { describe, expect, it } from 'vitest';
import { issueOf } from '../../src/core/issues.js';
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin.js';
import { checkContent, visibleContent, weightedScore } from '../../src/core/templates/content.js';
import {
  templateDefinitionSchema,
  type TemplateDefinition,
} from '../../src/core/templates/model.js';

const annual = BUILTIN_TEMPLATES.find((t) => t.code === 'annual-review')!.definition;

describe('templates', () => {
  it('ships seven valid built-in templates, each with an employee feedback field', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.code)).toHaveLength(7);
    for (const t of BUILTIN_TEMPLATES) {
      expect(() => templateDefinitionSchema.parse(t.definition), t.code).not.toThrow();
      const fields = t.definition.sections.flatMap((s) => s.fields);
      expect(
        fields.some((f) => f.filledBy === 'employee'),
        t.code,
      ).toBe(true);
      expect(t.name.zh && t.name.en).toBeTruthy();
    }
  });

  it('refuses duplicate keys and manager-only employee fields', () => {
    const bad = {
      sections: [
        {
          key: 's',
          title: { zh: '一', en: 'One' },
          fields: [
            { key: 'a', type: 'longText', label: { zh: '甲', en: 'A' } },
            { key: 'a', type: 'date', label: { zh: '乙', en: 'B' } },
            {
              key: 'c',
              type: 'longText',
              label: { zh: '丙', en: 'C' },
              filledBy: 'employee',
              managerOnly: true,
            },
          ],
        },
      ],
    };
    const result = templateDefinitionSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join()).toMatch(
      /duplicate field key a.*manager-only/,
    );
  });

  it('gives the template builder a stable code for each rule across fields, as it checks before saving', () => {
    const field = (key: string, extra: object) => ({
      key,
      label: { zh: '甲', en: 'A' },
      ...extra,
    });
    const result = templateDefinitionSchema.safeParse({
      sections: [
        {
          key: 's',
          title: { zh: '一', en: 'One' },
          fields: [
            field('a', { type: 'longText' }),
            field('a', { type: 'date' }),
            field('b', { type: 'longText', filledBy: 'employee', managerOnly: true }),
            field('c', { type: 'number', min: 5, max: 1 }),
          ],
        },
      ],
    });
    expect(result.error!.issues.map((i) => issueOf(i).code)).toEqual([
      'duplicate_key',
      'employee_manager_only',
      'max_below_min',
    ]);
  });

  it('accepts partial drafts, names every missing required field at submission, and checks each value', () => {
    expect(
      checkContent(
        annual,
        { reviewSummary: '进展顺利' },
        { author: 'interviewer', complete: false },
      ),
    ).toEqual([]);
    const missing = checkContent(annual, {}, { author: 'interviewer', complete: true }).map(
      (i) => `${i.field}:${i.code}`,
    );
    expect(missing).toEqual([
      'kpis:required',
      'reviewSummary:required',
      'overallRating:required',
      'goals:required',
    ]);
    const wrong = checkContent(
      annual,
      {
        overallRating: 7,
        kpis: [{ indicator: '良品率', target: '99%', actual: '98%', weight: 60, score: 90 }],
        goals: [
          {
            specific: '提升良品率',
            measurable: '99%',
            achievable: '是',
            relevant: '是',
            deadline: '2026-02-30',
          },
        ],
        nope: 1,
        employeeFeedback: 'not the interviewer’s to write',
      },
      { author: 'interviewer', complete: false },
    ).map((i) => `${i.field}:${i.code}`);
    // a KPI table weighing 60 may be saved as a draft, not submitted
    expect(wrong).toEqual([
      'nope:unknown_field',
      'employeeFeedback:not_yours',
      'overallRating:not_on_scale',
      'goals:not_a_date',
    ]);
    const kpis = [{ indicator: '良品率', target: '99%', actual: '98%', weight: 60, score: 90 }];
    const atSubmit = checkContent(annual, { kpis }, { author: 'interviewer', complete: true });
    expect(atSubmit.find((i) => i.field === 'kpis')).toMatchObject({
      code: 'kpi_weights',
      params: { sum: 60 },
      message: 'weights must add up to 100',
    });
  });

  it('computes the weighted KPI score and hides manager-only fields from restricted audiences', () => {
    expect(
      weightedScore([
        { indicator: 'a', target: '', actual: '', weight: 60, score: 90 },
        { indicator: 'b', target: '', actual: '', weight: 40, score: 75 },
      ]),
    ).toBe(84);
    const content = { reviewSummary: 'ok', managerNotes: '考虑调岗' };
    expect(visibleContent(annual, content, 'restricted')).toEqual({ reviewSummary: 'ok' });
    expect(visibleContent(annual, content, 'full')).toEqual(content);
  });

  it('limits text length', () => {
    const def: TemplateDefinition = templateDefinitionSchema.parse({
      sections: [
        {
          key: 's',
          title: { zh: '一', en: 'One' },
          fields: [
            { key: 'note', type: 'longText', label: { zh: '备注', en: 'Note' }, maxLength: 10 },
          ],
        },
      ],
    });
    expect(
      checkContent(def, { note: 'x'.repeat(11) }, { author: 'interviewer', complete: false })[0],
    ).toMatchObject({ field: 'note', code: 'too_long', params: { max: 10 } });
  });
});
