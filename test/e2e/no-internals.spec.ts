import type { Locator, Page } from '@playwright/test';
import { IMPORT_COLUMNS } from '../../src/core/import.js';
import { apiAs, expect, expectNoOverflow, PASSWORD, pick, saveLogin, test } from './helpers.js';

/**
 * Nothing internal reaches the screen: the audit log's details in words with every id by name,
 * pickers that never announce an id, the import help from the parser's own column list, and
 * @mention suggestions that tell two people of one name apart by their department's path.
 */

/** a ULID (as the server makes ids) or a UUID */
const ID =
  /\b[0-9A-HJKMNP-TV-Z]{26}\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** a payload key: camelCase or snake_case */
const KEY = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b/;

let auditorState = '';
let hrState = '';
let managerState = '';
let recordId = '';
let twin = { team: '', name: '' };
let account = { username: '', department: '', region: '' };

function unique(project: string): string {
  return `${project === 'phone' ? 'p' : 'd'}${Date.now() % 1_000_000}`;
}

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const suffix = unique(testInfo.project.name);
  auditorState = testInfo.outputPath('auditor.json');
  await saveLogin(baseURL, 'auditor', auditorState);

  // entries of several kinds: a failed sign-in, a refusal, an account and a change of its roles
  const anonymous = await apiAs(baseURL, 'employee', testInfo.outputPath('employee.json'));
  expect((await anonymous.api.get('/api/audit')).status()).toBe(403);
  expect(
    (
      await anonymous.api.post('/api/auth/login', {
        data: { username: `nobody.${suffix}`, password: PASSWORD },
      })
    ).status(),
  ).toBe(401);
  await anonymous.api.dispose();

  const admin = await apiAs(baseURL, 'admin', testInfo.outputPath('admin.json'));
  const regions = (await (await admin.api.get('/api/org/regions')).json()) as {
    items: { id: string; name: string }[];
  };
  const departments = (await (await admin.api.get('/api/org/departments')).json()) as {
    items: { id: string; code: string; name: string }[];
  };
  const region = regions.items[0]!;
  const department = departments.items.at(-1)!;
  account = { username: `audit.${suffix}`, department: department.name, region: region.name };
  const created = await admin.api.post('/api/admin/users', {
    data: { username: account.username, displayName: `审计样例${suffix}`, password: PASSWORD },
  });
  expect(created.status()).toBe(200);
  const userId = ((await created.json()) as { id: string }).id;
  const roles = await admin.api.put(`/api/admin/users/${userId}/roles`, {
    data: {
      roles: [
        { role: 'hr', scopeKind: 'department', departmentId: department.id },
        { role: 'executive', scopeKind: 'region', regionId: region.id },
      ],
    },
  });
  expect(roles.status()).toBe(200);
  await admin.api.dispose();

  // two people of one name in two teams of one name, for the @mention suggestions
  const hr = await apiAs(baseURL, 'hr', testInfo.outputPath('hr.json'));
  hrState = testInfo.outputPath('hr.json');
  const byName = new Map<string, { code: string }[]>();
  for (const d of departments.items) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
  const [team, pair] = [...byName].find(([, same]) => same.length > 1)!;
  twin = { team, name: `欧阳同名${testInfo.project.name === 'phone' ? '乙' : '甲'}` };
  const csv = [
    '工号,姓名,部门编码',
    ...pair.slice(0, 2).map((d, i) => `TW${suffix}${i},${twin.name},${d.code}`),
  ].join('\n');
  const file = { name: 'twins.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const preview = await hr.api.post('/api/org/import/preview', { multipart: { file } });
  expect(preview.status()).toBe(200);
  const token = ((await preview.json()) as { token: string }).token;
  expect(
    (await hr.api.post(`/api/org/import?token=${token}`, { multipart: { file } })).status(),
  ).toBe(200);
  await hr.api.dispose();

  // a record of the manager's, to comment on
  const manager = await apiAs(baseURL, 'manager', testInfo.outputPath('manager.json'));
  managerState = testInfo.outputPath('manager.json');
  const people = (await (await manager.api.get('/api/directory/employees?limit=5')).json()) as {
    items: { id: string }[];
  };
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const record = await manager.api.post('/api/records', {
    data: {
      employeeId: people.items.find((e) => e.id !== manager.user.employeeId)!.id,
      templateId: templates.items.find((t) => t.code === 'monthly-check-in')!.id,
      topic: `提及测试 ${suffix}`,
      interviewAt: new Date().toISOString(),
      place: '一车间会议室',
      placeKind: 'room',
      content: {},
    },
  });
  expect(record.status()).toBe(200);
  recordId = ((await record.json()) as { id: string }).id;
  expect((await manager.api.get(`/api/records/${recordId}`)).status()).toBe(200);
  await manager.api.dispose();
});

