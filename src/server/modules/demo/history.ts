import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database, DepartmentTable } from '../../db/schema.js';
import type { RequestMeta } from '../../lib/audit/events.js';
import type { Call } from '../../lib/http/use-case.js';
import { loadActor } from '../auth/actor.js';
import { markRead } from '../notifications/service.js';
import { createRecord, saveFeedback, submitRecord } from '../records/service.js';
import { findTemplateByCode } from '../templates/repo.js';
import { loadWritableTemplate } from '../templates/service.js';
import { createAccount } from '../users/service.js';
import { random, type GeneratedOrg } from './generate-org.js';
import { employeeContent, interviewerContent, type Workplace } from './history-content.js';

/** Share of the people (below the top) with past interviews, and how far back they go. */
const WITH_HISTORY = 0.6;
const MAX_RECORDS = 4;
const DAYS_BACK = 730;
const DAY_MS = 86_400_000;

const TEMPLATES: Record<Workplace, readonly string[]> = {
  plant: ['monthly-check-in', 'skill-assessment', 'annual-review', 'monthly-check-in'],
  internet: ['agile-one-on-one', 'project-performance', 'annual-review', 'capability-coaching'],
  office: ['monthly-check-in', 'annual-review', 'capability-coaching'],
};

const PLACES: Record<Workplace, readonly (readonly ['room' | 'online', string])[]> = {
  plant: [
    ['room', '车间办公室'],
    ['room', '一号楼 301 会议室'],
    ['room', '班组休息室'],
  ],
  internet: [
    ['room', '研发中心 5F 小会议室'],
    ['online', 'https://meeting.example.com/j/8812034'],
    ['room', '产品部 2 号会议室'],
  ],
  office: [
    ['room', '总部 12F 会议室'],
    ['online', 'https://meeting.example.com/j/5520918'],
  ],
};

/** The topic an interviewer gives an interview of this template held on `day`. */
function topicOf(code: string, day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (code) {
    case 'annual-review':
      return `${month <= 3 ? year - 1 : year} 年度绩效面谈`;
    case 'skill-assessment':
      return `${year} 年${month <= 6 ? '上' : '下'}半年技能评估`;
    case 'agile-one-on-one':
      return `1:1 沟通（${month} 月 ${Number(day.slice(8))} 日）`;
    case 'project-performance':
      return `${year} 年 ${month} 月项目复盘`;
    case 'capability-coaching':
      return `${year} 年 ${month} 月能力辅导`;
    default:
      return `${year} 年 ${month} 月月度沟通`;
  }
}

