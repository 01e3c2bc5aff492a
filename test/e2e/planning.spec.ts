import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { nextWorkingSlot } from '../../src/core/time.js';
import {
  answer,
  employeesOfDepartment,
  expect,
  expectNoOverflow,
  saveLogin,
  searchInDirectory,
  test,
  type EmployeeSummary,
} from './helpers.js';

/**
 * Planning as a workshop supervisor does it, at 1440 px and at 375 px: the employee picker offers
 * the team, the default time is the next working slot, a past time is confirmed, a planned
 * interview is moved or cancelled with a reason the employee reads; departments show their path.
 */
test.describe.configure({ mode: 'serial' });

let managerState = '';
let employeeState = '';
let hrState = '';
let employee = { id: '', name: '' };

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  managerState = testInfo.outputPath('manager.json');
  employeeState = testInfo.outputPath('employee.json');
  hrState = testInfo.outputPath('hr.json');
  await saveLogin(baseURL, 'manager', managerState);
  await saveLogin(baseURL, 'hr', hrState);
  const session = await saveLogin(baseURL, 'employee', employeeState);
  employee = { id: session.user.employeeId!, name: session.user.displayName };
});

/** The next answer to `method path` (path as a pattern over the URL's pathname). */
/** Shanghai wall time `YYYY-MM-DDTHH:mm` as the pickers show it. */
const shown = (wall: string) => wall.replace('T', ' ');

/** Types a date and time into an antd picker and confirms it with Enter. */
async function typeDate(page: Page, input: Locator, value: string): Promise<void> {
  await page.mouse.move(0, 0);
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

/** Picks the option `label` of an antd Select by typing it and taking the active option. */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await select.locator('input').fill(label);
  await expect(
    page.locator('.ant-select-dropdown .ant-select-item-option-active').filter({ hasText: label }),
  ).toHaveCount(1);
  await select.locator('input').press('Enter');
  await expect(select).toContainText(label);
}

