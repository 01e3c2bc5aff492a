import type { APIRequestContext } from '@playwright/test';
import {
  employeesOfDepartment,
  expect,
  expectNoOverflow,
  fetchProfile,
  login,
  navigate,
  searchDirectory,
  searchInDirectory,
  test,
  type EmployeeProfile,
} from './helpers.js';

/**
 * Someone in 后端组 (Shenzhen R&D, far from 一车间) whose name is unique in the whole organisation,
 * so an empty search by that name can only mean the person is out of the manager's scope.
 */
async function findOutsider(request: APIRequestContext): Promise<EmployeeProfile> {
  const staff = await employeesOfDepartment(request, 'SZ-RD-BE');
  for (const person of staff) {
    const sameName = await searchDirectory(request, person.name);
    if (sameName.length === 1) return fetchProfile(request, person.id);
  }
  throw new Error('no one in 后端组 has a name unique in the organisation');
}

test('a manager can neither open nor find someone outside the team', async ({
  page,
  newWatchedContext,
  allowHttpError,
}) => {
  // HR, at another browser, finds the person and opens the profile: the person exists and the
  // address works, so the manager's 404 below is the scope at work.
  const hrPage = await (await newWatchedContext()).newPage();
  await login(hrPage, 'hr');
  const outsider = await findOutsider(hrPage.request);
  await hrPage.goto(`/employees/${outsider.id}`);
  await expect(hrPage.getByTestId('profile-name')).toHaveText(outsider.name);
  await expect(hrPage.getByText('后端组', { exact: true })).toBeVisible();

  await login(page, 'manager');
  // The server answers 404 for out-of-scope people (the same as for missing ones).
  allowHttpError({ status: 404, path: `/api/directory/employees/${outsider.id}` });
  await page.goto(`/employees/${outsider.id}`);
  const notFound = page.getByTestId('not-found');
  await expect(notFound).toBeVisible();
  await expect(notFound).toContainText('未找到或无权访问');
  await expect(notFound).toContainText('该员工不存在，或不在您的权限范围内。');
  await expect(page.getByTestId('profile-name')).toHaveCount(0);
  await expect(page.getByText(outsider.name)).toHaveCount(0);
  await expect(page.getByText(outsider.employeeNo)).toHaveCount(0);
  await expectNoOverflow(page);

  await navigate(page, '员工目录');
  const rows = page.getByTestId('directory-row');
  // The manager does have a directory: it lists the team.
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasText: '后端组' })).toHaveCount(0);

  // By name or number, nobody at all in the manager's scope matches.
  for (const q of [outsider.name, outsider.employeeNo]) {
    await searchInDirectory(page, q);
    await expect(rows).toHaveCount(0);
    await expect(page.getByText('没有符合条件的员工')).toBeVisible();
  }
  // The initials may fit people of the team, but never the outsider.
  await searchInDirectory(page, outsider.nameInitials);
  await expect(rows.filter({ hasText: outsider.employeeNo })).toHaveCount(0);
  await expect(rows.filter({ hasText: '后端组' })).toHaveCount(0);
});

test('a manager opens a member of the own team from the profile and from the directory', async ({
  page,
}) => {
  await login(page, 'manager');
  const session = await page.request.get('/api/auth/session');
  const { user } = (await session.json()) as { user: { displayName: string } };

  await navigate(page, '我的档案');
  await expect(page.getByTestId('profile-name')).toHaveText(user.displayName);
  await expect(page.getByText('一车间', { exact: true })).toBeVisible();
  const reports = page.getByTestId('direct-reports').getByRole('link');
  await expect(reports.first()).toBeVisible();
  await expectNoOverflow(page);

  const report = (await reports.first().textContent())!.trim();
  expect(report).not.toBe('');
  await reports.first().click();
  await expect(page).toHaveURL(/\/employees\/[^/]+$/);
  await expect(page.getByTestId('profile-name')).toHaveText(report);
  // The report's manager is the signed-in manager, and links back to the manager's profile.
  await expect(page.getByTestId('profile-manager')).toContainText(user.displayName);
  await expect(page.getByTestId('not-found')).toHaveCount(0);
  await expectNoOverflow(page);

  await navigate(page, '员工目录');
  await searchInDirectory(page, report);
  const row = page.getByTestId('directory-row').filter({ hasText: report });
  await expect(row.first()).toBeVisible();
  // a record can be started from the row, with the employee already chosen
  await row.first().getByTestId('directory-new-record').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(report);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/directory/);
  await row.first().getByRole('link', { name: report }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(report);
});

test('an employee is not offered a link to a profile the employee cannot open', async ({
  page,
  allowHttpError,
}) => {
  await login(page, 'employee');
  const session = await page.request.get('/api/auth/session');
  const { user } = (await session.json()) as { user: { employeeId: string } };
  const own = await page.request.get(`/api/directory/employees/${user.employeeId}`);
  const { manager } = (await own.json()) as { manager: { id: string; name: string } | null };
  expect(manager, 'the demo employee has a manager').not.toBeNull();
  allowHttpError({ status: 404, path: `/api/directory/employees/${manager!.id}` });

  await navigate(page, '我的档案');
  // The profile names the manager (its past interviews may name it too, as the interviewer).
  await expect(page.getByTestId('profile-manager')).toContainText(manager!.name);
  const link = page.getByRole('link', { name: manager!.name });
  if ((await link.count()) > 0) {
    await link.click();
    const notFound = page.getByTestId('not-found');
    await expect(page.getByTestId('profile-name').or(notFound)).toBeVisible();
    await expect(notFound, 'the link led to "not found or no access"').toHaveCount(0);
    await expect(page.getByTestId('profile-name')).toHaveText(manager!.name);
  }
});
