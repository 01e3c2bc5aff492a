import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { apiAs, expect, expectNoOverflow, isNarrow, pick, saveLogin, test } from './helpers.js';

/**
 * The HR tools as HR and the auditor use them: the audit page in words, the organisation import
 * with its template and preview, the template builder, and the records list's filters.
 */
let hrState = '';
let auditorState = '';
let recordOf = { id: '', employeeName: '', topic: '' };

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  hrState = testInfo.outputPath('hr.json');
  auditorState = testInfo.outputPath('auditor.json');
  await saveLogin(baseURL, 'hr', hrState);
  await saveLogin(baseURL, 'auditor', auditorState);
  // a record the auditor will find in the log: created and viewed by its interviewer
  const manager = await apiAs(baseURL, 'manager', testInfo.outputPath('manager.json'));
  const team = (await (await manager.api.get('/api/directory/employees?limit=5')).json()) as {
    items: { id: string; name: string }[];
  };
  const employee = team.items.find((e) => e.id !== manager.user.employeeId)!;
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const topic = `保密主题 ${testInfo.project.name} ${Date.now()}`;
  const created = await manager.api.post('/api/records', {
    data: {
      employeeId: employee.id,
      templateId: templates.items.find((t) => t.code === 'monthly-check-in')!.id,
      topic,
      interviewAt: new Date().toISOString(),
      place: '一车间会议室',
      placeKind: 'room',
      content: {},
    },
  });
  expect(created.status()).toBe(200);
  recordOf = {
    id: ((await created.json()) as { id: string }).id,
    employeeName: employee.name,
    topic,
  };
  expect((await manager.api.get(`/api/records/${recordOf.id}`)).status()).toBe(200);
  await manager.api.dispose();
});

test('the auditor reads every action in words and every target by name, never ids or content', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: auditorState })).newPage();
  await page.goto('/audit');
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await pick(page, 'audit-action-filter', '创建面谈记录');
  const row = table.locator('tbody tr.ant-table-row', { hasText: '创建面谈记录' }).first();
  await expect(row).toBeVisible();
  const target = `${recordOf.employeeName}的面谈记录`;
  if (isNarrow(page)) {
    // the target column gives way on a phone; the row's details carry it
    await row.locator('.ant-table-row-expand-icon').click();
    await expect(table.locator('.audit-details').first()).toContainText(target);
  } else {
    await expect(row).toContainText(target);
  }
  await pick(page, 'audit-action-filter', '查看面谈记录');
  await expect(table.locator('tbody tr.ant-table-row').first()).toContainText('查看面谈记录');
  const text = (await table.innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/\b(record|user|template|schedule)[.:]/);
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(text).not.toContain(recordOf.topic);
  await expectNoOverflow(page);
});

test('HR downloads the import template, sees errors in its own words, previews and then confirms an import', async ({
  newWatchedContext,
  allowHttpError,
}, testInfo) => {
  allowHttpError({ status: 422, path: '/api/org/import/preview' });
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  await page.goto('/import');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('import-template').click();
  const download = await downloading;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['部门', '员工']);
  expect((workbook.getWorksheet('员工')!.getRow(1).values as unknown[]).filter(Boolean)).toContain(
    '部门编码',
  );

  const input = page.locator('input[type="file"]');
  const no = `T${testInfo.project.name === 'phone' ? 'P' : 'D'}${Date.now() % 1_000_000}`;
  const csv = (department: string) =>
    `工号,姓名,部门编码,职位\n${no},预览测试员,${department},质检员\n`;
  await input.setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv('NOPE')),
  });
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('第 2 行');
  await expect(errors).toContainText('部门编码');
  await expect(errors).toContainText('NOPE');
  await expect(errors).not.toContainText('department_code');
  await expect(errors).not.toContainText('csv');

  await input.setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv('SH-W1')),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-new-employees')).toContainText('预览测试员');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await expectNoOverflow(page);
  const search = async () =>
    (
      (await (await page.request.get(`/api/directory/employees?q=${no}`)).json()) as {
        items: unknown[];
      }
    ).items.length;
  // the preview wrote nothing
  expect(await search()).toBe(0);
  await preview.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await search()).toBe(1);
});