/** A weekday some days ahead, as `YYYY-MM-DD` in Shanghai. */
function weekdayAhead(days: number): string {
  let t = Date.now() + 8 * 3_600_000 + days * 86_400_000;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

async function templateId(request: APIRequestContext, code: string): Promise<string> {
  const { items } = (await (await request.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  return items.find((t) => t.code === code)!.id;
}

test('the picker offers the manager’s team before anything is typed, and says when nothing matches', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto('/');
  // the team is asked for as the dialog opens, so that it is there on the first tap
  const team = answer(page, 'GET', /^\/api\/directory\/employees$/);
  await page.getByTestId('schedule-new').click();
  const dialog = page.getByRole('dialog');
  const picker = dialog.getByTestId('schedule-employee');
  await picker.click();
  const answered = await team;
  const request = new URL(answered.url());
  expect(request.searchParams.get('team')).toBe('mine');
  expect(request.searchParams.get('q')).toBeNull();
  // the whole workshop, the demo employee among them
  const { items } = (await answered.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThan(20);
  expect(items.map((e) => e.id)).toContain(employee.id);
  // each shown with the path of its department (the list is virtual: the first ones are drawn)
  const options = page.locator('.ant-select-dropdown .ant-select-item-option');
  await expect(options).not.toHaveCount(0);
  for (const path of await options.getByTestId('department-path').all())
    await expect(path).toHaveAttribute('title', /^华东 \/ 上海制造基地 \/ 一车间/);
  await expectNoOverflow(page);

  await picker.locator('input').fill('zzqxw');
  await expect(page.getByTestId('employee-picker-empty')).toHaveText(
    '没有找到“zzqxw”，请换个姓名、拼音或工号试试',
  );
  // a search finds the employee, shown with its department's path
  await picker.locator('input').fill(employee.name);
  await expect(
    options.filter({ hasText: employee.name }).first().getByTestId('department-path'),
  ).toHaveAttribute('title', '华东 / 上海制造基地 / 一车间 / 一车间甲班组');
});

test('the default time is the next working slot, the picker steps by 15 minutes, and a past time is confirmed', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto('/');
  const before = nextWorkingSlot(new Date());
  await page.getByTestId('schedule-new').click();
  const after = nextWorkingSlot(new Date());
  const dialog = page.getByRole('dialog');
  const time = dialog.getByTestId('schedule-time');
  expect([shown(before), shown(after)]).toContain(await time.inputValue());
  const [, clock] = (await time.inputValue()).split(' ');
  const [hour, minute] = clock!.split(':').map(Number) as [number, number];
  expect(minute % 15).toBe(0);
  expect(hour).toBeGreaterThanOrEqual(9);
  expect(hour).toBeLessThan(18);

  // the time column offers quarter hours only
  await time.click();
  const minutes = page.locator('.ant-picker-time-panel-column').nth(1);
  await expect(minutes.locator('.ant-picker-time-panel-cell')).toHaveText(['00', '15', '30', '45']);
  await page.keyboard.press('Escape');

  await choose(page, dialog.getByTestId('schedule-employee'), employee.name);
  await choose(page, dialog.getByTestId('schedule-template'), '月度沟通');
  const topic = `补录 ${test.info().project.name} ${Date.now()}`;
  await dialog.getByTestId('schedule-topic').fill(topic);
  const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await typeDate(page, time, `${yesterday} 10:00`);
  await dialog.getByTestId('schedule-place').fill('车间办公室');

  let posted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/schedule') posted++;
  });
  await dialog.getByTestId('schedule-submit').click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText('面谈时间已过，仍然保存？');
  await expectNoOverflow(page);
  await confirm.getByRole('button', { name: '返回修改' }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByTestId('schedule-submit')).toBeVisible();
  expect(posted).toBe(0);

  const saved = answer(page, 'POST', /^\/api\/schedule$/);
  await dialog.getByTestId('schedule-submit').click();
  await page.getByTestId('past-time-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('schedule-submit')).toBeHidden();
  await expect(
    page.locator('[data-testid="todo-item"][data-section="overdue"]').filter({ hasText: topic }),
  ).toHaveCount(1);
});

test('a planned interview is rescheduled, then cancelled with a reason; the employee is told both', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ storageState: managerState });
  const page = await context.newPage();
  const topic = `改期与取消 ${test.info().project.name} ${Date.now()}`;
  const planned = await page.request.post('/api/schedule', {
    data: {
      employeeId: employee.id,
      templateId: await templateId(page.request, 'monthly-check-in'),
      topic,
      scheduledAt: `${weekdayAhead(3)}T10:00:00+08:00`,
      place: '车间办公室',
      placeKind: 'room',
    },
    headers: { 'x-csrf-token': await csrf(page) },
  });
  expect(planned.status()).toBe(200);

  await page.goto('/');
  const item = page.locator('[data-testid="todo-item"]').filter({ hasText: topic });
  await expect(item).toHaveCount(1);
  await item.getByTestId('schedule-reschedule').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('reschedule-place')).toHaveValue('车间办公室');
  const newDay = weekdayAhead(5);
  await typeDate(page, dialog.getByTestId('reschedule-time'), `${newDay} 14:30`);
  await dialog.getByTestId('reschedule-place').fill('一号楼 301 会议室');
  await expectNoOverflow(page);
  const moved = answer(page, 'POST', /^\/api\/schedule\/[^/]+\/reschedule$/);
  await dialog.getByTestId('reschedule-submit').click();
  const response = await moved;
  expect(response.status()).toBe(200);
  expect(response.request().headers()['if-match']).toBe('"1"');
  await expect(dialog).toBeHidden();
  await expect(item).toContainText('一号楼 301 会议室');
  const [, month, day] = newDay.split('-').map(Number);
  await expect(item).toContainText(`${month}月${day}日 14:30`);
  await expect(item.getByTestId('schedule-rescheduled')).toHaveText('已改期');

  // cancelling asks why, with buttons that say what they do
  await item.getByTestId('schedule-cancel').click();
  const cancel = page.getByRole('dialog');
  await expect(cancel.getByRole('button', { name: '确认取消' })).toBeVisible();
  await expect(cancel.getByRole('button', { name: /^保\s?留$/ })).toBeVisible();
  await cancel.getByRole('button', { name: '确认取消' }).click();
  await expect(cancel).toContainText('请填写取消原因');
  await cancel.getByRole('button', { name: /^保\s?留$/ }).click();
  await expect(cancel).toBeHidden();
  await expect(item).toHaveCount(1);

  await item.getByTestId('schedule-cancel').click();
  const reason = '产线设备检修，下周再约';
  await page.getByTestId('cancel-reason').fill(reason);
  await expectNoOverflow(page);
  const cancelled = answer(page, 'POST', /^\/api\/schedule\/[^/]+\/cancel$/);
  await page.getByTestId('cancel-confirm').click();
  expect((await cancelled).status()).toBe(200);
  await expect(item).toHaveCount(0);

  const employeePage = await (await newWatchedContext({ storageState: employeeState })).newPage();
  await employeePage.goto('/');
  await employeePage.getByTestId('inbox-bell').click();
  const notices = employeePage.locator('[data-testid="inbox-item"]').filter({ hasText: topic });
  await expect(
    notices.and(employeePage.locator('[data-kind="interview_rescheduled"]')),
  ).toContainText('将与你的面谈改期');
  const cancelNotice = notices.and(employeePage.locator('[data-kind="interview_cancelled"]'));
  await expect(cancelNotice.getByTestId('inbox-item-reason')).toHaveText(`原因：${reason}`);
  await expectNoOverflow(employeePage);
});

