import type { Locator, Page } from '@playwright/test';
import { answer, expect, expectNoOverflow, saveLogin, test } from './helpers.js';

/**
 * One interview from plan to resubmission, as the manager and the demo employee do it in the
 * browser, then two tabs of the manager editing the same draft. The tests run in order and share
 * the record; each signs in from a session saved once (the login rate limit counts every login).
 */
test.describe.configure({ mode: 'serial' });

const TEMPLATE = '年度绩效回顾';
const RETURN_COMMENT = '第二项指标的实际完成情况写错了，请核对后再提交。';
const RECORD_PATH = /^\/api\/records\/[^/]+$/;

let managerState = '';
let employeeState = '';
let employee = { id: '', name: '', employeeNo: '' };
let manager = { id: '', name: '' };
let topic = '';
let recordUrl = '';

/** Now in Shanghai as `YYYY-MM-DD HH:mm`: the product's time zone, whatever the machine's is. */
function shanghaiNow(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  }).formatToParts(new Date());
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The next answer to `method path` (path as a pattern over the URL's pathname). */
/** Clicks `target` and returns the status of the request it sends. */
async function send(page: Page, target: Locator, method: string, path: RegExp): Promise<number> {
  const answered = answer(page, method, path);
  await target.click();
  return (await answered).status();
}

/**
 * Picks the option `label` of the antd Select `select` with the keyboard: typing filters the
 * options to that one, which becomes the active one, and Enter takes it. (A click on the option
 * can land while the options' layer is still moving into place.)
 */
async function choose(page: Page, select: Locator, search: string, label = search) {
  await select.locator('input').fill(search);
  await expect(
    page.locator('.ant-select-dropdown .ant-select-item-option-active').filter({ hasText: label }),
  ).toHaveCount(1);
  await select.locator('input').press('Enter');
  await expect(select).toContainText(label);
}

/**
 * Types a date (and time) into an antd picker and confirms it with Enter. The mouse is moved away
 * first: over the picker's calendar it would preview the hovered day in the input instead.
 */
async function typeDate(page: Page, input: Locator, value: string): Promise<void> {
  await page.mouse.move(0, 0);
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

function textArea(page: Page, field: string): Locator {
  return page.getByTestId(`field-${field}`).locator('textarea');
}

/** A to-do row of `section` (its data-section) about this test's interview. */
function todoItem(page: Page, section: string): Locator {
  return page
    .locator(`[data-testid="todo-item"][data-section="${section}"]`)
    .filter({ hasText: topic });
}

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  managerState = testInfo.outputPath('manager.json');
  employeeState = testInfo.outputPath('employee.json');
  const managerSession = await saveLogin(baseURL, 'manager', managerState);
  manager = { id: managerSession.user.employeeId!, name: managerSession.user.displayName };
  const session = await saveLogin(baseURL, 'employee', employeeState);
  employee = {
    id: session.user.employeeId!,
    name: session.user.displayName,
    employeeNo: '',
  };
  // Both projects share one server: each run's interview has its own topic.
  topic = `年度面谈 ${testInfo.project.name} ${Date.now()}`;
});

test('the manager plans an interview for today and starts it from the to-do list', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  // The employee is in the manager's team, so the manager may read the profile.
  const profile = await page.request.get(`/api/directory/employees/${employee.id}`);
  expect(profile.status()).toBe(200);
  employee.employeeNo = ((await profile.json()) as { employeeNo: string }).employeeNo;
  await page.goto('/');
  await expect(page.getByTestId('todo')).toBeVisible();

  await page.getByTestId('schedule-new').click();
  const dialog = page.getByRole('dialog');
  // By employee number, which only the demo employee has.
  await choose(page, dialog.getByTestId('schedule-employee'), employee.employeeNo, employee.name);
  await choose(page, dialog.getByTestId('schedule-template'), TEMPLATE);
  await dialog.getByTestId('schedule-topic').fill(topic);
  const when = shanghaiNow();
  await typeDate(page, dialog.getByTestId('schedule-time'), when);
  await dialog.getByTestId('schedule-place').fill('一号楼 301 会议室');
  // The current minute has begun already: saving a time in the past is confirmed first.
  const planned = answer(page, 'POST', /^\/api\/schedule$/);
  await dialog.getByTestId('schedule-submit').click();
  await page.getByTestId('past-time-save').click();
  expect((await planned).status()).toBe(200);
  // (the confirmation may still be fading out: the planning dialog's own button tells)
  await expect(page.getByTestId('schedule-submit')).toBeHidden();

  // Any time today is due today (not later, not overdue).
  const item = todoItem(page, 'today');
  await expect(item).toBeVisible();
  await expect(item).toContainText(employee.name);
  await expect(item).toContainText(TEMPLATE);
  await expectNoOverflow(page);

  expect(
    await send(page, item.getByTestId('schedule-start'), 'POST', /^\/api\/schedule\/[^/]+\/start$/),
  ).toBe(200);
  await expect(page).toHaveURL(/\/records\/[^/]+$/);
  recordUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('record-title')).toHaveText(topic);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('record-place')).toHaveValue('一号楼 301 会议室');

  // Started: the plan has left the list, the draft has joined it.
  await page.goto('/');
  await expect(todoItem(page, 'drafts')).toBeVisible();
  await expect(todoItem(page, 'today')).toHaveCount(0);
});

