import { describe, expect, it } from 'vitest';
import { issueOf } from '../../src/core/issues.js';
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin.js';
import { allFields, templateDefinitionSchema } from '../../src/core/templates/model.js';

const matrix = (extra: object) => ({
  sections: [
    {
      key: 's',
      title: { zh: '技能', en: 'Skills' },
      fields: [
        { key: 'skills', type: 'skillMatrix', label: { zh: '技能', en: 'Skills' }, ...extra },
      ],
    },
  ],
});

describe('skill levels', () => {
  it('gives every skill matrix of the built-in skill assessment its five behavioural anchors', () => {
    const def = BUILTIN_TEMPLATES.find((t) => t.code === 'skill-assessment')!.definition;
    const matrices = allFields(def).filter((f) => f.type === 'skillMatrix');
    expect(matrices).toHaveLength(3);
    for (const field of matrices) {
      expect(field.levels).toBe(5);
      expect(field.anchors?.map((a) => a.zh)).toEqual([
        '学习中',
        '指导下操作',
        '独立操作',
        '熟练',
        '可带教',
      ]);
      expect(field.anchors?.[4]?.en).toBe('Can coach others');
    }
  });

  it('takes a template without anchors, and refuses anchors that do not match the levels', () => {
    expect(templateDefinitionSchema.safeParse(matrix({ levels: 4 })).success).toBe(true);
    const anchors = [
      { zh: '学习中', en: 'Learning' },
      { zh: '熟练', en: 'Proficient' },
    ];
    expect(templateDefinitionSchema.safeParse(matrix({ levels: 2, anchors })).success).toBe(true);
    const fewer = templateDefinitionSchema.safeParse(matrix({ levels: 3, anchors }));
    expect(fewer.error?.issues.map((i) => [i.path.join('.'), issueOf(i)])).toEqual([
      ['sections.0.fields.0.anchors', { code: 'too_few', params: { min: 3 } }],
    ]);
  });
});
