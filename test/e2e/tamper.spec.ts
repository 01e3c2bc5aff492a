import path from 'node:path';
import Database from 'better-sqlite3';
import { apiAs, expect, expectNoOverflow, pick, test } from './helpers.js';
import { COMPLETE_ANNUAL_REVIEW } from '../fixtures.js';

/**
 * One version of a record is changed in the database behind the application's back, as someone
 * with access to the file would. The history shows every other version as usual and the bad one
 * marked in words; the auditor hears of it in the inbox and finds it in the audit log.
 */
test.describe.configure({ mode: 'serial' });

/** The e2e server's database (playwright.config.ts starts it in .tmp/e2e). */
const DATABASE = path.resolve('.tmp/e2e/miantan.db');

const REVISED = '修订后的绩效总结';

let recordId = '';
/** a second record, whose live content is flipped */
let brokenId = '';
let managerState = '';
let auditorState = '';
/** what the test broke, to put back afterwards: later tests (a backup's verification) share this database */
const restore: { sql: string; value: string; id: string }[] = [];

/** The envelope with one bit of its data ciphertext changed (the first base64url character). */
function flipped(envelope: string): string {
  const parts = envelope.split('.');
  const body = parts[6]!;
  parts[6] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
  return parts.join('.');
}

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  managerState = testInfo.outputPath('manager.json');
  auditorState = testInfo.outputPath('auditor.json');
  const manager = await apiAs(baseURL, 'manager', managerState);
  await (await apiAs(baseURL, 'auditor', auditorState)).api.dispose();
  const team = (await (await manager.api.get('/api/directory/employees?limit=5')).json()) as {
    items: { id: string }[];
  };
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const basics = {
    topic: `完整性测试 ${testInfo.project.name} ${Date.now()}`,
    interviewAt: new Date().toISOString(),
    place: '一车间会议室',
    placeKind: 'room',
    participantIds: [],
  };
  const first = {
    employeeId: team.items.find((e) => e.id !== manager.user.employeeId)!.id,
    templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
  };
  const created = await manager.api.post('/api/records', {
    data: { ...first, ...basics, content: COMPLETE_ANNUAL_REVIEW },
  });
  expect(created.status()).toBe(200);
  recordId = ((await created.json()) as { id: string }).id;
  let revision = 1;
  for (const action of ['submit', 'withdraw']) {
    const res = await manager.api.post(`/api/records/${recordId}/${action}`, {
      headers: { 'if-match': `"${revision}"` },
    });
    expect(res.status(), action).toBe(200);
    revision = ((await res.json()) as { revision: number }).revision;
  }
  const saved = await manager.api.put(`/api/records/${recordId}`, {
    headers: { 'if-match': `"${revision}"` },
    data: { ...basics, content: { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: REVISED } },
  });
  expect(saved.status()).toBe(200);
  const broken = await manager.api.post('/api/records', {
    data: { ...first, ...basics, content: COMPLETE_ANNUAL_REVIEW },
  });
  expect(broken.status()).toBe(200);
  brokenId = ((await broken.json()) as { id: string }).id;
  await manager.api.dispose();

  // the version the record was submitted with: one flipped bit in the database file
  const db = new Database(DATABASE);
  try {
    const version = db
      .prepare(
        `select id, snapshot_enc from record_versions where record_id = ? and action = 'submit'`,
      )
      .get(recordId) as { id: string; snapshot_enc: string };
    const record = db.prepare('select content_enc from records where id = ?').get(brokenId) as {
      content_enc: string;
    };
    restore.push(
      {
        sql: 'update record_versions set snapshot_enc = ? where id = ?',
        value: version.snapshot_enc,
        id: version.id,
      },
      {
        sql: 'update records set content_enc = ? where id = ?',
        value: record.content_enc,
        id: brokenId,
      },
    );
    for (const { sql, value, id } of restore) db.prepare(sql).run(flipped(value), id);
  } finally {
    db.close();
  }
});

test.afterAll(() => {
  const db = new Database(DATABASE);
  try {
    for (const { sql, value, id } of restore.splice(0)) db.prepare(sql).run(value, id);
  } finally {
    db.close();
  }
});

test('the history shows the other versions and the tampered one marked', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ storageState: managerState });
  const page = await context.newPage();
  await page.goto(`/records/${recordId}`);
  // a fresh context loads the whole app first: slow on a busy machine, however the page behaves
  await expect(page.getByTestId('record-title')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('history-tab').click();
  const items = page.getByTestId('history-list').getByTestId('history-item');
  await expect(items).toHaveCount(4);
  const marked = items.filter({ has: page.getByTestId('history-integrity-failed') });
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('第 2 版');
  await expect(marked).toContainText('此版本未通过完整性校验，内容不予显示。已记录并通知审计员。');
  // the newest version shows what changed since the last one that could be read
  await expect(items.first()).toContainText('绩效总结');
  await expect(items.first()).toContainText(REVISED);
  await expect(items.first().getByTestId('history-integrity-failed')).toHaveCount(0);
  await expectNoOverflow(page);
});

test('a record whose content fails says so in words, with nothing to retry', async ({
  newWatchedContext,
  allowHttpError,
}) => {
  allowHttpError({ status: 500, path: `/api/records/${brokenId}` });
  const context = await newWatchedContext({ storageState: managerState });
  const page = await context.newPage();
  await page.goto(`/records/${brokenId}`);
  const result = page.getByTestId('integrity-failed');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result).toContainText('数据完整性校验失败');
  await expect(result).toContainText(
    '面谈内容未通过完整性校验，存储的数据可能被改动过。已记录并通知审计员。',
  );
  await expect(result.getByRole('button')).toHaveCount(0);
  await expectNoOverflow(page);
});

test('the auditor is told in the inbox and finds the entry in the audit log', async ({
  newWatchedContext,
}) => {
  const context = await newWatchedContext({ storageState: auditorState });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('inbox-bell')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('inbox-bell').click();
  const notice = page.locator('[data-testid="inbox-item"][data-kind="integrity_failed"]').first();
  await expect(notice).toContainText('有存储的数据未通过完整性校验，详情见审计日志');
  await notice.click();
  await expect(page).toHaveURL(/\/audit$/);
  await pick(page, 'audit-action-filter', '数据完整性校验失败');
  const table = page.getByTestId('audit-table');
  // the two values this file broke, newest first: the content, then the version
  const entries = table.locator('tbody tr.ant-table-row');
  for (const index of [0, 1]) {
    await expect(entries.nth(index)).toContainText('数据完整性校验失败');
    await entries.nth(index).locator('.ant-table-row-expand-icon').click();
  }
  const payloads = table.getByTestId('audit-payload');
  await expect(payloads).toHaveCount(2);
  await expect(payloads.nth(0)).toContainText('未通过校验的数据: 面谈内容');
  await expect(payloads.nth(1)).toContainText('未通过校验的数据: 第 2 版');
  await expectNoOverflow(page);
});
