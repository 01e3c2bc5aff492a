import { expect, expectNoOverflow, login, navigate, test } from './helpers.js';

test('the administrator starts a backup, sees it listed, and verifies that it restores whole', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await login(page, 'admin');
  await navigate(page, '备份');
  await expect(page).toHaveURL(/\/backups$/);
  // the e2e server keeps its backups in its data directory, which the page says is no backup
  await expect(page.getByTestId('backups-beside-data')).toBeVisible();
  const rows = page.getByTestId('backups-table').locator('tbody tr.ant-table-row');
  await expect(page.getByTestId('start-backup')).toBeEnabled();
  const before = await rows.count();

  await page.getByTestId('start-backup').click();
  // a background job: the page polls until it ends, which on a busy machine takes a while
  await expect(rows).toHaveCount(before + 1, { timeout: 60_000 });
  // newest first
  const row = rows.first();
  await expect(row).toContainText('未校验');
  await expect(page.getByTestId('start-backup')).toBeEnabled({ timeout: 60_000 });
  await row.getByTestId('verify-backup').click();
  await expect(row).toContainText('可完整恢复', { timeout: 60_000 });
  await expectNoOverflow(page);
});
