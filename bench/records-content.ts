import type { Content } from '../src/core/templates/content.js';

/**
 * Content of the built-in 'annual-review' template as an interviewer writes it: a KPI table
 * whose weights add up to 100, SMART goals, and a few hundred characters of Chinese prose.
 * The flavour follows the part of the organisation (plant, internet division, headquarters).
 */
export type Flavour = 'plant' | 'internet' | 'office';

export type Rand = () => number;

/** Seeded PRNG (mulberry32), as the org generator uses: the same seed gives the same records. */
export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function sample<T>(rand: Rand, xs: readonly T[], n: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0)
    out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}

const KPIS: Record<Flavour, readonly [string, string][]> = {
  plant: [
    ['产量达成率', '≥ 98%'],
    ['一次交检合格率', '≥ 99.2%'],
    ['设备综合效率 OEE', '≥ 85%'],
    ['安全事故次数', '0 起'],
    ['单位能耗', '同比下降 3%'],
    ['5S 检查得分', '≥ 90 分'],
    ['物料损耗率', '≤ 0.8%'],
  ],
  internet: [
    ['需求按期交付率', '≥ 95%'],
    ['线上缺陷数', '每季度 ≤ 3 个'],
    ['代码评审参与次数', '每月 ≥ 20 次'],
    ['服务可用性', '≥ 99.95%'],
    ['单元测试覆盖率', '≥ 80%'],
    ['用户满意度', '≥ 4.5 分'],
  ],
  office: [
    ['关键岗位招聘周期', '≤ 45 天'],
    ['月结准时率', '100%'],
    ['内控问题整改率', '≥ 95%'],
    ['员工满意度', '≥ 80 分'],
    ['预算执行偏差', '≤ 5%'],
    ['工单按时关闭率', '≥ 97%'],
  ],
};

const OPENINGS = [
  '本年度整体表现稳定，能够按计划完成岗位职责范围内的各项工作。',
  '这一年在团队中承担了更多责任，工作主动性明显提升。',
  '全年目标完成情况良好，关键指标大部分达到或超过预期。',
  '今年经历了岗位调整，适应较快，较短时间内进入了工作状态。',
];
const MIDDLES: Record<Flavour, readonly string[]> = {
  plant: [
    '在新产线导入期间积极配合工艺调整，带头执行标准作业，减少了换型时间。',
    '坚持班前点检和交接班记录，设备异常能够及时上报并跟进处理。',
    '质量意识较强，对不良品能追溯到工序并提出改善建议。',
    '安全规范执行到位，全年无违章记录，并协助新员工完成安全培训。',
    '旺季加班较多，仍保持了较高的出勤率和良好的团队协作。',
  ],
  internet: [
    '负责的模块按期上线，核心接口性能优化后响应时间下降了约三成。',
    '能够主动梳理技术债务，推动了部分历史代码的重构和测试补齐。',
    '跨部门沟通顺畅，需求评审中提出的问题对方案完善有实际帮助。',
    '线上故障处理及时，事后能写出清晰的复盘报告并落实改进项。',
    '愿意分享经验，组织了两次组内技术分享，带教了一名新同事。',
  ],
  office: [
    '流程执行规范，关键节点的材料准备充分，很少出现返工。',
    '在制度修订和系统切换过程中承担了大量协调工作，推进有力。',
    '对数据较为敏感，月度分析报告能够发现问题并给出建议。',
    '服务意识好，业务部门对其响应速度和专业度评价较高。',
    '主动学习新政策和新工具，提升了本岗位的工作效率。',
  ],
};
const CLOSINGS = [
  '不足之处在于计划性还有提升空间，遇到多项任务并行时优先级把握不够清晰。',
  '需要加强书面总结和向上汇报的及时性，让主管更早了解风险。',
  '建议在专业深度上继续积累，争取在来年独立负责更复杂的工作。',
  '希望在团队协作中更多发挥带头作用，帮助身边同事共同进步。',
];
const STRENGTHS = [
  '责任心强，交代的事情有始有终',
  '学习能力强，新知识上手快',
  '执行力好，能按时保质完成任务',
  '沟通表达清晰，善于协调资源',
  '注重细节，工作差错率低',
  '团队意识强，乐于帮助他人',
];
const IMPROVEMENTS = [
  '时间管理和任务优先级排序',
  '复杂问题的系统性分析',
  '跨部门沟通中的主动性',
  '书面总结与汇报能力',
  '对新人的带教与辅导',
];
const GOALS: Record<Flavour, readonly [string, string][]> = {
  plant: [
    ['完成多能工培训，掌握相邻两个工位的操作', '通过技能认证考核'],
    ['牵头一项班组改善项目，降低换型时间', '换型时间缩短 15%'],
    ['取得中级设备操作证书', '取得证书'],
  ],
  internet: [
    ['主导一个核心模块的性能优化', 'P95 响应时间降低 30%'],
    ['完善负责服务的监控与告警', '告警覆盖率达到 100%'],
    ['输出两篇技术分享并在组内宣讲', '完成 2 次分享'],
  ],
  office: [
    ['梳理并优化本岗位的两项核心流程', '处理时长缩短 20%'],
    ['完成一项专业资格认证', '取得证书'],
    ['搭建月度数据看板', '看板按月更新且无遗漏'],
  ],
};
const PLACES = [
  '行政楼 3 楼会议室',
  '车间办公室',
  '2 号洽谈室',
  '人力资源部小会议室',
  '总经理办公室旁会议室',
];
const ONLINE = ['企业微信视频会议', '腾讯会议', '飞书视频会议'];

