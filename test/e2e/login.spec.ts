import type { Page } from '@playwright/test';
import { expect, expectNoOverflow, login, navigate, openNav, PASSWORD, test } from './helpers.js';

async function displayName(page: Page): Promise<string> {
  const response = await page.request.get('/api/auth/session');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: { displayName: string } }).user.displayName;
}

async function chooseLanguage(page: Page, label: string): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name: label }).click();
}

test('a wrong password shows an error and does not sign in', async ({ page, allowHttpError }) => {
  allowHttpError({ status: 401, path: '/api/auth/login' });
  await page.goto('/login');
  await page.getByTestId('login-username').fill('auditor');
  await page.getByTestId('login-password').fill(`${PASSWORD}-wrong`);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  // Still signed out: a protected page sends the user back to the form.
  await page.goto('/directory');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expectNoOverflow(page);
});

test('an employee without directory access sees no directory in the navigation', async ({
  page,
}) => {
  await login(page, 'employee');
  await expect(page.getByTestId('welcome')).toHaveText(`你好，${await displayName(page)}`);
  // One role only: employee, over the own record.
  await expect(page.getByTestId('session-roles').locator('.ant-tag')).toHaveText([
    /^员工\s*·\s*本人$/,
  ]);

  const menu = await openNav(page);
  await expect(menu.getByRole('menuitem')).toHaveText([
    '待办',
    '面谈记录',
    '核验 PDF',
    '我的绩效档案',
    '我的档案',
  ]);
  await expect(menu.getByText('员工目录')).toHaveCount(0);
  // Nor among the tasks on the home page.
  await expect(page.getByRole('link', { name: /员工目录/ })).toHaveCount(0);

  // Typing the address shows a refusal, not the directory.
  await page.goto('/directory');
  await expect(page.getByText('无权访问')).toBeVisible();
  await expect(page.getByTestId('directory-search')).toHaveCount(0);
  await expect(page.getByTestId('directory-row')).toHaveCount(0);

  // The own profile stays reachable.
  await navigate(page, '我的档案');
  await expect(page.getByTestId('profile-name')).toHaveText(await displayName(page));
  await expect(page.getByText('一车间甲班组', { exact: true })).toBeVisible();
  await expectNoOverflow(page);
});

test('signing out returns to the login page and ends the session', async ({ page }) => {
  await login(page, 'hr');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);

  // The server forgot the session too: the cookie no longer opens anything.
  const session = await page.request.get('/api/auth/session');
  expect(session.status()).toBe(401);
  await page.goto('/directory');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-submit')).toBeVisible();
});

test('switching to English changes the labels and survives a reload', async ({
  page,
  allowHttpError,
}) => {
  await page.goto('/login');
  await expect(page.getByTestId('login-submit')).toHaveText(/^登\s?录$/);
  await chooseLanguage(page, 'English');
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await expect(page.getByText('Performance conversation records')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');

  await page.reload();
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await expect(page.getByText('Username')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');

  // Server messages follow the UI language.
  allowHttpError({ status: 401, path: '/api/auth/login' });
  await page.getByTestId('login-username').fill('executive');
  await page.getByTestId('login-password').fill(`${PASSWORD}-wrong`);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Wrong username or password');

  await login(page, 'hr');
  await expect(page.getByTestId('welcome')).toHaveText(`Hello, ${await displayName(page)}`);
  const menu = await openNav(page);
  await expect(menu.getByRole('menuitem', { name: 'Directory' })).toBeVisible();
  await expect(menu.getByText('员工目录')).toHaveCount(0);
  await expectNoOverflow(page);
});