/** A quarter hour of a working day (Shanghai), `days` before `now`. */
function workingTimeBefore(now: Date, days: number, rand: () => number): Date {
  const day = new Date(now.getTime() - days * DAY_MS);
  const weekday = day.getUTCDay();
  // a weekend day moves to the Friday before
  const back = weekday === 6 ? 1 : weekday === 0 ? 2 : 0;
  const date = new Date(day.getTime() - back * DAY_MS).toISOString().slice(0, 10);
  const minutes = 9 * 60 + Math.floor(rand() * 35) * 15;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+08:00`);
}

function workplaceOf(departments: Map<string, DepartmentTable>, departmentId: string): Workplace {
  const rootId = departments.get(departmentId)!.path.split('/')[1]!;
  const code = departments.get(rootId)!.code;
  return code.endsWith('-MFG') ? 'plant' : code.endsWith('-NET') ? 'internet' : 'office';
}

/**
 * Two years of past interviews for a good share of the demo organisation, written the way the app
 * writes them: through the record services, as the employee's own manager (given an account for
 * it), with their versions, audit entries and notices; each employee answers through its own
 * account. Interview dates are spread over the two years; versions and audit entries carry the
 * time they were really written, as the audit trail must. Runs in the caller's transaction.
 */
export async function seedHistory(
  ctx: AppContext,
  db: Kysely<Database>,
  org: GeneratedOrg,
  /** the demo logins' accounts by employee id, which authors and employees reuse */
  accounts: Map<string, string>,
  /** the demo password and its hash, made once for every account */
  login: { password: string; hash: string },
  now = new Date(),
): Promise<{ records: number; accounts: number }> {
  const rand = random(20240601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const departments = new Map(org.plan.departments.map(({ row }) => [row.id, row]));
  const people = new Map(org.plan.employees.map(({ row }) => [row.id, row]));
  const top = org.staff.get('BJ-HQ')![0]!;
  const chosen = org.plan.employees
    .map(({ row }) => row)
    // the demo logins always have a past, so whoever tries one sees what the records look like
    .filter(
      (e) =>
        e.manager_id !== null &&
        e.manager_id !== top &&
        (accounts.has(e.id) || rand() < WITH_HISTORY),
    );
  let created = 0;
  let records = 0;

  const calls = new Map<string, Call>();
  /** A call as this person, through its account (created with the manager role for an author). */
  const callAs = async (employeeId: string, author: boolean): Promise<Call> => {
    const known = calls.get(employeeId);
    if (known) return known;
    let userId = accounts.get(employeeId);
    if (!userId) {
      const person = people.get(employeeId)!;
      const view = await createAccount(
        db,
        { ...DEMO_META, actorUserId: null },
        null,
        {
          username: person.employee_no.toLowerCase(),
          displayName: person.name,
          employeeId,
          password: login.password,
          roles: author ? [{ role: 'manager', scopeKind: 'team' }] : [],
        },
        login.hash,
      );
      userId = view.id;
      accounts.set(employeeId, userId);
      created++;
    }
    const call: Call = {
      ctx,
      db,
      actor: await loadActor(db, userId, employeeId),
      meta: { ...DEMO_META, actorUserId: userId },
    };
    calls.set(employeeId, call);
    return call;
  };
  const templates = await loadTemplates(db);
  // authors first: a head interviewed by its own manager is given the manager role it writes with
  for (const employee of chosen) await callAs(employee.manager_id!, true);

  for (const employee of chosen) {
    const where = workplaceOf(departments, employee.department_id);
    const manager = await callAs(employee.manager_id!, true);
    const count = 1 + Math.floor(rand() * MAX_RECORDS);
    const ages = Array.from({ length: count }, () => 3 + Math.floor(rand() * (DAYS_BACK - 3)));
    ages.sort((a, b) => b - a);
    for (const [i, age] of ages.entries()) {
      const at = workingTimeBefore(now, age, rand);
      const day = at.toISOString().slice(0, 10);
      const code = TEMPLATES[where][i % TEMPLATES[where].length]!;
      const template = templates.get(code)!;
      const [placeKind, place] = pick(PLACES[where]);
      const view = await createRecord(manager, {
        employeeId: employee.id,
        templateId: template.id,
        topic: topicOf(code, day),
        interviewAt: at.toISOString(),
        place,
        placeKind,
        participantIds: [],
        content: interviewerContent(template.definition, where, day, pick),
      });
      records++;
      // the latest interview of the last month may still be being written up
      if (i === count - 1 && age < 30 && rand() < 0.5) continue;
      const sent = await submitRecord(manager, view.id, view.revision);
      if (rand() < 0.2) continue;
      const self = await callAs(employee.id, false);
      await saveFeedback(
        self,
        view.id,
        sent.revision,
        employeeContent(template.definition, where, pick),
      );
    }
  }
  // notices of long ago have long been read
  for (const call of calls.values()) await markRead(call, null);
  return { records, accounts: created };
}

const DEMO_META: RequestMeta = { actorUserId: null, ip: null, userAgent: 'miantan-demo' };

async function loadTemplates(db: Kysely<Database>) {
  const codes = [...new Set(Object.values(TEMPLATES).flat())];
  const entries = await Promise.all(
    codes.map(async (code) => {
      const row = await findTemplateByCode(db, code);
      return [code, await loadWritableTemplate(db, row!.id)] as const;
    }),
  );
  return new Map(entries);
}
