import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueOf } from '../../src/core/issues.js';
import { multiLine, singleLine } from '../../src/core/text.js';
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin.js';
import { checkContent, valueIn } from '../../src/core/templates/content.js';
import { LIMITS, templateDefinitionSchema } from '../../src/core/templates/model.js';

const annual = BUILTIN_TEMPLATES.find((t) => t.code === 'annual-review')!.definition;
const interviewer = { author: 'interviewer', complete: false } as const;

const codeOf = (schema: z.ZodType, value: unknown) => {
  const issue = schema.safeParse(value, { reportInput: true }).error?.issues[0];
  return issue && issueOf(issue);
};

describe('input checks in core', () => {
  it('refuses C0 control characters: one-line text keeps tab and newline, text areas also CR', () => {
    const line = singleLine(20);
    const area = multiLine(20);
    expect(line.safeParse('a\tb\nc').success).toBe(true);
    for (const c of ['\u0000', '\u0007', '\r', '\u000b', '\u001b', '\u001f'])
      expect(codeOf(line, `a${c}b`), JSON.stringify(c)).toEqual({ code: 'control_chars' });
    expect(area.safeParse('a\tb\r\nc').success).toBe(true);
    for (const c of ['\u0000', '\u0008', '\u000b', '\u000c', '\u001f'])
      expect(codeOf(area, `a${c}b`), JSON.stringify(c)).toEqual({ code: 'control_chars' });
    // beyond C0 nothing is refused: DEL, C1 and the rest of Unicode are text
    expect(area.safeParse('\u007f\u0085中文').success).toBe(true);
  });

  it('gives zod’s issues stable codes with their params', () => {
    expect(codeOf(singleLine(3), 'abcd')).toEqual({ code: 'too_long', params: { max: 3 } });
    expect(codeOf(singleLine(3, 1), '  ')).toEqual({ code: 'empty' });
    expect(codeOf(z.array(z.number()).max(1), [1, 2])).toEqual({
      code: 'too_many',
      params: { max: 1 },
    });
    expect(codeOf(z.number().min(1), 0)).toEqual({ code: 'out_of_range', params: { min: 1 } });
    expect(codeOf(z.number(), '1')).toEqual({ code: 'not_a_number' });
    expect(codeOf(z.number().int(), 1.5)).toEqual({ code: 'not_an_integer' });
    expect(codeOf(z.object({ a: z.string() }), {})).toEqual({ code: 'required' });
    expect(codeOf(z.object({ a: z.string() }), { a: 1 })).toEqual({
      code: 'wrong_type',
      params: { expected: 'string' },
    });
    expect(codeOf(z.strictObject({}), { x: 1 })).toEqual({
      code: 'unknown_key',
      params: { keys: ['x'] },
    });
    expect(codeOf(z.enum(['a', 'b']), 'c')).toEqual({
      code: 'not_an_option',
      params: { options: ['a', 'b'] },
    });
    expect(
      codeOf(
        z.string().refine(() => false),
        'x',
      ),
    ).toEqual({ code: 'invalid' });
  });

  it('reads content by own property only', () => {
    const inherited = Object.create({ reviewSummary: '继承来的' }) as Record<string, unknown>;
    expect(valueIn(inherited, 'reviewSummary')).toBeUndefined();
    expect(valueIn({}, 'constructor')).toBeUndefined();
    expect(
      checkContent(annual, inherited, { author: 'interviewer', complete: true }).map(
        (i) => `${i.field}:${i.code}`,
      ),
    ).toContain('reviewSummary:required');
  });

  it('refuses template keys every object inherits', () => {
    const withKey = (key: string) =>
      templateDefinitionSchema.safeParse({
        sections: [
          {
            key: 'main',
            title: { zh: '主', en: 'Main' },
            fields: [{ key, type: 'longText', label: { zh: '甲', en: 'A' } }],
          },
        ],
      });
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])
      expect(withKey(key).error?.issues.map(issueOf), key).toEqual([{ code: 'reserved_key' }]);
    expect(withKey('summary').success).toBe(true);
  });

  it('measures nesting before anything else and stops at the limit', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkContent(annual, { reviewSummary: deep }, interviewer)).toEqual([
      expect.objectContaining({
        field: 'reviewSummary',
        code: 'too_deep',
        params: { max: LIMITS.depth },
      }),
    ]);
    // a table is rows of cells: two levels, well within the limit
    const kpis = [{ indicator: 'a', target: '', actual: '', weight: 100, score: 1 }];
    expect(checkContent(annual, { kpis }, interviewer)).toEqual([]);
  });

  it('holds every row type to its columns', () => {
    const goal = {
      specific: '独立完成换型\n每月一次',
      measurable: '3 次',
      achievable: '是',
      relevant: '是',
      deadline: '2027-06-30',
    };
    expect(checkContent(annual, { goals: [goal] }, interviewer)).toEqual([]);
    const issues = checkContent(
      annual,
      {
        goals: [{ ...goal, deadline: '2027-02-30' }],
        strengths: ['好', ''],
        kpis: [{ indicator: 'a', target: '', actual: '', weight: 100, score: 1, x: 1 }],
      },
      interviewer,
    );
    expect(issues).toEqual([
      expect.objectContaining({ field: 'kpis', code: 'unknown_key', path: [0] }),
      expect.objectContaining({ field: 'strengths', code: 'empty', path: [1] }),
      expect.objectContaining({ field: 'goals', code: 'not_a_date', path: [0, 'deadline'] }),
    ]);
  });
});
