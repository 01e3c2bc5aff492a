import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { apiAs, expect, expectNoOverflow, isNarrow, saveLogin, test } from './helpers.js';

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

/** Picks an option of an antd select by typing its label, then Enter. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(label);
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await expect(active).toHaveText(label);
  await page.keyboard.press('Enter');
}

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