test('the manager fills in the review and submits it to the employee', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(recordUrl);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');

  const kpis = page.getByTestId('field-kpis');
  await kpis.getByTestId('kpi-add-row').click();
  await kpis.getByTestId('kpi-add-row').click();
  const rows = [
    { indicator: '产量达成率', target: '100%', actual: '104%', weight: '60', score: '90' },
    { indicator: '一次合格率', target: '99%', actual: '98.2%', weight: '40', score: '80' },
  ];
  for (const [i, row] of rows.entries()) {
    for (const [key, value] of Object.entries(row)) {
      await kpis.getByTestId(`kpi-${key}`).nth(i).fill(value);
    }
  }
  await expect(kpis.getByTestId('kpi-weight-sum')).toHaveText('权重合计 100%');
  // 60% × 90 + 40% × 80
  await expect(kpis.getByTestId('kpi-weighted-score')).toHaveText('86');

  await textArea(page, 'reviewSummary').fill('全年产量稳定超额完成，合格率略低于目标。');
  await page.getByTestId('field-overallRating').getByText('4 · 良好').click();
  await page.getByTestId('field-managerNotes').locator('textarea').fill('可考虑下半年晋升班组长。');

  const goals = page.getByTestId('field-goals');
  await goals.getByTestId('goal-add').click();
  const goal = goals.getByTestId('goal-card');
  await goal.locator('textarea').fill('把一次合格率提升到 99.5%');
  await goal.getByTestId('goal-measurable').fill('月度质检报告的一次合格率');
  await goal.getByTestId('goal-achievable').fill('参加质量改进小组，每月复盘');
  await goal.getByTestId('goal-relevant').fill('车间年度质量目标');
  await typeDate(page, goal.getByTestId('goal-deadline'), '2027-06-30');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await expectNoOverflow(page);

  // one confirmation, with what the employee will see
  await page.getByTestId('record-submit').click();
  expect(
    await send(
      page,
      page.getByTestId('record-submit-send'),
      'POST',
      /^\/api\/records\/[^/]+\/submit$/,
    ),
  ).toBe(200);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
  await expect(page.getByTestId('field-kpis').getByTestId('kpi-weighted-score')).toHaveText('86');

  await page.goto('/');
  await expect(todoItem(page, 'awaiting')).toBeVisible();
  await expect(todoItem(page, 'drafts')).toHaveCount(0);
});

test('the employee reads the record without manager-only fields, gives feedback and sends it back', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: employeeState })).newPage();
  await page.goto('/');
  const item = todoItem(page, 'respond');
  await expect(item).toBeVisible();
  await expectNoOverflow(page);
  await item.getByRole('link', { name: topic }).click();
  await expect(page).toHaveURL(new RegExp(`${recordUrl}$`));
  await expect(page.getByTestId('record-title')).toHaveText(topic);

  // The interviewer's content, read-only; the manager's notes are not there at all.
  await expect(page.getByTestId('field-reviewSummary')).toContainText('全年产量稳定超额完成');
  await expect(page.getByTestId('field-kpis').getByTestId('kpi-weighted-score')).toHaveText('86');
  await expect(page.getByTestId('field-reviewSummary')).toHaveAttribute('data-editable', 'false');
  await expect(page.getByTestId('field-managerNotes')).toHaveCount(0);
  await expect(page.getByText('主管备注')).toHaveCount(0);
  await expect(page.getByText('可考虑下半年晋升班组长')).toHaveCount(0);
  await expect(page.getByText('仅主管与HR可见')).toHaveCount(0);

  await textArea(page, 'employeeFeedback').fill('认可全年评价，合格率的问题我会重点改进。');
  expect(
    await send(
      page,
      page.getByTestId('record-feedback-save'),
      'PUT',
      /^\/api\/records\/[^/]+\/feedback$/,
    ),
  ).toBe(200);
  await expect(page.getByTestId('autosave-status')).toContainText('已于');
  await expectNoOverflow(page);

  await page.getByTestId('record-return').click();
  await page.getByTestId('return-comment').fill(RETURN_COMMENT);
  expect(
    await send(
      page,
      page.getByTestId('record-return-send'),
      'POST',
      /^\/api\/records\/[^/]+\/return$/,
    ),
  ).toBe(200);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('record-return')).toHaveCount(0);
  // What it sent back stays readable, marked as being revised by the interviewer.
  await expect(page.getByTestId('record-revising')).toBeVisible();
  await expect(page.getByTestId('field-employeeFeedback')).toContainText(
    '合格率的问题我会重点改进',
  );

  await page.goto('/');
  await expect(todoItem(page, 'respond')).toHaveCount(0);
});

