import { newId } from '../../lib/ids.js';
import { nameKeys } from '../org/name-keys.js';
import type { OrgPlan, PlannedEmployee } from '../org/plan.js';
import type { DepartmentTable, PositionTable, RegionTable } from '../../db/schema.js';
import { COMPOUND_SURNAMES, GIVEN, INTERNET_CITIES, PLANT_CITIES, SURNAMES } from './names.js';

/**
 * A realistic Chinese organisation of any size: a manufacturing plant (车间, 班组) in 华东,
 * an internet division (产品, 研发, 测试) in 华南 and headquarters in 华北. Larger sizes repeat
 * the plant and the division in further cities, so that sites have names of their own while their
 * workshops share theirs (every plant has a 一车间, told apart by its path). Deterministic for a
 * given seed.
 */
interface Unit {
  code: string;
  name: string;
  nameEn: string;
  headPosition: string;
  memberPositions?: string[];
  members?: number;
  children?: Unit[];
}

const team = (
  code: string,
  name: string,
  nameEn: string,
  lead: string,
  positions: string[],
  members: number,
): Unit => ({
  code,
  name,
  nameEn,
  headPosition: lead,
  memberPositions: positions,
  members,
});

const NUMERALS = '零一二三四五六七八九';

/** 1–9999 in Chinese numerals (二, 十二, 一百零五), for the phases of a site. */
export function chineseNumeral(n: number): string {
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d !== 0) out += NUMERALS[d]! + unit;
    else if (!out.endsWith('零')) out += '零';
  });
  out = out.replace(/零+$/, '');
  return out.startsWith('一十') ? out.slice(1) : out;
}

/**
 * The n-th site of a kind (1-based): a city from the list, and past the end of the list a further
 * phase in the same city (上海二期制造基地), so that every site has a name of its own.
 */
function site(
  cities: readonly (readonly [string, string])[],
  n: number,
  kind: string,
  kindEn: string,
) {
  const [city, cityEn] = cities[(n - 1) % cities.length]!;
  const phase = Math.floor((n - 1) / cities.length) + 1;
  return phase === 1
    ? { name: `${city}${kind}`, nameEn: `${cityEn} ${kindEn}` }
    : {
        name: `${city}${chineseNumeral(phase)}期${kind}`,
        nameEn: `${cityEn} ${kindEn}, phase ${phase}`,
      };
}

function plant(n: number): Unit {
  const suffix = n === 1 ? '' : `${n}`;
  const workshop = (w: number, label: string) => ({
    code: `SH${suffix}-W${w}`,
    name: `${label}车间`,
    nameEn: `Workshop ${w}`,
    headPosition: '车间主任',
    children: ['甲', '乙', '丙'].map((shift, i) =>
      team(
        `SH${suffix}-W${w}-T${i + 1}`,
        `${label}车间${shift}班组`,
        `Workshop ${w} team ${shift}`,
        '班组长',
        ['操作工', '操作工', '操作工', '设备操作员', '质检员'],
        14,
      ),
    ),
  });
  return {
    code: `SH${suffix}-MFG`,
    ...site(PLANT_CITIES, n, '制造基地', 'plant'),
    headPosition: '厂长',
    children: [
      workshop(1, '一'),
      workshop(2, '二'),
      team(`SH${suffix}-QA`, '质量部', 'Quality', '质量经理', ['质检员', '质量工程师'], 8),
      team(`SH${suffix}-EQ`, '设备部', 'Equipment', '设备经理', ['设备工程师', '维修技师'], 8),
      team(`SH${suffix}-EHS`, '安全环保部', 'Safety & environment', '安全经理', ['安全员'], 5),
    ],
  };
}

function internet(n: number): Unit {
  const suffix = n === 1 ? '' : `${n}`;
  return {
    code: `SZ${suffix}-NET`,
    ...site(INTERNET_CITIES, n, '互联网事业部', 'internet division'),
    headPosition: '事业部总经理',
    children: [
      team(`SZ${suffix}-PM`, '产品部', 'Product', '产品总监', ['产品经理', '交互设计师'], 10),
      {
        code: `SZ${suffix}-RD`,
        name: '研发部',
        nameEn: 'R&D',
        headPosition: '研发总监',
        children: [
          team(`SZ${suffix}-RD-FE`, '前端组', 'Front end', '技术经理', ['前端工程师'], 10),
          team(`SZ${suffix}-RD-BE`, '后端组', 'Back end', '技术经理', ['后端工程师'], 12),
          team(`SZ${suffix}-RD-MO`, '移动组', 'Mobile', '技术经理', ['移动端工程师'], 8),
        ],
      },
      team(`SZ${suffix}-QA`, '测试部', 'Testing', '测试经理', ['测试工程师'], 10),
      team(`SZ${suffix}-OPS`, '运维部', 'Operations', '运维经理', ['运维工程师'], 6),
    ],
  };
}

