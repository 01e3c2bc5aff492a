import type { Page } from '@playwright/test';
import { expect, expectNoOverflow, saveLogin, test } from './helpers.js';

/**
 * Every page each role opens, at 375 px and in both languages: nothing wider than the phone,
 * nothing cut at the right edge, no console error. Pages that need an object take the first one
 * the role's own API lists.
 */
const ROLES = ['hr', 'manager', 'employee', 'admin', 'auditor'] as const;
type Role = (typeof ROLES)[number];
const LANGUAGES = ['zh-CN', 'en-US'] as const;
/** The sweep is about the phone width: the desktop project leaves it out (playwright.config.ts). */
const PHONE_ONLY = { tag: '@phone' };

const states = new Map<Role, string>();
const employees = new Map<Role, string | null>();

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  for (const role of ROLES) {
    const path = testInfo.outputPath(`${role}.json`);
    const session = await saveLogin(baseURL, role, path);
    states.set(role, path);
    employees.set(role, session.user.employeeId);
  }
});

async function firstId(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path, { params: { limit: 1 } });
  expect(response.status(), path).toBe(200);
  const { items } = (await response.json()) as { items: { id: string }[] };
  expect(items.length, `${path} lists something`).toBeGreaterThan(0);
  return items[0]!.id;
}

/** The pages a role reaches from its menu, and one object page of each kind it may open. */
async function pagesOf(role: Role, page: Page): Promise<string[]> {
  const own = employees.get(role);
  const profile = own ? [`/employees/${own}`, `/employees/${own}/file`] : [];
  switch (role) {
    case 'hr':
      return [
        '/',
        '/directory',
        '/records',
        `/records/${await firstId(page, '/api/records')}`,
        '/templates',
        `/templates/${await firstId(page, '/api/templates')}`,
        '/templates/new',
        '/import',
        ...profile,
      ];
    case 'manager':
    case 'employee':
      return ['/', '/records', `/records/${await firstId(page, '/api/records')}`, ...profile];
    case 'admin':
      return ['/', '/users', '/audit', '/backups', '/system', ...profile];
    case 'auditor':
      return ['/', '/audit', '/system', ...profile];
  }
}

for (const language of LANGUAGES) {
  for (const role of ROLES) {
    test(`${role}'s pages fit 375 px in ${language}`, PHONE_ONLY, async ({ newWatchedContext }) => {
      const context = await newWatchedContext({ storageState: states.get(role)! });
      await context.addInitScript((saved) => {
        // about:blank has no storage of its own
        if (location.protocol.startsWith('http')) localStorage.setItem('miantan.language', saved);
      }, language);
      const page = await context.newPage();
      for (const path of await pagesOf(role, page)) {
        await page.goto(path);
        await expect(page.getByTestId('user-menu'), path).toBeVisible();
        await expect(page.getByTestId('nav-progress'), path).toHaveCount(0);
        await expect(page.locator('.ant-spin-spinning'), path).toHaveCount(0);
        await expectNoOverflow(page);
        await expectNothingCut(page, path);
      }
    });
  }
}

/**
 * No visible element reaches past the window's right edge, even where an ancestor hides the
 * overflow (which the page's own scroll width would not show).
 */
async function expectNothingCut(page: Page, path: string): Promise<void> {
  const device = page.viewportSize()!.width;
  const cut = await page.evaluate((width) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      // Parts scrolled sideways on purpose (tables, tab bars) sit inside a scrolling container.
      if (element.closest('.ant-table-content, .ant-tabs-nav-wrap, [data-scrolls-x]')) continue;
      found.push(
        `${element.tagName.toLowerCase()}.${element.className} (${Math.round(box.right)})`,
      );
    }
    return found.slice(0, 5);
  }, device);
  expect(cut, `elements past the right edge on ${path}`).toEqual([]);
}
