import {
  request,
  type APIRequestContext,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { expect, expectNoOverflow, PASSWORD, test } from './helpers.js';

/**
 * The field editors as the manager and the employee use them, at 1440 px and at 375 px: mentions
 * as tokens, options without ids, cards instead of tables on a phone, numeric keypads, skill
 * levels with their anchors, a date-time picker that fits, and no page wider than the phone.
 * Records are made through the API (one per built-in template); the browser edits and reads them.
 */
test.describe.configure({ mode: 'serial' });

/** A record id as it would leak: a UUID (what the server issues) or a ULID. */
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\b[0-9A-HJKMNP-TV-Z]{26}\b/;
/** A phone (375 px) concern: the desktop project leaves these out (playwright.config.ts). */
const PHONE_ONLY = { tag: '@phone' };

interface FieldDef {
  key: string;
  type: string;
  filledBy: 'interviewer' | 'employee';
  maxLength?: number;
  min?: number;
  scale?: { value: number }[];
  options?: { value: string }[];
  multiple?: boolean;
  skills?: { zh: string; en: string }[];
}
interface RecordView {
  id: string;
  revision: number;
  content: Record<string, unknown>;
  template: { definition: { sections: { fields: FieldDef[] }[] } };
}

/** A signed-in API client: the session's cookie and its CSRF token on every change. */
interface Api {
  context: APIRequestContext;
  employeeId: string;
  /** `revision`: the record's revision the change is made on (If-Match) */
  send: (
    method: 'POST' | 'PUT',
    path: string,
    data: unknown,
    revision?: number,
  ) => Promise<unknown>;
}

async function signIn(baseURL: string, username: string, statePath: string): Promise<Api> {
  const context = await request.newContext({ baseURL });
  const response = await context.post('/api/auth/login', {
    data: { username, password: PASSWORD },
  });
  expect(response.status(), `login of ${username}`).toBe(200);
  const session = (await response.json()) as { csrfToken: string; user: { employeeId: string } };
  await context.storageState({ path: statePath });
  return {
    context,
    employeeId: session.user.employeeId,
    send: async (method, path, data, revision) => {
      const answer = await context.fetch(path, {
        method,
        data,
        headers: {
          'x-csrf-token': session.csrfToken,
          ...(revision === undefined ? {} : { 'if-match': `"${revision}"` }),
        },
      });
      expect(answer.status(), `${method} ${path}: ${await answer.text()}`).toBe(200);
      return answer.json();
    },
  };
}

/** A value for every field the interviewer writes, valid for a submission. */
function sampleValue(field: FieldDef): unknown {
  switch (field.type) {
    case 'longText':
      return '本季度产量稳定，合格率持续改进，夜班交接记录完整清楚。';
    case 'rating':
      return field.scale![0]!.value;
    case 'kpiTable':
      return [
        { indicator: '产量达成率', target: '100%', actual: '104%', weight: 60, score: 90 },
        { indicator: '一次合格率', target: '99%', actual: '98.2%', weight: 40, score: 80 },
      ];
    case 'list':
      return ['参加质量改进小组的月度复盘', '带一名新员工熟悉设备点检'];
    case 'smartGoals':
      return [
        {
          specific: '把一次合格率提升到 99.5%',
          measurable: '月度质检报告',
          achievable: '每月复盘',
          relevant: '车间质量目标',
          deadline: '2027-06-30',
        },
      ];
    case 'skillMatrix':
      return field.skills!.map((s, i) => ({ skill: s.zh, current: 2, target: 2 + (i % 3) }));
    case 'choice':
      return field.multiple ? [field.options![0]!.value] : field.options![0]!.value;
    case 'number':
      return field.min ?? 1;
    case 'date':
      return '2027-01-15';
    default:
      throw new Error(`no sample for ${field.type}`);
  }
}

const BUILTINS = [
  'annual-review',
  'monthly-check-in',
  'project-performance',
  'capability-coaching',
  'new-hire-coaching',
  'skill-assessment',
  'agile-one-on-one',
] as const;

let managerState = '';
let employeeState = '';
let manager: Api;
let employeeId = '';
let employeeName = '';
let employeePinyin = '';
/** per template code: a draft, and a record submitted to the employee with every field filled */
const drafts: Record<string, string> = {};
const submitted: Record<string, string> = {};

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  managerState = testInfo.outputPath('manager.json');
  employeeState = testInfo.outputPath('employee.json');
  manager = await signIn(baseURL, 'manager', managerState);
  const employee = await signIn(baseURL, 'employee', employeeState);
  employeeId = employee.employeeId;
  await employee.context.dispose();
  const profile = (await (
    await manager.context.get(`/api/directory/employees/${employeeId}`)
  ).json()) as { name: string; namePinyin: string };
  employeeName = profile.name;
  employeePinyin = profile.namePinyin.replace(/[^a-z]/gi, '').toLowerCase();

  const templates = (await (await manager.context.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  for (const code of BUILTINS) {
    const templateId = templates.items.find((x) => x.code === code)!.id;
    const basics = {
      topic: `${code} ${testInfo.project.name} ${Date.now()}`,
      interviewAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: '一号楼 301 会议室',
      placeKind: 'room',
      participantIds: [],
    };
    const create = () =>
      manager.send('POST', '/api/records', {
        employeeId,
        templateId,
        ...basics,
      }) as Promise<RecordView>;
    drafts[code] = (await create()).id;
    const record = await create();
    const fields = record.template.definition.sections
      .flatMap((s) => s.fields)
      .filter((f) => f.filledBy === 'interviewer');
    const content = Object.fromEntries(fields.map((f) => [f.key, sampleValue(f)]));
    const saved = (await manager.send(
      'PUT',
      `/api/records/${record.id}`,
      { ...basics, content },
      record.revision,
    )) as RecordView;
    await manager.send('POST', `/api/records/${record.id}/submit`, {}, saved.revision);
    submitted[code] = record.id;
  }
});

test.afterAll(async () => {
  await manager.context.dispose();
});

async function pageAs(
  newWatchedContext: (o: { storageState: string }) => Promise<BrowserContext>,
  state: string,
  language: 'zh-CN' | 'en-US' = 'zh-CN',
): Promise<Page> {
  const context = await newWatchedContext({ storageState: state });
  // about:blank, the first page of a context, has no storage of its own
  await context.addInitScript((lang) => {
    if (location.protocol.startsWith('http')) localStorage.setItem('miantan.language', lang);
  }, language);
  return context.newPage();
}

async function openRecord(page: Page, id: string): Promise<void> {
  await page.goto(`/records/${id}`);
  // a cold record page loads its chunk and the record: seconds on a busy machine
  await expect(page.getByTestId('record-state')).toBeVisible({ timeout: 20_000 });
}

/** No option on screen names an id, in its accessible name or its text; there are some. */
async function expectOptionsWithoutIds(page: Page): Promise<void> {
  const options = page.getByRole('option');
  await expect(options.first()).toBeAttached();
  await expect(page.getByRole('option', { name: ID })).toHaveCount(0);
  await expect(options.filter({ hasText: ID })).toHaveCount(0);
}

/** Moves down the suggestions until `name` is the active one, then takes it with Enter. */
async function pickMention(page: Page, input: Locator, name: string): Promise<void> {
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.filter({ hasText: name }).first()).toBeVisible();
  const active = options.and(page.locator('[aria-selected="true"]'));
  for (let i = 0; i < (await options.count()); i++) {
    if (((await active.textContent()) ?? '').includes(name)) break;
    await input.press('ArrowDown');
  }
  await expect(active).toContainText(name);
  await input.press('Enter');
}