test('the manager reads the comment, corrects a KPI and submits again', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto('/');
  const draft = todoItem(page, 'drafts');
  await expect(draft.getByTestId('record-sent-back')).toBeVisible();
  await draft.getByRole('link', { name: topic }).click();
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('return-comment-alert')).toContainText(RETURN_COMMENT);
  await expect(page.getByTestId('field-employeeFeedback')).toContainText(
    '合格率的问题我会重点改进',
  );

  const kpis = page.getByTestId('field-kpis');
  await kpis.getByTestId('kpi-actual').nth(1).fill('98.6%');
  await kpis.getByTestId('kpi-score').nth(1).fill('85');
  // 60% × 90 + 40% × 85
  await expect(kpis.getByTestId('kpi-weighted-score')).toHaveText('88');
  await expectNoOverflow(page);

  // one confirmation, with what the employee will see
  await page.getByTestId('record-submit').click();
  expect(
    await send(
      page,
      page.getByTestId('record-submit-send'),
      'POST',
      /^\/api\/records\/[^/]+\/submit$/,
    ),
  ).toBe(200);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
  await expect(page.getByTestId('return-comment-alert')).toHaveCount(0);
  await expect(page.getByTestId('field-kpis')).toContainText('98.6%');
});

test('two tabs edit the same draft: the second save shows both versions', async ({
  newWatchedContext,
  allowHttpError,
}) => {
  const context = await newWatchedContext({ storageState: managerState });
  const first = await context.newPage();
  await first.goto(recordUrl);
  // Back to a draft, so that it can be edited again.
  await first.getByTestId('record-withdraw').click();
  const withdrawn = answer(first, 'POST', /^\/api\/records\/[^/]+\/withdraw$/);
  await first
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /撤\s?回/ })
    .click();
  expect((await withdrawn).status()).toBe(200);
  await expect(first.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');

  const second = await context.newPage();
  await second.goto(recordUrl);
  await expect(second.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');
  await expect(textArea(second, 'consensus')).toBeEditable();

  await textArea(first, 'consensus').fill('双方同意把合格率作为下半年的重点。');
  expect(await send(first, first.getByTestId('record-save'), 'PUT', RECORD_PATH)).toBe(200);
  await expect(first.getByTestId('autosave-status')).toContainText('已于');

  // The second tab still edits the version it read: its save is refused with 412.
  allowHttpError({ status: 412, path: RECORD_PATH });
  await textArea(second, 'trackingPlan').fill('每月质检报告出来后一起复盘。');
  expect(await send(second, second.getByTestId('record-save'), 'PUT', RECORD_PATH)).toBe(412);
  const conflict = second.getByTestId('conflict-dialog');
  await expect(conflict).toBeVisible();
  // Mine, beside the saved version of the same field; the other tab's change is named.
  await expect(conflict.getByTestId('conflict-row')).toContainText(['跟踪计划']);
  await expect(conflict).toContainText('每月质检报告出来后一起复盘。');
  await expect(conflict).toContainText('以下内容只有对方修改');
  await expect(conflict).toContainText('双方共识');

  // Keeping mine saves it on top of the other tab's version: nothing is lost.
  expect(await send(second, second.getByTestId('conflict-keep-mine'), 'PUT', RECORD_PATH)).toBe(
    200,
  );
  await expect(conflict).toBeHidden();
  await expect(textArea(second, 'consensus')).toHaveValue('双方同意把合格率作为下半年的重点。');
  await expect(textArea(second, 'trackingPlan')).toHaveValue('每月质检报告出来后一起复盘。');
});

