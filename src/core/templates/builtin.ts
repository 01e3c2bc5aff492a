import type { FieldDef, Localized, SectionDef, TemplateDefinition } from './model.js';

/**
 * The built-in templates of PRODUCT.md §3, in both locales. Each follows the standard structure
 * of a record (§2): review, strengths and areas to improve, development plan, the employee's
 * feedback and the agreed consensus, follow-up.
 */
export interface BuiltinTemplate {
  code: string;
  name: Localized;
  description: Localized;
  definition: TemplateDefinition;
}

const t = (zh: string, en: string): Localized => ({ zh, en });

type Extra = Partial<Pick<FieldDef, 'required' | 'managerOnly' | 'filledBy' | 'hint'>>;
const base = (key: string, label: Localized, extra: Extra = {}) => ({
  key,
  label,
  required: false,
  managerOnly: false,
  filledBy: 'interviewer' as const,
  ...extra,
});

const longText = (key: string, label: Localized, extra: Extra = {}): FieldDef => ({
  ...base(key, label, extra),
  type: 'longText',
});
const list = (key: string, label: Localized, extra: Extra = {}): FieldDef => ({
  ...base(key, label, extra),
  type: 'list',
});
const kpis = (extra: Extra = {}): FieldDef => ({
  ...base('kpis', t('KPI 指标', 'KPIs'), {
    hint: t('权重合计 100%，得分 0–100', 'Weights add up to 100%; scores 0–100'),
    ...extra,
  }),
  type: 'kpiTable',
});
const goals = (key: string, label: Localized, extra: Extra = {}): FieldDef => ({
  ...base(key, label, {
    hint: t(
      '具体、可衡量、可实现、相关、有期限',
      'Specific, measurable, achievable, relevant, time-bound',
    ),
    ...extra,
  }),
  type: 'smartGoals',
});
const date = (key: string, label: Localized, extra: Extra = {}): FieldDef => ({
  ...base(key, label, extra),
  type: 'date',
});
/** What each skill level means on the shop floor, from a learner to one who teaches others. */
const SKILL_ANCHORS = [
  t('学习中', 'Learning'),
  t('指导下操作', 'Operates under guidance'),
  t('独立操作', 'Operates independently'),
  t('熟练', 'Proficient'),
  t('可带教', 'Can coach others'),
];
const skills = (
  key: string,
  label: Localized,
  names: Localized[],
  extra: Extra = {},
): FieldDef => ({
  ...base(key, label, { hint: t('等级 1–5：现状与目标', 'Levels 1–5: now and target'), ...extra }),
  type: 'skillMatrix',
  skills: names,
  levels: SKILL_ANCHORS.length,
  anchors: SKILL_ANCHORS,
});

const FIVE_LEVELS = [
  { value: 1, label: t('待改进', 'Below expectations') },
  { value: 2, label: t('部分达标', 'Partly meets') },
  { value: 3, label: t('达标', 'Meets expectations') },
  { value: 4, label: t('良好', 'Exceeds') },
  { value: 5, label: t('卓越', 'Outstanding') },
];
const rating = (key: string, label: Localized, extra: Extra = {}, overall = false): FieldDef => ({
  ...base(key, label, extra),
  type: 'rating',
  overall,
  scale: FIVE_LEVELS,
});

const section = (key: string, title: Localized, fields: FieldDef[]): SectionDef => ({
  key,
  title,
  fields,
});

const strengthsSection = section(
  'strengths',
  t('优势与待提升点', 'Strengths and areas to improve'),
  [
    list('strengths', t('优势', 'Strengths')),
    list('improvements', t('待提升点', 'Areas to improve')),
  ],
);

const feedbackSection = section(
  'feedback',
  t('员工反馈与共识', 'Employee feedback and consensus'),
  [
    longText('employeeFeedback', t('员工反馈', 'Employee feedback'), {
      filledBy: 'employee',
      hint: t('由员工本人填写', 'Written by the employee'),
    }),
    longText('consensus', t('双方共识', 'Agreed consensus')),
  ],
);

const followUpSection = (extra: FieldDef[] = []) =>
  section('followUp', t('后续跟进', 'Follow-up'), [
    date('nextInterviewDate', t('下次面谈日期', 'Next interview date')),
    longText('trackingPlan', t('跟踪计划', 'Tracking plan')),
    longText('responsible', t('跟进负责人', 'Who follows up'), {
      hint: t('姓名或岗位', 'A name or a role'),
    }),
    ...extra,
  ]);

const managerNotes = longText(
  'managerNotes',
  t('主管备注（仅主管与 HR 可见）', 'Manager notes (managers and HR only)'),
  { managerOnly: true },
);