test('a mention is a name in the editor: no id, deleted as one piece, counted as shown', async ({
  newWatchedContext,
}) => {
  const page = await pageAs(newWatchedContext, managerState);
  await openRecord(page, drafts['annual-review']!);
  const field = page.getByTestId('field-reviewSummary');
  const input = field.locator('textarea');
  await input.click();
  await input.pressSequentially(`@${employeePinyin}`);
  await expectOptionsWithoutIds(page);
  await pickMention(page, input, employeeName);
  await expect(input).toHaveValue(`@${employeeName} `);
  await expect(field.getByTestId('mention-count')).toHaveText(`${employeeName.length + 2} / 20000`);

  // Backspace takes the space, then the whole mention at once.
  await input.press('End');
  await input.press('Backspace');
  await expect(input).toHaveValue(`@${employeeName}`);
  await input.press('Backspace');
  await expect(input).toHaveValue('');

  await input.pressSequentially(`请@${employeePinyin}`);
  await pickMention(page, input, employeeName);
  await input.pressSequentially('确认');
  const shown = `请@${employeeName} 确认`;
  await expect(input).toHaveValue(shown);
  await expect(field.getByTestId('mention-count')).toHaveText(`${shown.length} / 20000`);

  // Saved, the mention carries the id the screen never showed.
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'PUT' && /\/api\/records\/[^/]+$/.test(r.url()),
  );
  await page.getByTestId('record-save').click();
  expect((await saved).status()).toBe(200);
  const record = (await (
    await manager.context.get(`/api/records/${drafts['annual-review']}`)
  ).json()) as RecordView;
  expect(record.content.reviewSummary).toBe(`请@[${employeeName}](${employeeId}) 确认`);
  await expect(input).toHaveValue(shown);
});

