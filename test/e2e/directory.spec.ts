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

interface Target extends EmployeeProfile {
  /** How many people the directory finds for the target's initials and for its full pinyin. */
  initialsMatches: number;
  pinyinMatches: number;
}

/**
 * Someone in 后端组 whose initials (at least two letters) find the fewest people, so the search
 * result fits on the first page and says something about the ranking of the match.
 */
async function pickTarget(request: APIRequestContext): Promise<Target> {
  const staff = await employeesOfDepartment(request, 'SZ-RD-BE');
  let best: Target | undefined;
  for (const summary of staff.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo))) {
    const profile = await fetchProfile(request, summary.id);
    if (profile.nameInitials.length < 2) continue;
    const byInitials = await searchDirectory(request, profile.nameInitials);
    if (!best || byInitials.length < best.initialsMatches) {
      const byPinyin = await searchDirectory(request, profile.namePinyin);
      best = {
        ...profile,
        initialsMatches: byInitials.length,
        pinyinMatches: byPinyin.length,
      };
    }
    if (best.initialsMatches === 1) break;
  }
  expect(best, 'someone in 后端组 with two or more initials').toBeDefined();
  // The table shows 20 rows before "load more"; the target must be among them.
  expect(best!.initialsMatches).toBeLessThanOrEqual(20);
  return best!;
}

test('HR finds a colleague by pinyin initials and by full pinyin, then opens the profile', async ({
  page,
}) => {
  await login(page, 'hr');
  // page.request shares the browser's session cookie: discover test data as HR.
  const target = await pickTarget(page.request);

  await navigate(page, '员工目录');
  await expect(page).toHaveURL(/\/directory$/);
  await expect(page.getByRole('heading', { name: '员工目录' })).toBeVisible();
  const rows = page.getByTestId('directory-row');
  // Unfiltered, HR sees the first page of the whole organisation.
  await expect(rows).toHaveCount(20);
  await expectNoOverflow(page);

  const row = rows.filter({ hasText: target.employeeNo });

  await searchInDirectory(page, target.nameInitials);
  await expect(rows).toHaveCount(target.initialsMatches);
  await expect(row).toBeVisible();
  await expect(row).toContainText(target.name);
  await expect(row).toContainText('后端组');
  await expectNoOverflow(page);

  await searchInDirectory(page, target.namePinyin);
  await expect(rows).toHaveCount(target.pinyinMatches);
  await expect(row).toBeVisible();
  await expect(row).toContainText(target.name);

  // The row itself opens the profile, not only the name's link.
  await row.getByRole('cell', { name: target.employeeNo, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/employees/${target.id}$`));
  await expect(page.getByTestId('profile-name')).toHaveText(target.name);
  await expect(page.getByText(`${target.namePinyin} (${target.nameInitials})`)).toBeVisible();
  await expect(page.getByText(target.employeeNo, { exact: true })).toBeVisible();
  await expectNoOverflow(page);

  // The search lives in the URL: going back shows the same results.
  await page.goBack();
  await expect(page).toHaveURL(/\/directory\?/);
  await expect(page.getByTestId('directory-search')).toHaveValue(target.namePinyin);
  await expect(rows).toHaveCount(target.pinyinMatches);
  await expect(row).toBeVisible();
});
