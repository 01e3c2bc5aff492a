import type { Content, KpiRow, SmartGoal } from '../../../core/templates/content.js';
import {
  allFields,
  type FieldDef,
  type TemplateDefinition,
} from '../../../core/templates/model.js';

/** Where someone works decides what its interviews talk about. */
export type Workplace = 'plant' | 'internet' | 'office';

type Pick = <T>(xs: readonly T[]) => T;

const KPIS: Record<Workplace, readonly (readonly [string, string, string])[]> = {
  plant: [
    ['产量达成率', '100%', '103%'],
    ['一次合格率', '99%', '98.6%'],
    ['设备综合效率 OEE', '85%', '82%'],
    ['换型时间', '≤ 25 分钟', '27 分钟'],
    ['安全隐患整改按时率', '100%', '100%'],
    ['物料损耗率', '≤ 1.5%', '1.3%'],
  ],
  internet: [
    ['需求按期交付率', '90%', '93%'],
    ['线上缺陷数', '≤ 5 个/季度', '3 个'],
    ['代码评审及时率', '95%', '97%'],
    ['核心接口可用性', '99.9%', '99.95%'],
    ['自动化测试覆盖率', '70%', '66%'],
    ['用户满意度', '4.5 分', '4.6 分'],
  ],
  office: [
    ['重点任务完成率', '100%', '95%'],
    ['报表按时提交率', '100%', '100%'],
    ['内部客户满意度', '4.5 分', '4.4 分'],
    ['流程优化项目数', '3 项', '4 项'],
    ['预算执行偏差', '≤ 5%', '3.2%'],
  ],
};

