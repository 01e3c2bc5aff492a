import type { Page, Route } from '@playwright/test';
import { expect, login, navigate, openNav, test } from './helpers.js';

/** Holds the answers to requests matching `pattern` until `release` is called. */
async function holdRequests(page: Page, pattern: RegExp): Promise<() => void> {
  const held: Route[] = [];
  let released = false;
  await page.route(pattern, (route) => {
    if (released) return route.continue();
    held.push(route);
  });
  return () => {
    released = true;
    for (const route of held.splice(0)) void route.continue();
  };
}

test('the first load shows a loading state, not a blank page', async ({ page }) => {
  const release = await holdRequests(page, /\/assets\/index-[^/]+\.js$/);
  await page.goto('/login', { waitUntil: 'commit' });
  await expect(page.getByTestId('boot')).toBeVisible();
  await expect(page.getByTestId('boot')).toContainText('加载中');
  release();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByTestId('boot')).toHaveCount(0);
});

test('in-app navigation shows progress while the next page loads', async ({ page }) => {
  await login(page, 'manager');
  const release = await holdRequests(page, /\/assets\/RecordsPage-[^/]+\.js$/);
  await navigate(page, '面谈记录');
  // The page being left stays on screen, with the progress bar over it.
  await expect(page.getByTestId('nav-progress')).toBeVisible();
  await expect(page.getByTestId('welcome')).toBeVisible();
  release();
  await expect(page).toHaveURL(/\/records$/);
  await expect(page.getByTestId('nav-progress')).toHaveCount(0);
});

test('leaving a page with unsaved input asks first, in the app and in the browser', async ({
  page,
}) => {
  await login(page, 'employee');
  await navigate(page, '面谈记录');
  await expect(page).toHaveURL(/\/records$/);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改密码' }).click();
  const current = page.getByLabel('当前密码');
  await current.fill('half-typed');

  // Back in the browser history: the app asks, and staying keeps the input.
  await page.goBack();
  const ask = page.getByRole('dialog', { name: '离开此页？' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: '留在此页' }).click();
  await expect(ask).toBeHidden();
  await expect(page).toHaveURL(/\/records$/);
  await expect(current).toHaveValue('half-typed');

  // Closing the tab: the browser's own prompt.
  const prompted = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await prompted;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
});

test('leaving asks nothing when nothing was typed, and leaving after asking goes', async ({
  page,
}) => {
  await login(page, 'employee');
  await navigate(page, '面谈记录');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改密码' }).click();
  await expect(page.getByLabel('当前密码')).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/\/records$/);
  await expect(page.getByRole('dialog', { name: '离开此页？' })).toHaveCount(0);
  // The dialog belongs to the header, not to the page left behind.
  await page
    .getByRole('dialog', { name: '修改密码' })
    .getByRole('button', { name: '关闭' })
    .click();

  await navigate(page, '面谈记录');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改密码' }).click();
  await page.getByLabel('当前密码').fill('half-typed');
  await page.goBack();
  const ask = page.getByRole('dialog', { name: '离开此页？' });
  await ask.getByRole('button', { name: /^离\s*开$/ }).click();
  await expect(page).not.toHaveURL(/\/records$/);
  await expect(page.getByTestId('welcome')).toBeVisible();
});

test('a half-built template holds the page until HR chooses to leave', async ({ page }) => {
  await login(page, 'hr');
  await page.goto('/templates/new');
  await page.getByTestId('template-name-zh').fill('半成品模板');
  await (await openNav(page)).getByRole('menuitem', { name: '面谈记录' }).click();
  const ask = page.getByRole('dialog', { name: '离开此页？' });
  await ask.getByRole('button', { name: '留在此页' }).click();
  await expect(page).toHaveURL(/\/templates\/new$/);
  await expect(page.getByTestId('template-name-zh')).toHaveValue('半成品模板');

  await (await openNav(page)).getByRole('menuitem', { name: '面谈记录' }).click();
  await ask.getByRole('button', { name: /^离\s*开$/ }).click();
  await expect(page).toHaveURL(/\/records$/);
});
