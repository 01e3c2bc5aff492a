import type { APIRequestContext } from '@playwright/test';
import { apiAs, expect, expectNoOverflow, PASSWORD, test } from './helpers.js';

declare global {
  interface Window {
    __printed?: number;
  }
}

/** Imports one CSV file as HR does: preview, then confirm with its token. */
async function importCsv(api: APIRequestContext, name: string, csv: string) {
  const file = { name, mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const preview = await api.post('/api/org/import/preview', { multipart: { file } });
  expect(preview.status(), await preview.text()).toBe(200);
  const { token } = (await preview.json()) as { token: string };
  const done = await api.post(`/api/org/import?token=${token}`, { multipart: { file } });
  expect(done.status(), await done.text()).toBe(200);
}

test('HR creates accounts for a department, prints the slips, and a new colleague signs in with its code', async ({
  page,
  newWatchedContext,
  baseURL,
}, testInfo) => {
  // four cold pages and two imports on a loaded machine
  test.setTimeout(180_000);
  // The demo gives everyone an account: a new team joins first, one per project (both share a server).
  const p = testInfo.project.name === 'phone' ? 'P' : 'D';
  const hr = await apiAs(baseURL!, 'hr', testInfo.outputPath('hr.json'));
  await importCsv(
    hr.api,
    'departments.csv',
    `部门编码,部门名称,区域,上级部门编码\nACT-${p},新员工培训${p}班,华东,SH-W1\n`,
  );
  await importCsv(
    hr.api,
    'people.csv',
    [
      '工号,姓名,部门编码,职位,入职日期,状态',
      `ACT${p}01,新员工甲${p},ACT-${p},操作工,2026-11-30,在职`,
      `ACT${p}02,新员工乙${p},ACT-${p},操作工,2026-11-30,在职`,
    ].join('\n'),
  );
  const departments = (await (await hr.api.get('/api/org/departments')).json()) as {
    items: { id: string; code: string }[];
  };
  const team = departments.items.find((d) => d.code === `ACT-${p}`)!;
  await hr.api.dispose();

  await page.goto('/login');
  await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('login-username').fill('hr');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 20_000 });
  // the directory filtered to the new team, as HR would choose it in the department filter
  await page.goto(`/directory?departmentId=${team.id}`);
  await expect(page.getByTestId('directory-row')).toHaveCount(2, { timeout: 20_000 });
  await page.getByTestId('directory-create-accounts').click();
  const dialog = page.getByRole('dialog');
  // nobody is selected: the department the directory shows is the one offered
  await expect(dialog.getByTestId('accounts-target-department')).toBeChecked({ timeout: 20_000 });
  await expect(dialog.getByTestId('accounts-email-off')).toBeVisible();
  await dialog.getByTestId('accounts-create-send').click();

  await expect(page).toHaveURL(/\/accounts\/slips$/, { timeout: 20_000 });
  await expect(page.getByTestId('accounts-result')).toContainText('新开通 2 个账号', {
    timeout: 20_000,
  });
  const slips = page.getByTestId('slip');
  await expect(slips).toHaveCount(2);
  await expectNoOverflow(page);
  const username = (await slips.first().getByTestId('slip-username').textContent())!;
  const code = (await slips.first().getByTestId('slip-code').textContent())!;
  expect(username).toBe(`act${p.toLowerCase()}01`);
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

  // printing: the browser's print dialog, with only the slips on the sheet
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed = (window.__printed ?? 0) + 1;
    };
  });
  await page.getByTestId('slips-print').click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('accounts-result')).toBeHidden();
  await expect(page.getByTestId('slips-print')).toBeHidden();
  await expect(slips.first()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // the new colleague, on a device of its own
  const context = await newWatchedContext();
  const newcomer = await context.newPage();
  await newcomer.goto('/login');
  await newcomer.getByTestId('login-activate').click();
  await expect(newcomer).toHaveURL(/\/activate$/);
  await expect(newcomer.getByTestId('activate-username')).toBeVisible({ timeout: 20_000 });
  await expectNoOverflow(newcomer);
  await newcomer.getByTestId('activate-username').fill(username);
  // typed as it is read off the slip, in lower case
  await newcomer.getByTestId('activate-code').fill(code.toLowerCase());
  await newcomer.getByTestId('activate-password').fill('Lernen-am-Band-2026');
  await newcomer.getByTestId('activate-confirm').fill('Lernen-am-Band-2026');
  await newcomer.getByTestId('activate-submit').click();
  await expect(newcomer.getByTestId('user-menu')).toBeVisible({ timeout: 20_000 });
  await expect(newcomer).not.toHaveURL(/\/(login|activate)/);
  await expectNoOverflow(newcomer);
});