const TEXTS: Record<string, Record<Workplace, readonly string[]>> = {
  reviewSummary: {
    plant: [
      '全年产量稳定完成，夜班期间能主动补位；一次合格率比去年提高，但换型后的首件检验偶有遗漏。',
      '本年度出勤稳定，严格执行作业指导书，带动班组完成两次质量改善；设备点检记录需要更及时。',
      '工作量饱满，多次支援兄弟班组；质量指标基本达成，安全方面全年零事故。',
    ],
    internet: [
      '全年按期交付主要需求，负责的模块线上缺陷明显减少；跨团队沟通时需要更早同步风险。',
      '承担了支付链路重构，性能提升明显；文档和知识分享还可以更系统。',
      '对业务理解加深，能独立推进中等规模需求；代码评审参与度高，测试覆盖仍有欠缺。',
    ],
    office: [
      '按时完成年度重点工作，流程梳理成效明显；跨部门协调时偶有延误。',
      '工作细致可靠，报表零差错；希望在数据分析和主动提出建议方面更进一步。',
    ],
  },
  progress: {
    plant: [
      '本月产量完成计划的 102%，新线体的操作已经熟练；两次夜班换型用时偏长。',
      '月度合格率 98.9%，参与了 5S 整改；设备异常能及时上报。',
      '完成了新产品试产的跟线工作，首件检验全部合格。',
    ],
    internet: [
      '本月完成了订单查询接口的优化，响应时间下降 40%；灰度发布顺利。',
      '两个迭代的需求均按期提测，线上无新增缺陷；在排查告警上花的时间较多。',
      '完成了新版首页的交互评审和上线，配合运营做了两次 A/B 测试。',
    ],
    office: [
      '本月完成了季度预算回顾和两项流程优化，报表全部按时提交。',
      '完成了新员工入职培训的组织，收集的反馈整体良好。',
    ],
  },
  project: {
    plant: ['新产线导入项目，负责工位布局验证和操作标准编写。'],
    internet: [
      '会员系统重构项目，担任后端负责人，负责接口设计和数据迁移。',
      '移动端 3.0 改版项目，负责首页和搜索模块的开发。',
    ],
    office: ['ERP 财务模块上线项目，负责数据核对和用户培训。'],
  },
  contribution: {
    plant: ['提出工装改进建议，单件工时降低 8%；编写的作业指导书被推广到其他班组。'],
    internet: [
      '独立完成数据迁移方案，零停机切换；推动建立了接口契约测试。',
      '在关键节点主动加班排查性能问题，保证按期上线。',
    ],
    office: ['梳理 120 个科目映射关系，上线后核对差异为零。'],
  },
  focusCapability: {
    plant: ['设备故障的初步判断与排除', '班组现场管理与带教'],
    internet: ['技术方案设计与评审', '跨团队沟通与推动'],
    office: ['数据分析与汇报', '项目管理'],
  },
  evidence: {
    plant: ['上月两次设备停机时能按步骤排查，但仍需维修技师到场确认。'],
    internet: ['最近一次方案评审准备充分，但对容量评估考虑不足。'],
    office: ['季度汇报逻辑清晰，图表表达还可以更直观。'],
  },
  coachingPlan: {
    plant: ['每周跟维修技师学习一次，参加厂内设备维护培训。'],
    internet: ['由技术经理每两周一次方案走查，参与架构评审会。'],
    office: ['参加数据分析课程，每月做一次小范围分享。'],
  },
  adaptation: {
    plant: ['已熟悉工位操作和安全规程，能跟上节拍；和师傅配合默契。'],
    internet: ['熟悉了开发流程和代码规范，已独立完成两个小需求；和团队相处融洽。'],
    office: ['已掌握日常工作流程，能按时完成交办任务。'],
  },
  goalProgress: {
    plant: ['季度目标按计划推进。'],
    internet: [
      'OKR 中的性能优化目标已完成 70%，稳定性目标按计划推进。',
      '本季度两个关键结果已达成，第三个因依赖方延期略有滞后。',
    ],
    office: ['季度目标按计划推进。'],
  },
  collaboration: {
    plant: ['能主动帮助新同事。'],
    internet: ['和产品、测试配合顺畅，评审中能给出建设性意见。', '跨团队对接时响应及时。'],
    office: ['与业务部门沟通顺畅。'],
  },
  innovation: {
    plant: ['提出一项防错改进。'],
    internet: ['引入了新的日志检索方式，排查效率提升。', '提议把重复的发布检查自动化。'],
    office: ['优化了报销审核清单。'],
  },
  consensus: {
    plant: ['双方同意下阶段以合格率和换型效率为重点。', '同意安排参加设备维护培训。'],
    internet: ['双方同意下季度重点提升测试覆盖和技术分享。', '同意由其牵头下一个迭代的技术方案。'],
    office: ['双方同意下阶段重点提升数据分析能力。'],
  },
  trackingPlan: {
    plant: ['每月质检报告出来后一起复盘。', '每周班前会跟进一次。'],
    internet: ['每两周 1:1 跟进一次。', '每个迭代回顾时对照目标检查。'],
    office: ['每月例会时跟进。'],
  },
  responsible: {
    plant: ['班组长', '车间主任'],
    internet: ['技术经理', '直属主管'],
    office: ['部门负责人'],
  },
  managerNotes: {
    plant: ['可考虑明年培养为班组长后备。', '有转岗质检的意愿，下次单独沟通。'],
    internet: ['晋升答辩可安排在下个周期。', '关注工作负荷，避免连续加班。'],
    office: ['可承担更多跨部门项目。'],
  },
  employeeFeedback: {
    plant: [
      '认可这次的评价，合格率的问题我会重点改进。',
      '希望能多参加设备方面的培训。',
      '同意目标，夜班人手紧张的时候希望能提前协调。',
    ],
    internet: [
      '认同评价，希望下个周期能多参与方案设计。',
      '目标可以接受，测试覆盖率需要团队一起投入时间。',
      '感谢反馈，沟通风险的问题我会更早同步。',
    ],
    office: ['认可评价，希望有机会参加数据分析培训。', '同意下阶段的目标。'],
  },
};

const LISTS: Record<string, Record<Workplace, readonly string[]>> = {
  strengths: {
    plant: ['责任心强', '操作规范', '愿意带新人', '出勤稳定', '安全意识好'],
    internet: ['技术扎实', '交付可靠', '学习能力强', '乐于分享', '主动承担'],
    office: ['细致可靠', '沟通顺畅', '执行力强'],
  },
  improvements: {
    plant: ['换型效率', '点检记录及时性', '异常上报要更及时'],
    internet: ['风险要更早同步', '文档沉淀', '测试覆盖'],
    office: ['主动提出建议', '数据分析'],
  },
  nextSteps: {
    plant: ['参加设备维护培训', '整理换型检查清单', '跟师傅学习故障排除', '参与班组 5S 评比'],
    internet: ['完成接口压测', '补齐核心模块单元测试', '做一次技术分享', '梳理监控告警'],
    office: ['完成季度流程复盘', '学习数据分析工具', '整理部门知识库'],
  },
  blockers: {
    plant: ['夜班人手紧张', '备件到货慢'],
    internet: ['依赖方接口延期', '测试环境不稳定'],
    office: ['跨部门审批周期长'],
  },
  supportNeeded: {
    plant: ['师傅带教', '安全培训'],
    internet: ['导师指导', '熟悉业务的文档'],
    office: ['系统权限开通', '流程培训'],
  },
};