/** Opens the details of the newest entry of one action and answers what they say. */
async function detailsOf(page: Page, action: string): Promise<string> {
  await pick(page, 'audit-action-filter', action);
  const table = page.getByTestId('audit-table');
  const row = table.locator('tbody tr.ant-table-row').first();
  await expect(row).toContainText(action);
  await row.locator('.ant-table-row-expand-icon').click();
  const payload = table.getByTestId('audit-payload').first();
  await expect(payload).toBeVisible();
  const text = (await payload.innerText()).replace(/\s+/g, ' ');
  expect(text, action).not.toMatch(/[{}"]/);
  expect(text, action).not.toMatch(ID);
  expect(text, action).not.toMatch(KEY);
  await expectNoOverflow(page);
  // collapsed again, so that the next action's first row is the one opened
  await row.locator('.ant-table-row-expand-icon').click();
  return text;
}

test('the auditor reads each entry kind in words, every id by name, in both languages', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: auditorState })).newPage();
  await page.goto('/audit');
  await expect(
    page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first(),
  ).toBeVisible();

  const roles = await detailsOf(page, '修改角色');
  expect(roles).toContain('原角色: 仅员工身份');
  expect(roles).toContain(`人力资源 · ${account.department}`);
  expect(roles).toContain(`高管 · ${account.region}`);
  expect(await detailsOf(page, '组织导入')).toContain('员工: 新增 2，更新 0');
  expect(await detailsOf(page, '创建账号')).toContain(`用户名: ${account.username}`);
  expect(await detailsOf(page, '登录失败')).toContain('原因: 用户名或密码错误');
  const denied = await detailsOf(page, '访问被拒绝');
  expect(denied).toContain('原因: 没有权限执行此操作');
  expect(denied).toContain('请求: GET /api/audit');
  expect(await detailsOf(page, '更改面谈记录')).toMatch(
    /状态: (草稿|待员工确认|员工已签署|双方已签署|员工拒签|已归档) → /,
  );
  expect(await detailsOf(page, '创建面谈记录')).toMatch(/员工: \S+ 模板: 「.+」第 \d+ 版/);
  expect(await detailsOf(page, '查看面谈记录')).toMatch(/查看内容: (全部内容|员工可见的部分)/);
  await expectNoOverflow(page);

  await page.evaluate(() => localStorage.setItem('miantan.language', 'en-US'));
  await page.reload();
  const english = await detailsOf(page, 'Roles changed');
  expect(english).toContain('Roles before: Employee only');
  expect(await detailsOf(page, 'Failed sign-in')).toContain('Wrong username or password');
  await expectNoOverflow(page);
});

/**
 * What a screen reader can be told about the open picker: its accessibility tree, every live
 * region of the page, and every accessible name or title.
 */
async function accessibleText(page: Page): Promise<string> {
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await expect(dropdown).toBeVisible();
  const tree = await dropdown.ariaSnapshot();
  const live = await page
    .locator('[aria-live]')
    .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
  const names = await page
    .locator('[aria-label], [title], [aria-valuetext]')
    .evaluateAll((nodes) =>
      nodes.flatMap((n) =>
        ['aria-label', 'title', 'aria-valuetext'].map((a) => n.getAttribute(a) ?? ''),
      ),
    );
  return [tree, ...live, ...names].join('\n');
}

async function openPicker(page: Page, picker: Locator): Promise<void> {
  await picker.click();
  // the keyboard moves the active option, which is what is announced
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
}

test('pickers tell screen readers names, never ids', async ({ newWatchedContext }) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  await page.goto('/directory');
  const filters = page.locator('.ant-select, .ant-tree-select');

  const department = page.locator('.ant-tree-select').first();
  await openPicker(page, department);
  const departments = await accessibleText(page);
  expect(departments).not.toMatch(ID);
  // the live region announces the active department by its name
  const live = await page
    .locator('.ant-select-dropdown:visible [aria-live]')
    .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? '').join(''));
  expect(live).not.toBe('');
  expect(departments).toContain(live);
  await page.keyboard.press('Enter');
  await expect(department).not.toContainText(ID);
  expect(
    await page.locator('[aria-live]').evaluateAll((n) => n.map((e) => e.textContent).join()),
  ).not.toMatch(ID);

  for (const label of ['区域', '职位']) {
    await page.keyboard.press('Escape');
    await openPicker(page, filters.filter({ hasText: label }).first());
    expect(await accessibleText(page), label).not.toMatch(ID);
    await page.keyboard.press('Enter');
    expect(
      await page.locator('[aria-live]').evaluateAll((n) => n.map((e) => e.textContent).join()),
      label,
    ).not.toMatch(ID);
  }
});

test('the import help lists every column the parser reads, 英文名称 included', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  await page.goto('/import');
  for (const kind of ['departments', 'employees'] as const) {
    const help = page.getByTestId(`import-columns-${kind}`);
    const rows = help.locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(Object.keys(IMPORT_COLUMNS[kind]).length);
    for (const column of Object.values(IMPORT_COLUMNS[kind]))
      await expect(help).toContainText(column.headers.join(' / '));
  }
  await expect(page.getByTestId('import-columns-departments')).toContainText('英文名称');
  await expectNoOverflow(page);
});

test('two people of one name in teams of one name are told apart in the @mention suggestions', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(`/records/${recordId}`);
  await page.getByTestId('comments-tab').click();
  const input = page.getByTestId('comment-input').locator('textarea');
  await input.click();
  await input.pressSequentially(`@${twin.name}`);
  const options = page.getByTestId('comment-input').getByRole('option');
  await expect(options).toHaveCount(2);
  const paths = await options.getByTestId('department-path').allInnerTexts();
  for (const path of paths) expect(path.replace(/\s+/g, ' ')).toContain(twin.team);
  expect(paths[0]).not.toBe(paths[1]);
  for (const option of await options.all()) await expect(option).toContainText(twin.name);
  await expectNoOverflow(page);
});