/** A direct report of the manager, other than the demo employee, whom a pinyin search finds. */
async function colleagueToMention(page: Page): Promise<{ name: string; pinyin: string }> {
  const own = await page.request.get(`/api/directory/employees/${manager.id}`);
  expect(own.status()).toBe(200);
  const { directReports } = (await own.json()) as { directReports: { id: string }[] };
  for (const report of directReports.filter((r) => r.id !== employee.id)) {
    const profile = await page.request.get(`/api/directory/employees/${report.id}`);
    const { name, namePinyin } = (await profile.json()) as { name: string; namePinyin: string };
    const pinyin = namePinyin.replace(/[^a-z]/gi, '').toLowerCase();
    const people = await page.request.get('/api/people', { params: { q: pinyin } });
    const { items } = (await people.json()) as { items: { id: string }[] };
    if (items.some((p) => p.id === report.id)) return { name, pinyin };
  }
  throw new Error('no direct report of the manager is found by pinyin');
}

/**
 * Takes the offered colleague `name` with the keyboard, as a user of the mention list would: down
 * the list until that name is the active entry, then Enter.
 */
async function pickMention(page: Page, input: Locator, name: string): Promise<void> {
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.filter({ hasText: name }).first()).toBeVisible();
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    const active = options.and(page.locator('[aria-selected="true"]'));
    if (((await active.textContent()) ?? '').includes(name)) break;
    await input.press('ArrowDown');
  }
  await expect(options.and(page.locator('[aria-selected="true"]'))).toContainText(name);
  await input.press('Enter');
}

let colleague = { name: '', pinyin: '' };
const NOTE = '他提到想转岗做质检，下次单独聊。';
const MANAGER_COMMENT = '已按你的意见更正，请再看一下。';
const EMPLOYEE_COMMENT = '看过了，没有问题。';

test('the manager mentions a colleague, keeps a private note, comments and submits', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  colleague = await colleagueToMention(page);
  await page.goto(recordUrl);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');

  // "@" and the pinyin offer the colleague; choosing one shows the name, the id stays hidden.
  const responsible = textArea(page, 'responsible');
  await responsible.click();
  await responsible.pressSequentially(`@${colleague.pinyin}`);
  await pickMention(page, responsible, colleague.name);
  await expect(responsible).toHaveValue(`@${colleague.name} `);
  await responsible.pressSequentially('负责每月复盘');
  expect(await send(page, page.getByTestId('record-save'), 'PUT', RECORD_PATH)).toBe(200);

  // Private notes: the interviewer's only, and said to be so.
  const note = page.getByTestId('private-note');
  await expect(note).toContainText('仅自己可见，不属于正式记录');
  await note.getByTestId('private-note-input').fill(NOTE);
  expect(
    await send(
      page,
      note.getByTestId('private-note-save'),
      'PUT',
      /^\/api\/records\/[^/]+\/private-note$/,
    ),
  ).toBe(200);
  await expect(note).toContainText('更新于');

  // one confirmation, with what the employee will see
  await page.getByTestId('record-submit').click();
  expect(
    await send(
      page,
      page.getByTestId('record-submit-send'),
      'POST',
      /^\/api\/records\/[^/]+\/submit$/,
    ),
  ).toBe(200);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
  // Read back, the mention is a name, not markup.
  await expect(page.getByTestId('field-responsible').getByTestId('mention')).toHaveText(
    `@${colleague.name}`,
  );

  await page.getByTestId('comments-tab').click();
  const comments = page.getByTestId('comments-panel');
  await expect(comments.getByTestId('collaborator')).toHaveText([colleague.name]);
  // A comment stays on the interviewer's side unless it is shared; the box says who reads it.
  await expect(comments.getByTestId('comment-readers')).toContainText('员工看不到');
  await comments.getByTestId('comment-audience').getByText('员工也可见').click();
  await expect(comments.getByTestId('comment-readers')).toContainText('以及员工本人');
  await comments.getByTestId('comment-input').locator('textarea').fill(MANAGER_COMMENT);
  expect(
    await send(
      page,
      comments.getByTestId('comment-send'),
      'POST',
      /^\/api\/records\/[^/]+\/comments$/,
    ),
  ).toBe(200);
  await expect(comments.getByTestId('comment-item')).toContainText([MANAGER_COMMENT]);
  await expectNoOverflow(page);
});