/** The CSRF token of the signed-in session of `page`. */
async function csrf(page: Page): Promise<string> {
  const session = await page.request.get('/api/auth/session');
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

test('two departments of the same name are told apart by their path, whole at 375 px', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  const shanghai = (await employeesOfDepartment(page.request, 'SH-W1-T1'))[3]!;
  const suzhou = (await employeesOfDepartment(page.request, 'SH2-W1-T1'))[3]!;

  await page.goto('/directory');
  for (const [person, site] of [
    [shanghai, '上海制造基地'],
    [suzhou, '苏州制造基地'],
  ] as [EmployeeSummary, string][]) {
    await searchInDirectory(page, person.employeeNo);
    const path = page.getByTestId('directory-row').first().getByTestId('department-path');
    await expect(path).toHaveAttribute('title', `华东 / ${site} / 一车间 / 一车间甲班组`);
    await expectWhole(path.locator('.department-path-name'), '一车间甲班组');
    await expectNoOverflow(page);
  }

  // the profile and the records list show the same path
  await page.goto(`/employees/${suzhou.id}`);
  const profilePath = page.getByTestId('department-path');
  await expect(profilePath).toHaveAttribute('title', '华东 / 苏州制造基地 / 一车间 / 一车间甲班组');
  await expect(profilePath).toContainText('苏州制造基地');
  await expectWhole(profilePath.locator('.department-path-name'), '一车间甲班组');
  await expectNoOverflow(page);
});

/** The element shows all of `text`: nothing cut by an ellipsis or the screen's edge. */
async function expectWhole(locator: Locator, text: string): Promise<void> {
  await expect(locator).toHaveText(text);
  const box = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { cut: el.scrollWidth > el.clientWidth, right: r.right, width: window.innerWidth };
  });
  expect(box.cut, `${text} is cut`).toBe(false);
  expect(box.right).toBeLessThanOrEqual(box.width);
}

test('the demo organisation has a past: two years of interviews in the records list', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  const records = answer(page, 'GET', /^\/api\/records$/);
  await page.goto('/records');
  const body = (await (await records).json()) as {
    items: { interviewAt: string; employee: { departmentPath: string[] } }[];
  };
  expect(body.items.length).toBeGreaterThanOrEqual(20);
  // The list starts with the newest (and with what other tests planned); the past is a filter away.
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
  const past = await page.request.get('/api/records', { params: { to: yearAgo } });
  expect(past.status()).toBe(200);
  const older = (await past.json()) as { items: unknown[]; total: { count: number } };
  expect(older.total.count).toBeGreaterThanOrEqual(10);
  // every one from the manager's own workshop, shown by its path
  for (const r of body.items)
    expect(r.employee.departmentPath.slice(0, 3)).toEqual(['华东', '上海制造基地', '一车间']);
  const paths = page.locator('.ant-table-row').getByTestId('department-path');
  if (test.info().project.name === 'desktop') await expect(paths.first()).toBeVisible();
  await expectNoOverflow(page);
});

test('in English the planning words fit too: reschedule, cancel with Confirm cancellation / Keep', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ storageState: managerState });
  await context.addInitScript(() => {
    // the blank page a context starts on has no storage; the app's pages do
    if (location.protocol.startsWith('http')) localStorage.setItem('miantan.language', 'en-US');
  });
  const page = await context.newPage();
  const topic = `English ${test.info().project.name} ${Date.now()}`;
  const planned = await page.request.post('/api/schedule', {
    data: {
      employeeId: employee.id,
      templateId: await templateId(page.request, 'monthly-check-in'),
      topic,
      scheduledAt: `${weekdayAhead(2)}T16:15:00+08:00`,
      place: 'Workshop office',
      placeKind: 'room',
    },
    headers: { 'x-csrf-token': await csrf(page) },
  });
  expect(planned.status()).toBe(200);
  await page.goto('/');
  const item = page.locator('[data-testid="todo-item"]').filter({ hasText: topic });
  await expect(item.getByTestId('schedule-reschedule')).toHaveText('Reschedule');
  await expectNoOverflow(page);
  await item.getByTestId('schedule-cancel').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('cancel-confirm')).toHaveText('Confirm cancellation');
  await expect(dialog.getByTestId('cancel-keep')).toHaveText('Keep');
  await expectNoOverflow(page);
  await dialog.getByTestId('cancel-keep').click();
  await expect(item).toHaveCount(1);

  await page.getByTestId('schedule-new').click();
  const picker = page.getByRole('dialog').getByTestId('schedule-employee');
  await picker.locator('input').fill('zzqxw');
  await expect(page.getByTestId('employee-picker-empty')).toHaveText(
    'No one found for “zzqxw”; try another name, pinyin or employee no.',
  );
  await expectNoOverflow(page);
});