test('select options name people, templates and levels without ids', async ({
  newWatchedContext,
}) => {
  const page = await pageAs(newWatchedContext, managerState);
  await page.goto('/');
  await page.getByTestId('schedule-new').click();
  const dialog = page.getByRole('dialog');
  const employee = dialog.getByTestId('schedule-employee');
  await employee.click();
  await employee.locator('input').fill(employeeName.slice(0, 1));
  await expect(page.getByRole('option', { name: new RegExp(employeeName) })).toBeAttached();
  await expectOptionsWithoutIds(page);
  await employee.locator('input').press('Escape');
  await dialog.getByTestId('schedule-template').click();
  await expectOptionsWithoutIds(page);
  await page.keyboard.press('Escape');

  await openRecord(page, drafts['skill-assessment']!);
  await page.getByTestId('field-processSkills').getByTestId('skill-current').first().click();
  await expectOptionsWithoutIds(page);
});

test('skill levels show their anchors, and the matrix the gap to target', async ({
  newWatchedContext,
}) => {
  const page = await pageAs(newWatchedContext, managerState);
  await openRecord(page, drafts['skill-assessment']!);
  const matrix = page.getByTestId('field-processSkills');
  // the options of that one select (another's may still be fading out)
  const optionsOf = async (select: Locator) => {
    const list = await select.locator('input').getAttribute('aria-controls');
    return page.locator(`[id="${list}"]`).getByRole('option');
  };
  const choose = async (select: Locator, level: string) => {
    await select.click();
    await (await optionsOf(select)).filter({ hasText: level }).click();
    await expect(select).toContainText(level);
  };
  const current = matrix.getByTestId('skill-current').first();
  await current.click();
  await expect(await optionsOf(current)).toHaveText([
    '1 · 学习中',
    '2 · 指导下操作',
    '3 · 独立操作',
    '4 · 熟练',
    '5 · 可带教',
  ]);
  await (await optionsOf(current)).filter({ hasText: '2 · 指导下操作' }).click();
  await expect(current).toContainText('2 · 指导下操作');
  await choose(matrix.getByTestId('skill-target').first(), '4 · 熟练');
  await expect(matrix.getByTestId('skill-gap').first()).toHaveText('差 2 级');
  await choose(matrix.getByTestId('skill-target').first(), '2 · 指导下操作');
  await expect(matrix.getByTestId('skill-gap').first()).toHaveText('已达标');

  // Read back in English: the anchors and the gap in words.
  const english = await pageAs(newWatchedContext, managerState, 'en-US');
  await openRecord(english, submitted['skill-assessment']!);
  const read = english.getByTestId('field-processSkills');
  await expect(read).toContainText('2 · Operates under guidance');
  await expect(read).toContainText('3 · Operates independently');
  await expect(read.getByTestId('skill-gap')).toHaveText(['Achieved', 'Gap 1', 'Gap 2']);
});