test('the employee follows the notice, reads the mention, comments and sees who viewed', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: employeeState })).newPage();
  await page.goto('/');
  const bell = page.getByTestId('inbox-bell');
  await expect(bell.locator('.ant-badge-count')).toBeVisible();
  await bell.click();
  await expect(
    page.locator('[data-testid="inbox-item"][data-kind="interview_planned"]').first(),
  ).toContainText(`${manager.name} 计划了一次与你的面谈`);
  const notice = page
    .locator('[data-testid="inbox-item"][data-kind="record_submitted"]')
    .filter({ hasText: topic })
    .first();
  await expect(notice).toHaveAttribute('data-read', 'false');
  await expectNoOverflow(page);
  const read = answer(page, 'POST', /^\/api\/inbox\/[^/]+\/read$/);
  await notice.click();
  expect((await read).status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${recordUrl}$`));
  await bell.click();
  await expect(notice).toHaveAttribute('data-read', 'true');
  await bell.click();

  await expect(page.getByTestId('field-responsible').getByTestId('mention')).toHaveText(
    `@${colleague.name}`,
  );
  // The manager's private notes are nowhere near the employee.
  await expect(page.getByTestId('private-note')).toHaveCount(0);
  await expect(page.getByText(NOTE)).toHaveCount(0);

  await page.getByTestId('comments-tab').click();
  const comments = page.getByTestId('comments-panel');
  await expect(comments.getByTestId('comment-item')).toContainText([MANAGER_COMMENT]);
  // The employee's comments always reach the interviewer's side: no choice to make.
  await expect(comments.getByRole('radio')).toHaveCount(0);
  await expect(comments.getByTestId('comment-readers')).toContainText('以及员工本人');
  await comments.getByTestId('comment-input').locator('textarea').fill(EMPLOYEE_COMMENT);
  expect(
    await send(
      page,
      comments.getByTestId('comment-send'),
      'POST',
      /^\/api\/records\/[^/]+\/comments$/,
    ),
  ).toBe(200);
  await expect(comments.getByTestId('comment-item')).toContainText([
    MANAGER_COMMENT,
    EMPLOYEE_COMMENT,
  ]);

  await page.getByTestId('viewers-tab').click();
  await expect(page.getByTestId('viewers-tab')).toHaveText('谁查看了我的记录');
  await expect(
    page.getByTestId('viewer-row').filter({ hasText: manager.name }).first(),
  ).toBeVisible();
  await expectNoOverflow(page);
});

test('the manager is told about the comment and clears the inbox', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto('/');
  const bell = page.getByTestId('inbox-bell');
  await bell.click();
  const notice = page
    .locator('[data-testid="inbox-item"][data-kind="commented"]')
    .filter({ hasText: topic })
    .first();
  await expect(notice).toContainText(`${employee.name} 评论了面谈记录`);
  await notice.click();
  await expect(page).toHaveURL(new RegExp(`${recordUrl}$`));

  await bell.click();
  const cleared = answer(page, 'POST', /^\/api\/inbox\/read-all$/);
  await page.getByTestId('inbox-read-all').click();
  expect((await cleared).status()).toBe(200);
  await expect(bell.locator('.ant-badge-count')).toHaveCount(0);
  await expect(page.locator('[data-testid="inbox-item"][data-read="false"]')).toHaveCount(0);
});

test('the manager plans from the employee profile for tomorrow, then cancels the plan', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(`/employees/${employee.id}`);
  await expect(page.getByTestId('profile-name')).toHaveText(employee.name);
  await page.getByTestId('profile-schedule').click();
  const dialog = page.getByRole('dialog');
  // The profile's employee is already chosen.
  await expect(dialog.getByTestId('schedule-employee')).toContainText(employee.name);
  await choose(page, dialog.getByTestId('schedule-template'), '月度沟通');
  const [today] = shanghaiNow().split(' ');
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  await typeDate(page, dialog.getByTestId('schedule-time'), `${tomorrow} 10:00`);
  await dialog.locator('.ant-radio-button-wrapper').filter({ hasText: '线上' }).click();
  await expect(dialog.getByRole('radio', { name: '线上' })).toBeChecked();
  await dialog.getByTestId('schedule-place').fill('https://meeting.example.com/m/123');
  expect(await send(page, dialog.getByTestId('schedule-submit'), 'POST', /^\/api\/schedule$/)).toBe(
    200,
  );
  await expect(dialog).toBeHidden();

  await page.goto('/');
  // No topic given: the plan is named after its template.
  const item = page
    .locator('[data-testid="todo-item"][data-section="planned"]')
    .filter({ hasText: '月度沟通' })
    .filter({ hasText: employee.name })
    .filter({ hasText: 'meeting.example.com/m/123' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('线上');
  await item.getByTestId('schedule-cancel').click();
  await page.getByTestId('cancel-reason').fill('改为线下面谈');
  const cancelled = answer(page, 'POST', /^\/api\/schedule\/[^/]+\/cancel$/);
  await page.getByRole('dialog').getByRole('button', { name: '确认取消' }).click();
  expect((await cancelled).status()).toBe(200);
  await expect(item).toHaveCount(0);
});
