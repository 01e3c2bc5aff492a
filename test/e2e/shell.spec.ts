import type { Page, Route } from '@playwright/test';
import { expect, login, navigate, test } from './helpers.js';

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