const HEADQUARTERS: Unit = {
  code: 'BJ-HQ',
  name: '北京总部',
  nameEn: 'Beijing headquarters',
  headPosition: '总经理',
  children: [
    team(
      'BJ-HR',
      '人力资源部',
      'Human resources',
      '人力资源总监',
      ['HRBP', '招聘专员', '薪酬专员'],
      8,
    ),
    team('BJ-FIN', '财务部', 'Finance', '财务总监', ['会计', '财务分析师'], 6),
    team('BJ-COMP', '合规与内控部', 'Compliance', '合规经理', ['合规专员', '内审专员'], 4),
    team('BJ-IT', '信息技术部', 'IT', 'IT 经理', ['系统管理员', '信息安全工程师'], 5),
  ],
};

/** Seeded PRNG (mulberry32): the same seed gives the same organisation. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unitSize(u: Unit): number {
  return 1 + (u.members ?? 0) + (u.children ?? []).reduce((s, c) => s + unitSize(c), 0);
}

export interface GeneratedOrg {
  plan: OrgPlan;
  /** employee ids by department code: the head first, then members */
  staff: Map<string, string[]>;
  employeeCount: number;
}

export function generateOrg(options: {
  employees: number;
  seed?: number;
  now?: string;
}): GeneratedOrg {
  const now = options.now ?? new Date().toISOString();
  const rand = random(options.seed ?? 20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

  const regions: RegionTable[] = [
    { id: newId(), code: 'EAST', name: '华东', name_en: 'East China', created_at: now },
    { id: newId(), code: 'SOUTH', name: '华南', name_en: 'South China', created_at: now },
    { id: newId(), code: 'NORTH', name: '华北', name_en: 'North China', created_at: now },
  ];
  const [east, south, north] = regions as [RegionTable, RegionTable, RegionTable];
  const base = unitSize(plant(1)) + unitSize(internet(1));
  const copies = Math.max(1, Math.ceil((options.employees - unitSize(HEADQUARTERS)) / base));
  const tops: [Unit, RegionTable][] = [[HEADQUARTERS, north]];
  for (let i = 1; i <= copies; i++) tops.push([plant(i), east], [internet(i), south]);

  const positions = new Map<string, PositionTable>();
  const positionId = (name: string) => {
    let p = positions.get(name);
    if (!p) positions.set(name, (p = { id: newId(), name, created_at: now }));
    return p.id;
  };
  const departments: DepartmentTable[] = [];
  const employees: PlannedEmployee[] = [];
  const staff = new Map<string, string[]>();
  const usedNames = new Map<string, number>();

  const person = (
    departmentId: string,
    position: string,
    managerId: string | null,
  ): PlannedEmployee => {
    const surname = rand() < 0.02 ? pick(COMPOUND_SURNAMES) : pick(SURNAMES);
    const given = rand() < 0.35 ? pick(GIVEN) : pick(GIVEN) + pick(GIVEN);
    const name = surname + given;
    usedNames.set(name, (usedNames.get(name) ?? 0) + 1);
    const no = `E${String(100001 + employees.length)}`;
    const keys = nameKeys(name);
    const year = 2008 + Math.floor(rand() * 18);
    const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
    return {
      id: newId(),
      employee_no: no,
      name,
      name_pinyin: keys.pinyin,
      name_initials: keys.initials,
      email: `${keys.pinyin}.${no.toLowerCase()}@demo.miantan.cn`,
      phone: `1${pick(['35', '38', '39', '58', '86', '88'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      department_id: departmentId,
      position_id: positionId(position),
      manager_id: managerId,
      hire_date: `${year}-${month}-${day}`,
      status: 'active',
      left_at: null,
      created_at: now,
      updated_at: now,
    };
  };

  const build = (
    u: Unit,
    region: RegionTable,
    parent: DepartmentTable | null,
    managerId: string | null,
  ) => {
    if (employees.length >= options.employees) return;
    const id = newId();
    const dept: DepartmentTable = {
      id,
      code: u.code,
      name: u.name,
      name_en: u.nameEn,
      region_id: region.id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      created_at: now,
      updated_at: now,
    };
    departments.push(dept);
    const head = person(id, u.headPosition, managerId);
    employees.push(head);
    const ids = [head.id];
    for (let i = 0; i < (u.members ?? 0) && employees.length < options.employees; i++) {
      const member = person(id, pick(u.memberPositions ?? ['专员']), head.id);
      employees.push(member);
      ids.push(member.id);
    }
    staff.set(u.code, ids);
    for (const child of u.children ?? []) build(child, region, dept, head.id);
  };
  const ceo = HEADQUARTERS;
  build(ceo, north, null, null);
  const ceoId = staff.get('BJ-HQ')![0]!;
  for (const [unit, region] of tops.slice(1)) build(unit, region, null, ceoId);

  return {
    plan: {
      newRegions: regions,
      newPositions: [...positions.values()],
      departments: departments.map((row) => ({ row, isNew: true })),
      employees: employees.map((row) => ({ row, isNew: true })),
    },
    staff,
    employeeCount: employees.length,
  };
}
