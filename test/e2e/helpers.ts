import {
  test as base,
  expect,
  request,
  type APIRequestContext,
  type BrowserContext,
  type Locator,
  type Page,
  type Response,
} from '@playwright/test';

export { expect };

/** The password of every demo login. */
export const PASSWORD = 'Miantan@2026';

/** antd's `lg` breakpoint: below it the side menu is a drawer opened by `nav-toggle`. */
const LG = 992;

/** A browser console error the test expects: a failed request's status and path. */
export interface ExpectedHttpError {
  status: number;
  path: string | RegExp;
}

/** What went wrong in the browser during a test, beyond the test's own assertions. */
interface Problems {
  csp: string[];
  console: string[];
  pageErrors: string[];
  expectedHttpErrors: ExpectedHttpError[];
}

declare global {
  interface Window {
    __csp?: string[];
    __reportCsp?: (violation: string) => void;
  }
}

/**
 * Probing the session while signed out answers 401 by design (the login page shows instead), and
 * Chromium logs every failed request as a console error; nothing else is allowed unless a test
 * declares it with `allowHttpError`.
 */
const ALWAYS_EXPECTED: ExpectedHttpError[] = [{ status: 401, path: '/api/auth/session' }];

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d+)/;

function isExpected(text: string, url: string, expected: ExpectedHttpError[]): boolean {
  const status = FAILED_RESOURCE.exec(text)?.[1];
  if (!status || !url) return false;
  const { pathname } = new URL(url);
  return expected.some(
    (e) =>
      e.status === Number(status) &&
      (typeof e.path === 'string' ? pathname === e.path : e.path.test(pathname)),
  );
}

/**
 * Records CSP violations, console errors and uncaught exceptions of every page of `context`.
 * Violations go to `window.__csp` (to look at in a trace) and straight to the test process, so
 * those from before a reload or navigation are not lost.
 */
export async function watchContext(context: BrowserContext, problems: Problems): Promise<void> {
  await context.exposeBinding('__reportCsp', (_source, violation: string) => {
    problems.csp.push(violation);
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const violation = `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} (${event.sample})`;
        window.__csp?.push(violation);
        window.__reportCsp?.(violation);
      },
      true,
    );
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url } = message.location();
      const all = [...ALWAYS_EXPECTED, ...problems.expectedHttpErrors];
      if (!isExpected(message.text(), url, all)) {
        problems.console.push(`${message.text()} (${url || page.url()})`);
      }
    });
    page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

function emptyProblems(): Problems {
  return { csp: [], console: [], pageErrors: [], expectedHttpErrors: [] };
}

function assertNoProblems(problems: Problems): void {
  expect(problems.csp, 'CSP violations').toEqual([]);
  expect(problems.console, 'console errors').toEqual([]);
  expect(problems.pageErrors, 'uncaught exceptions in the page').toEqual([]);
}

interface Fixtures {
  /** Declares a failed request the test provokes on purpose (its console error is then allowed). */
  allowHttpError: (expected: ExpectedHttpError) => void;
  /**
   * A further browser context (another user at another browser), watched like the first; with
   * `storageState`, already signed in as the user that state was saved from.
   */
  newWatchedContext: (options?: { storageState?: string }) => Promise<BrowserContext>;
  problems: Problems;
}

/**
 * Every test's browser context is watched: a CSP violation, console error or uncaught exception
 * anywhere in the test fails it after the test body has run.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no dependencies
  problems: async ({}, use) => {
    const problems = emptyProblems();
    await use(problems);
    assertNoProblems(problems);
  },
  context: async ({ context, problems }, use) => {
    await watchContext(context, problems);
    await use(context);
  },
  allowHttpError: async ({ problems }, use) => {
    await use((expected) => problems.expectedHttpErrors.push(expected));
  },
  newWatchedContext: async ({ browser, problems }, use, testInfo) => {
    const opened: BrowserContext[] = [];
    await use(async ({ storageState } = {}) => {
      const { baseURL, locale, timezoneId, viewport, isMobile, hasTouch } = testInfo.project.use;
      const context = await browser.newContext({
        baseURL,
        locale,
        timezoneId,
        viewport,
        isMobile,
        hasTouch,
        storageState,
      });
      opened.push(context);
      await watchContext(context, problems);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
});

/** Whether the page shows the drawer navigation (phones, narrow windows) instead of the sider. */
export function isNarrow(page: Page): boolean {
  return (page.viewportSize()?.width ?? Infinity) < LG;
}

/** Signs in through the login form and waits for the signed-in shell. */
export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Makes the navigation menu visible and returns it: the sider on wide screens, the drawer (opened
 * with `nav-toggle`) on narrow ones.
 */
export async function openNav(page: Page): Promise<Locator> {
  if (!isNarrow(page)) {
    await expect(page.getByTestId('nav-toggle')).toHaveCount(0);
    const menu = page.getByRole('complementary').getByRole('menu');
    await expect(menu).toBeVisible();
    return menu;
  }
  await page.getByTestId('nav-toggle').click();
  const menu = page.getByRole('dialog').getByRole('menu');
  await expect(menu).toBeVisible();
  return menu;
}