test('HR builds a Chinese-only template with keys out of sight, reorders fields and is taken to the field in error', async ({
  newWatchedContext,
}, testInfo) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  await page.goto('/templates/new');
  const name = `班组晨会 ${testInfo.project.name} ${Date.now()}`;
  await page.getByTestId('template-name-zh').fill(name);
  await page.getByTestId('builder-section-title-zh').fill('本周情况');
  const fields = page.getByTestId('builder-field');
  await fields.nth(0).getByTestId('builder-field-label-zh').fill('总体评价');
  await page.getByTestId('builder-add-field').click();
  await fields.nth(1).getByTestId('builder-field-label-zh').fill('改进建议');

  // keys are generated and hidden until asked for
  await expect(page.getByTestId('builder-field-key')).toHaveCount(0);
  await page.getByTestId('builder-show-keys').click();
  await expect(page.getByTestId('builder-field-key').nth(0)).toHaveValue('field1');
  await expect(page.getByTestId('builder-field-key').nth(1)).toHaveValue('field2');
  await page.getByTestId('builder-show-keys').click();
  await expect(page.getByTestId('builder-field-key')).toHaveCount(0);

  // the second field moves to the top: dragged by its handle, or with its button on a phone
  if (isNarrow(page)) {
    await fields.nth(1).getByRole('button', { name: '上移' }).click();
  } else {
    // both in the window: the drag starts at the second field's handle, ends on the first's header
    await fields.nth(0).evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await fields
      .nth(1)
      .getByTestId('builder-drag-handle')
      .dragTo(fields.nth(0), { targetPosition: { x: 40, y: 20 } });
  }
  await expect(fields.nth(0).getByTestId('builder-field-label-zh')).toHaveValue('改进建议');
  await expect(fields.nth(1).getByTestId('builder-field-label-zh')).toHaveValue('总体评价');

  // a missing label: the summary names it and takes the user to its input
  await fields.nth(1).getByTestId('builder-field-label-zh').fill('');
  await page.getByTestId('template-builder-save').click();
  const link = page.getByTestId('template-issue-link');
  await expect(link).toHaveCount(1);
  await expect(link).toContainText('字段 2');
  await link.click();
  const label = fields.nth(1).getByTestId('builder-field-label-zh');
  await expect(label).toBeFocused();
  await expect(label).toBeInViewport();
  await label.fill('总体评价');
  await expectNoOverflow(page);

  const saved = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/templates',
  );
  await page.getByTestId('template-builder-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('template-title')).toContainText(name);

  // in English, the Chinese stands in for the English left out
  await page.evaluate(() => localStorage.setItem('miantan.language', 'en-US'));
  await page.reload();
  await expect(page.getByTestId('template-title')).toContainText(name);
  await expect(page.getByText('改进建议').first()).toBeVisible();
  await page.evaluate(() => localStorage.setItem('miantan.language', 'zh-CN'));
});

test('the records list counts what its filters find; filters apply on 查询 and clear on 重置 (in a drawer on a phone)', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  const totalOf = async (query: string) =>
    (
      (await (await page.request.get(`/api/records?limit=1${query}`)).json()) as {
        total: { count: number };
      }
    ).total.count.toLocaleString('zh-CN');
  const all = await totalOf('');
  await page.goto('/records');
  const total = page.getByTestId('records-total');
  await expect(total).toHaveText(`共 ${all} 条`);

  const open = async () => {
    if (!isNarrow(page)) return page.getByTestId('records-filter-bar');
    await expect(page.getByTestId('records-filter-bar')).toHaveCount(0);
    await page.getByTestId('records-filters-open').click();
    const drawer = page.getByRole('dialog');
    await expect(drawer).toBeVisible();
    return drawer;
  };

  let filters = await open();
  await filters.getByTestId('records-topic-filter').fill('没有这个主题');
  // typing alone changes nothing: the list waits for 查询
  await page.waitForTimeout(600);
  await expect(page).not.toHaveURL(/topic=/);
  await filters.getByTestId('records-query').click();
  await expect(page).toHaveURL(/topic=/);
  await expect(total).toHaveText('共 0 条');
  await expect(page.getByTestId('empty-state')).toContainText('没有符合条件的面谈记录');
  await expectNoOverflow(page);

  filters = await open();
  await filters.getByTestId('records-topic-filter').fill(recordOf.topic);
  await filters.getByTestId('records-query').click();
  await expect(total).toHaveText('共 1 条');
  await expect(page.getByTestId('record-row')).toHaveCount(1);
  await expect(page.getByTestId('record-row')).toContainText(recordOf.employeeName);

  filters = await open();
  await filters.getByTestId('records-reset').click();
  await expect(page).not.toHaveURL(/topic=/);
  await expect(total).toHaveText(`共 ${all} 条`);
  filters = await open();
  await expect(filters.getByTestId('records-topic-filter')).toHaveValue('');
  await expectNoOverflow(page);
});

test('empty lists say what to do next', async ({ newWatchedContext }) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  await page.goto('/directory?q=查无此人xyz');
  await expect(page.getByTestId('empty-state')).toContainText('换个姓名、拼音或工号试试');
  await expectNoOverflow(page);
});