test('KPI tables and skill matrices: cards on a phone, tables on a desktop, to edit and to read', async ({
  newWatchedContext,
}, testInfo) => {
  const page = await pageAs(newWatchedContext, managerState);
  const narrow = () => testInfo.project.name === 'phone';
  await openRecord(page, drafts['annual-review']!);
  const kpis = page.getByTestId('field-kpis');
  await kpis.getByTestId('kpi-add-row').click();
  if (narrow()) {
    await expect(kpis.locator('table')).toHaveCount(0);
    const card = kpis.getByTestId('row-card');
    await expect(card).toHaveCount(1);
    // every value under its column's name
    await expect(card.locator('dt')).toHaveText(['指标', '目标', '实际完成', '权重 %', '得分']);
    await expect(card.getByTestId('kpi-weight')).toBeVisible();
  } else {
    await expect(kpis.locator('table')).toBeVisible();
    await expect(kpis.getByTestId('row-card')).toHaveCount(0);
  }

  await openRecord(page, submitted['skill-assessment']!);
  const skills = page.getByTestId('field-processSkills');
  if (narrow()) {
    await expect(skills.locator('table')).toHaveCount(0);
    await expect(skills.getByTestId('row-card')).toHaveCount(3);
    await expect(skills.getByTestId('row-card').first().locator('dt')).toHaveText([
      '技能',
      '现状',
      '目标',
      '差距',
    ]);
  } else {
    await expect(skills.locator('table')).toBeVisible();
    await expect(skills.getByTestId('row-card')).toHaveCount(0);
  }
  await expectNoOverflow(page);
});

test('number fields bring up the numeric keypad', PHONE_ONLY, async ({ newWatchedContext }) => {
  const page = await pageAs(newWatchedContext, managerState);
  await openRecord(page, drafts['annual-review']!);
  const kpis = page.getByTestId('field-kpis');
  await kpis.getByTestId('kpi-add-row').click();
  for (const key of ['weight', 'score']) {
    await expect(kpis.getByTestId(`kpi-${key}`).last()).toHaveAttribute('inputmode', 'decimal');
  }
});

/** Opens the date-time picker `input`, checks it fits the screen, and takes a Monday. */
async function pickMondayOnPhone(page: Page, input: Locator): Promise<void> {
  await input.click();
  const popup = page.locator('.ant-picker-dropdown:visible .ant-picker-panel-container');
  await expect(popup).toBeVisible();
  // the popup opens with an animation; its box is measured once it stands still
  await expect
    .poll(async () => {
      const box = (await popup.boundingBox())!;
      const width = page.viewportSize()!.width;
      return box.x >= 0 && box.x + box.width <= width;
    })
    .toBe(true);
  // Monday, the column that fell off the left edge: a day of the shown month in it
  const monday = popup
    .locator('.ant-picker-date-panel tbody tr td:first-child.ant-picker-cell-in-view')
    .first();
  const date = await monday.getAttribute('title');
  await monday.click();
  await expect(input).toHaveValue(new RegExp(`^${date}`));
}

test(
  'the date-time pickers fit a phone and every weekday can be tapped',
  PHONE_ONLY,
  async ({ newWatchedContext }) => {
    const page = await pageAs(newWatchedContext, managerState);
    await page.goto('/');
    await page.getByTestId('schedule-new').click();
    await pickMondayOnPhone(page, page.getByRole('dialog').getByTestId('schedule-time'));
    await page.keyboard.press('Escape');

    await openRecord(page, drafts['monthly-check-in']!);
    await pickMondayOnPhone(page, page.getByTestId('record-interview-at'));
  },
);

for (const language of ['zh-CN', 'en-US'] as const) {
  test(
    `nothing is cut at the right edge of a record, to edit and to read (${language})`,
    PHONE_ONLY,
    async ({ newWatchedContext }) => {
      const managerPage = await pageAs(newWatchedContext, managerState, language);
      const employeePage = await pageAs(newWatchedContext, employeeState, language);
      for (const code of BUILTINS) {
        for (const [page, id] of [
          [managerPage, drafts[code]!],
          [managerPage, submitted[code]!],
          [employeePage, submitted[code]!],
        ] as const) {
          await openRecord(page, id);
          await expect(page.locator('[data-testid^="field-"]').first()).toBeVisible();
          await expectNoOverflow(page);
        }
      }
    },
  );
}