/** Follows a navigation entry by its visible label (opening the drawer first where needed). */
export async function navigate(page: Page, label: string | RegExp): Promise<void> {
  const menu = await openNav(page);
  await menu.getByRole('menuitem', { name: label }).click();
  if (isNarrow(page)) await expect(page.getByRole('dialog')).toBeHidden();
}

/**
 * Fails if the page is wider than the window (the user would have to scroll sideways). Call it once
 * the page's content is on screen; it retries briefly so a closing drawer's animation settles.
 */
export async function expectNoOverflow(page: Page): Promise<void> {
  // A phone browser widens its layout viewport to fit content that overflows (and zooms out), so
  // the page is held against the device's width, not against `innerWidth`.
  const width = page.viewportSize()?.width ?? Infinity;
  await expect
    .poll(
      () =>
        page.evaluate(
          (device) =>
            Math.max(document.documentElement.scrollWidth, window.innerWidth) -
            Math.min(device, window.innerWidth),
          width,
        ),
      { message: `horizontal overflow (px beyond the window) on ${page.url()}` },
    )
    .toBeLessThanOrEqual(0);
}

export interface EmployeeSummary {
  id: string;
  employeeNo: string;
  name: string;
  namePinyin: string;
  department: { id: string; name: string };
}

export interface EmployeeProfile extends EmployeeSummary {
  nameInitials: string;
}

/** Active employees of the department with `code`, as the directory API shows them to `request`. */
export async function employeesOfDepartment(
  request: APIRequestContext,
  code: string,
): Promise<EmployeeSummary[]> {
  const departments = await request.get('/api/org/departments');
  expect(departments.status()).toBe(200);
  const { items } = (await departments.json()) as { items: { id: string; code: string }[] };
  const department = items.find((d) => d.code === code);
  expect(department, `department ${code} in the demo organisation`).toBeDefined();
  const employees = await request.get('/api/directory/employees', {
    params: { departmentId: department!.id, limit: 100 },
  });
  expect(employees.status()).toBe(200);
  const list = ((await employees.json()) as { items: EmployeeSummary[] }).items;
  expect(list.length, `employees in ${code}`).toBeGreaterThan(0);
  return list;
}

export async function searchDirectory(
  request: APIRequestContext,
  q: string,
): Promise<EmployeeSummary[]> {
  const response = await request.get('/api/directory/employees', { params: { q, limit: 100 } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: EmployeeSummary[] }).items;
}

export async function fetchProfile(
  request: APIRequestContext,
  id: string,
): Promise<EmployeeProfile> {
  const response = await request.get(`/api/directory/employees/${encodeURIComponent(id)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as EmployeeProfile;
}

/**
 * Types into the directory search box and waits for the server's answer to exactly that query,
 * so what the table shows next is the result, not the previous one or a loading state. Answers
 * are cached for 30 s: `q` must be one this page has not searched for already.
 */
export async function searchInDirectory(page: Page, q: string): Promise<void> {
  const answered = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/directory/employees' && url.searchParams.get('q') === q;
  });
  await page.getByTestId('directory-search').fill(q);
  const response = await answered;
  expect(response.status()).toBe(200);
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === q);
  // The table's spinner clears once the answer is rendered.
  await expect(page.locator('.ant-table .ant-spin-spinning')).toHaveCount(0);
}

export interface SavedSession {
  user: { displayName: string; employeeId: string | null };
}

/**
 * Signs `username` in through the API (no page) and saves the session cookie to `path`, for
 * `newWatchedContext({ storageState })`: one login serves every test of a file, which keeps the
 * suite under the server's login rate limit. Returns the session as the server describes it.
 */
export async function saveLogin(
  baseURL: string,
  username: string,
  path: string,
): Promise<SavedSession> {
  const api = await request.newContext({ baseURL });
  try {
    const response = await api.post('/api/auth/login', {
      data: { username, password: PASSWORD },
    });
    expect(response.status(), `login of ${username}`).toBe(200);
    await api.storageState({ path });
    return (await response.json()) as SavedSession;
  } finally {
    await api.dispose();
  }
}

/** Picks an option of an antd select by typing its label, then Enter. */
export async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(label);
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await expect(active).toHaveText(label);
  await page.keyboard.press('Enter');
}

/** The server's answer to the next `method` request on a path matching `path`. */
export function answer(page: Page, method: string, path: RegExp): Promise<Response> {
  return page.waitForResponse(
    (response) =>
      response.request().method() === method && path.test(new URL(response.url()).pathname),
  );
}

/**
 * Signs in through the API, saves the session to `path` (for a browser context) and returns a
 * request context that sends the session and its CSRF token, for writing a test's data.
 */
export async function apiAs(baseURL: string, username: string, path: string) {
  const login = await request.newContext({ baseURL });
  const response = await login.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(response.status(), `login of ${username}`).toBe(200);
  const session = (await response.json()) as {
    csrfToken: string;
    user: { employeeId: string; displayName: string };
  };
  const storageState = await login.storageState({ path });
  await login.dispose();
  const api = await request.newContext({
    baseURL,
    storageState,
    extraHTTPHeaders: { 'x-csrf-token': session.csrfToken },
  });
  return { api, user: session.user };
}