export function flavourOf(regionCode: string): Flavour {
  return regionCode === 'EAST' ? 'plant' : regionCode === 'SOUTH' ? 'internet' : 'office';
}

function kpiTable(rand: Rand, flavour: Flavour) {
  const rows = sample(rand, KPIS[flavour], 3 + Math.floor(rand() * 3));
  const weights = rows.map(() => 1 + Math.floor(rand() * 4));
  const total = weights.reduce((s, w) => s + w, 0);
  // whole-number weights that add up to exactly 100
  const scaled = weights.map((w) => Math.floor((w * 100) / total));
  scaled[0]! += 100 - scaled.reduce((s, w) => s + w, 0);
  return rows.map(([indicator, target], i) => ({
    indicator,
    target,
    actual: pick(rand, ['达成', '基本达成', '超额完成', '未达成', '接近目标']),
    weight: scaled[i]!,
    score: 60 + Math.floor(rand() * 41),
  }));
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The interviewer's fields (open and manager-only) and the employee's, for one record. */
export function annualReview(
  rand: Rand,
  flavour: Flavour,
  interviewAtMs: number,
  withFeedback: boolean,
): { content: Content; confidential: Content; employeeContent: Content } {
  const summary = [
    pick(rand, OPENINGS),
    ...sample(rand, MIDDLES[flavour], 2 + Math.floor(rand() * 2)),
    pick(rand, CLOSINGS),
  ].join('');
  const goals = sample(rand, GOALS[flavour], 2 + Math.floor(rand() * 2)).map(([s, m], i) => ({
    specific: s,
    measurable: m,
    achievable: pick(rand, ['结合现有资源可以完成', '需要主管协调培训资源', '需要与相关部门配合']),
    relevant: pick(rand, ['支撑部门年度目标', '提升岗位核心能力', '为晋升做准备']),
    deadline: isoDay(interviewAtMs + (90 + i * 90) * 86_400_000),
  }));
  return {
    content: {
      kpis: kpiTable(rand, flavour),
      reviewSummary: summary,
      overallRating: pick(rand, [2, 3, 3, 3, 4, 4, 4, 5]),
      strengths: sample(rand, STRENGTHS, 2 + Math.floor(rand() * 2)),
      improvements: sample(rand, IMPROVEMENTS, 1 + Math.floor(rand() * 2)),
      goals,
      consensus:
        '双方对本年度评价和来年目标达成一致，员工认可改进方向，主管将提供必要的培训和支持。',
      nextInterviewDate: isoDay(interviewAtMs + 180 * 86_400_000),
      trackingPlan: '每月一对一沟通一次，季度末对照 SMART 目标检查进展并记录。',
      responsible: '直属主管',
    },
    confidential: {
      managerNotes: pick(rand, [
        '可作为后备班组长培养，明年重点观察带队能力。',
        '绩效稳定，暂不考虑调岗；关注加班强度。',
        '有一定离职风险，建议关注薪酬竞争力。',
        '本年度调薪建议按中位执行。',
      ]),
    },
    employeeContent: withFeedback
      ? { employeeFeedback: '认可主管的评价，希望来年有更多参加专业培训的机会。' }
      : {},
  };
}

export function placeFor(rand: Rand): { place: string; placeKind: 'room' | 'online' } {
  return rand() < 0.2
    ? { place: pick(rand, ONLINE), placeKind: 'online' }
    : { place: pick(rand, PLACES), placeKind: 'room' };
}