const GOALS: Record<Workplace, readonly Omit<SmartGoal, 'deadline'>[]> = {
  plant: [
    {
      specific: '把一次合格率提升到 99.5%',
      measurable: '月度质检报告的一次合格率',
      achievable: '参加质量改进小组，每月复盘',
      relevant: '车间年度质量目标',
    },
    {
      specific: '独立完成三类设备的换型调试',
      measurable: '换型用时不超过 25 分钟',
      achievable: '跟维修技师学习，每周练习一次',
      relevant: '线体柔性生产需要',
    },
  ],
  internet: [
    {
      specific: '核心模块单元测试覆盖率达到 80%',
      measurable: '覆盖率报告',
      achievable: '每个迭代预留 10% 时间补测试',
      relevant: '降低线上缺陷',
    },
    {
      specific: '独立负责一个中型需求的技术方案',
      measurable: '方案评审通过并按期上线',
      achievable: '技术经理每两周走查一次',
      relevant: '晋升要求',
    },
  ],
  office: [
    {
      specific: '完成两项流程优化',
      measurable: '审批周期缩短 20%',
      achievable: '与业务部门共同梳理',
      relevant: '部门年度目标',
    },
  ],
};

/** A rating leaning to 3–4, as real ones do. */
const RATINGS = [2, 3, 3, 3, 4, 4, 4, 5] as const;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function valueFor(field: FieldDef, where: Workplace, day: string, pick: Pick): unknown {
  switch (field.type) {
    case 'longText':
      return pick(TEXTS[field.key]?.[where] ?? TEXTS.consensus![where]);
    case 'list': {
      const items = LISTS[field.key]?.[where] ?? LISTS.nextSteps![where];
      return [...new Set([pick(items), pick(items)])];
    }
    case 'rating':
      return field.scale.some((s) => s.value === 5) ? pick(RATINGS) : field.scale[0]!.value;
    case 'kpiTable': {
      const rows = [...new Set([pick(KPIS[where]), pick(KPIS[where]), pick(KPIS[where])])];
      return rows.map(([indicator, target, actual], i): KpiRow => {
        const weight = Math.floor(100 / rows.length) + (i === 0 ? 100 % rows.length : 0);
        return { indicator, target, actual, weight, score: pick([75, 80, 85, 90, 95]) };
      });
    }
    case 'smartGoals':
      return [{ ...pick(GOALS[where]), deadline: addDays(day, pick([90, 120, 180])) }];
    case 'skillMatrix':
      return field.skills.map((skill) => {
        const current = pick([2, 3, 3, 4]);
        return {
          skill: skill.zh,
          current,
          target: Math.min(field.levels, current + pick([0, 1, 1])),
        };
      });
    case 'choice':
      return field.multiple ? [field.options[0]!.value] : pick(field.options).value;
    case 'number':
      return field.min ?? 0;
    case 'date':
      return addDays(day, pick([30, 60, 90]));
  }
}

/**
 * What an interviewer of this workplace writes into a template on the day `day` (YYYY-MM-DD):
 * every field it fills, from real-sounding phrases; the employee's own fields are left to it.
 */
export function interviewerContent(
  definition: TemplateDefinition,
  where: Workplace,
  day: string,
  pick: Pick,
): Content {
  const content: Content = {};
  for (const field of allFields(definition)) {
    if (field.filledBy === 'interviewer') content[field.key] = valueFor(field, where, day, pick);
  }
  return content;
}

/** What the employee writes back: its own fields. */
export function employeeContent(definition: TemplateDefinition, where: Workplace, pick: Pick) {
  const content: Content = {};
  for (const field of allFields(definition)) {
    if (field.filledBy === 'employee') content[field.key] = valueFor(field, where, '', pick);
  }
  return content;
}
