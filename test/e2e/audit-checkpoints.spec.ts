import fs from 'node:fs';
import { expect, expectNoOverflow, login, navigate, test } from './helpers.js';

/**
 * The audit log's signed checkpoints as the auditor keeps them (listed, verified, exported to a
 * copy off the server), and the administrator told where the key and checkpoints are kept unsafely.
 */

test('the auditor sees the signed checkpoints, verifies the log and exports a copy', async ({
  page,
}) => {
  await login(page, 'auditor');
  await navigate(page, '审计日志');
  await page.getByRole('tab', { name: '检查点' }).click();
  const table = page.getByTestId('checkpoints-table');
  const newest = table.locator('tbody tr.ant-table-row').first();
  // the server signed one at start
  await expect(newest).toContainText('有效');
  const newestSeq = async () => Number(await newest.locator('td').first().innerText());
  const before = await newestSeq();

  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-report')).toContainText('审计日志完整，未发现篡改');
  await expect(page.getByTestId('last-verification')).toContainText('完整');
  // a verification that holds signs the head
  await expect.poll(newestSeq).toBeGreaterThan(before);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('checkpoints-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^miantan-audit-checkpoints-.*\.jsonl$/);
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { seq: number; sig: string });
  expect(lines.at(-1)!.seq).toBe(await newestSeq());
  for (const line of lines) expect(line.sig).toMatch(/^[A-Za-z0-9+/]+=*$/);
  // the export is itself on record
  await page.reload();
  await expect(
    page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first(),
  ).toContainText('导出检查点', { timeout: 15_000 });
  await expectNoOverflow(page);
});

test('the administrator is told the keys and checkpoints sit beside the database, and what to set', async ({
  page,
}) => {
  await login(page, 'admin');
  await navigate(page, '系统状态');
  await expect(page).toHaveURL(/\/system$/);
  const key = page.getByTestId('warning-signing_key_beside_database');
  await expect(key).toContainText('审计签名密钥与数据库存放在一起');
  await expect(key).toContainText('MIANTAN_AUDIT_SIGNING_KEY');
  const checkpoints = page.getByTestId('warning-checkpoints_beside_database');
  await expect(checkpoints).toContainText('检查点与数据库存放在一起');
  await expect(checkpoints).toContainText('MIANTAN_CHECKPOINT_DIR');
  const seal = page.getByTestId('warning-seal_key_beside_database');
  await expect(seal).toContainText('平台签章密钥与数据库存放在一起');
  await expect(seal).toContainText('MIANTAN_SEAL_KEY_FILE');
  await expect(page.getByTestId('system-audit')).toContainText('最新检查点');
  await expectNoOverflow(page);

  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(key).toContainText('The audit signing key is kept beside the database');
  await expectNoOverflow(page);
});