export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  {
    code: 'annual-review',
    name: t('年度绩效回顾', 'Annual performance review'),
    description: t(
      '回顾全年 KPI 达成，明确来年发展目标',
      'Review the year’s KPIs and set next year’s development goals',
    ),
    definition: {
      sections: [
        section('review', t('绩效回顾', 'Performance review'), [
          kpis({ required: true }),
          longText('reviewSummary', t('绩效总结', 'Summary'), { required: true }),
          rating('overallRating', t('综合评价', 'Overall rating'), { required: true }, true),
        ]),
        strengthsSection,
        section('development', t('发展计划与目标', 'Development plan and goals'), [
          goals('goals', t('SMART 目标', 'SMART goals'), { required: true }),
        ]),
        feedbackSection,
        followUpSection([managerNotes]),
      ],
    },
  },
  {
    code: 'monthly-check-in',
    name: t('月度沟通', 'Monthly check-in'),
    description: t(
      '每月一次的进展、阻碍与下一步沟通',
      'A monthly talk about progress, blockers and next steps',
    ),
    definition: {
      sections: [
        section('review', t('本月回顾', 'This month'), [
          longText('progress', t('工作进展', 'Progress'), { required: true }),
          list('blockers', t('遇到的阻碍', 'Blockers')),
        ]),
        section('development', t('下月计划', 'Next month'), [
          list('nextSteps', t('下一步行动', 'Next steps'), { required: true }),
        ]),
        feedbackSection,
        followUpSection(),
      ],
    },
  },
  {
    code: 'project-performance',
    name: t('项目表现沟通', 'Project performance'),
    description: t(
      '项目结束或里程碑时回顾个人表现',
      'Review someone’s part in a project at a milestone or its end',
    ),
    definition: {
      sections: [
        section('review', t('项目表现', 'Project performance'), [
          longText('project', t('项目与角色', 'Project and role'), { required: true }),
          kpis(),
          longText('contribution', t('主要贡献', 'Main contributions'), { required: true }),
          rating('collaborationRating', t('协作表现', 'Collaboration')),
          rating('overallRating', t('综合评价', 'Overall rating'), { required: true }, true),
        ]),
        strengthsSection,
        section('development', t('发展计划与目标', 'Development plan and goals'), [
          goals('goals', t('SMART 目标', 'SMART goals')),
        ]),
        feedbackSection,
        followUpSection([managerNotes]),
      ],
    },
  },
  {
    code: 'capability-coaching',
    name: t('能力成长辅导', 'Capability coaching'),
    description: t(
      '围绕一项能力的现状、目标与辅导计划',
      'Where one capability stands, where it should go, and how',
    ),
    definition: {
      sections: [
        section('review', t('能力现状', 'Where it stands'), [
          longText('focusCapability', t('重点能力', 'Capability in focus'), { required: true }),
          rating('currentLevel', t('当前水平', 'Current level'), { required: true }),
          longText('evidence', t('行为事例', 'Observed examples')),
        ]),
        strengthsSection,
        section('development', t('辅导计划', 'Coaching plan'), [
          goals('goals', t('成长目标', 'Growth goals'), { required: true }),
          longText('coachingPlan', t('辅导方式与资源', 'Coaching and resources')),
        ]),
        feedbackSection,
        followUpSection(),
      ],
    },
  },
  {
    code: 'new-hire-coaching',
    name: t('新员工辅导', 'New-hire coaching'),
    description: t(
      '试用期内的适应情况、支持需求与转正目标',
      'Settling in during probation: support needed and goals',
    ),
    definition: {
      sections: [
        section('review', t('入职适应', 'Settling in'), [
          rating('onboardingProgress', t('适应程度', 'How well it is going'), { required: true }),
          longText('adaptation', t('工作与团队融入', 'Work and team'), { required: true }),
          list('supportNeeded', t('需要的支持', 'Support needed')),
        ]),
        strengthsSection,
        section('development', t('试用期目标', 'Probation goals'), [
          goals('goals', t('SMART 目标', 'SMART goals'), { required: true }),
        ]),
        feedbackSection,
        followUpSection([managerNotes]),
      ],
    },
  },
  {
    code: 'skill-assessment',
    name: t('技能评估（制造）', 'Skill assessment (manufacturing)'),
    description: t(
      '工艺技能、设备操作与安全：现有等级与目标等级',
      'Process skills, equipment operation and safety: level now and target',
    ),
    definition: {
      sections: [
        section('review', t('技能评估', 'Skill assessment'), [
          skills(
            'processSkills',
            t('工艺技能', 'Process skills'),
            [
              t('工艺操作规范', 'Standard work'),
              t('质量自检', 'Self-inspection'),
              t('工艺参数调整', 'Process parameters'),
            ],
            { required: true },
          ),
          skills(
            'equipmentSkills',
            t('设备操作', 'Equipment operation'),
            [
              t('设备点检', 'Equipment checks'),
              t('故障排除', 'Troubleshooting'),
              t('换型调试', 'Changeover'),
            ],
            { required: true },
          ),
          skills(
            'safetySkills',
            t('安全', 'Safety'),
            [
              t('安全操作规程', 'Safe work procedures'),
              t('应急处置', 'Emergency response'),
              t('5S 现场管理', '5S'),
            ],
            { required: true },
          ),
          rating('overallRating', t('综合评价', 'Overall rating'), { required: true }, true),
        ]),
        strengthsSection,
        section('development', t('培训与提升计划', 'Training plan'), [
          goals('goals', t('技能提升目标', 'Skill goals')),
        ]),
        feedbackSection,
        followUpSection(),
      ],
    },
  },
  {
    code: 'agile-one-on-one',
    name: t('敏捷 1:1', 'Agile 1:1'),
    description: t(
      '互联网团队的定期 1:1：目标进展、协作、创新与阻碍',
      'A regular 1:1 for internet teams: goals, collaboration, innovation, blockers',
    ),
    definition: {
      sections: [
        section('review', t('目标进展', 'Goal progress'), [
          longText('goalProgress', t('目标与进展', 'Goals and progress'), { required: true }),
          longText('collaboration', t('团队协作', 'Collaboration')),
          longText('innovation', t('创新与改进', 'Innovation and improvement')),
          list('blockers', t('阻碍', 'Blockers')),
        ]),
        strengthsSection,
        section('development', t('下一步', 'Next steps'), [
          list('nextSteps', t('行动项', 'Action items'), { required: true }),
        ]),
        feedbackSection,
        followUpSection(),
      ],
    },
  },
];
