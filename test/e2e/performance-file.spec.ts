import path from 'node:path';
import Database from 'better-sqlite3';
import { apiAs, expect, expectNoOverflow, login, navigate, test } from './helpers.js';
import { COMPLETE_ANNUAL_REVIEW } from '../fixtures.js';

/**
 * The employee's performance file and the addendum: two of the employee's records are archived
 * (directly in the database: the signing flow is not what this file is about), the employee finds
 * them with their rating trend under 我的绩效档案, and the manager writes an addendum to one.
 */
test.describe.configure({ mode: 'serial' });

/** The e2e server's database (playwright.config.ts starts it in .tmp/e2e). */
const DATABASE = path.resolve('.tmp/e2e/miantan.db');

const archived: string[] = [];
let topic = '';

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const manager = await apiAs(baseURL, 'manager', testInfo.outputPath('manager.json'));
  const employee = await apiAs(baseURL, 'employee', testInfo.outputPath('employee.json'));
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  topic = `绩效档案 ${testInfo.project.name} ${Date.now()}`;
  for (const [i, rating] of [2, 4].entries()) {
    const created = await manager.api.post('/api/records', {
      data: {
        employeeId: employee.user.employeeId,
        templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
        topic: `${topic} ${i + 1}`,
        interviewAt: new Date(Date.now() - (2 - i) * 86_400_000).toISOString(),
        place: '一车间会议室',
        placeKind: 'room',
        participantIds: [],
        content: { ...COMPLETE_ANNUAL_REVIEW, overallRating: rating },
      },
    });
    expect(created.status()).toBe(200);
    const id = ((await created.json()) as { id: string }).id;
    const submitted = await manager.api.post(`/api/records/${id}/submit`, {
      headers: { 'if-match': '"1"' },
    });
    expect(submitted.status()).toBe(200);
    archived.push(id);
  }
  await manager.api.dispose();
  await employee.api.dispose();
  const db = new Database(DATABASE);
  try {
    for (const id of archived)
      db.prepare(`update records set state = 'archived' where id = ?`).run(id);
  } finally {
    db.close();
  }
});

test('the employee finds its archived interviews and rating trend under 我的绩效档案', async ({
  page,
}) => {
  await login(page, 'employee');
  await navigate(page, '我的绩效档案');
  await expect(page.getByTestId('performance-file-title')).toBeVisible({ timeout: 20_000 });
  const entries = page.getByTestId('performance-entry');
  // newest first, each with its overall rating
  await expect(entries.filter({ hasText: `${topic} 2` })).toContainText('综合评价 4 / 5');
  await expect(entries.filter({ hasText: `${topic} 1` })).toContainText('综合评价 2 / 5');
  // the chart is drawn (ECharts renders SVG)
  await expect(page.getByTestId('rating-chart').locator('svg')).toBeVisible({ timeout: 20_000 });
  await expectNoOverflow(page);
});

test('the manager writes an addendum to an archived record, shown beside the original', async ({
  page,
}) => {
  await login(page, 'manager');
  await page.goto(`/records/${archived[0]}`);
  await expect(page.getByTestId('addendum-create')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('addendum-create').click();
  await expect(page.getByTestId('addendum-topic')).toHaveValue(`补充记录：${topic} 1`);
  await page.getByTestId('addendum-confirm').click();
  // the new draft, starting from the archived content, says what it corrects
  await expect(page).not.toHaveURL(new RegExp(archived[0]!));
  const banner = page.getByTestId('addendum-of');
  await expect(banner).toContainText(`${topic} 1`, { timeout: 20_000 });
  await banner.getByRole('link').click();
  await expect(page.getByTestId('addenda').getByTestId('addendum-item')).toContainText(
    `补充记录：${topic} 1`,
  );
  await expectNoOverflow(page);
});
