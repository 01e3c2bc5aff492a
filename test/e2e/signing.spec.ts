import type { Locator, Page } from '@playwright/test';
import { COMPLETE_ANNUAL_REVIEW } from '../fixtures.js';
import { answer, apiAs, expect, expectNoOverflow, PASSWORD, test } from './helpers.js';

/**
 * Signing on a phone: the manager's record is written and sent through the API; the employee
 * signs "read, but I disagree" with a reason, drawing its signature on the 375 px screen, and the
 * manager countersigns, after which the record is archived.
 */
test.describe.configure({ mode: 'serial' });

const REASON = '第二项指标的目标高于产线产能，我对评分有异议。';
let recordId = '';
let managerState = '';
let employeeState = '';

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  managerState = testInfo.outputPath('manager.json');
  employeeState = testInfo.outputPath('employee.json');
  const manager = await apiAs(baseURL, 'manager', managerState);
  const employee = await apiAs(baseURL, 'employee', employeeState);
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const created = await manager.api.post('/api/records', {
    data: {
      employeeId: employee.user.employeeId,
      templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
      topic: `签署测试 ${testInfo.project.name} ${Date.now()}`,
      interviewAt: new Date().toISOString(),
      place: '一车间会议室',
      placeKind: 'room',
      content: COMPLETE_ANNUAL_REVIEW,
    },
  });
  expect(created.status()).toBe(200);
  recordId = ((await created.json()) as { id: string }).id;
  const sent = await manager.api.post(`/api/records/${recordId}/submit`, {
    headers: { 'if-match': '"1"' },
  });
  expect(sent.status()).toBe(200);
  for (const { api } of [manager, employee]) await api.dispose();
});

/** Draws a stroke across the pad as a finger would: press, a wave of moves, lift. */
async function drawSignature(page: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 20, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 12), y + (i % 2 ? -25 : 25), {
      steps: 3,
    });
  await page.mouse.up();
}

/** Opens the signing dialog, fills it in and sends it; returns the dialog. */
async function signInDialog(
  page: Page,
  button: string,
  fill: (dialog: Locator) => Promise<void> = async () => {},
) {
  await page.getByTestId(button).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('signature-pad')).toBeVisible();
  await fill(dialog);
  // an empty pad is refused before anything is sent
  await dialog.getByTestId('sign-password').fill(PASSWORD);
  await dialog.getByTestId('sign-send').click();
  await expect(dialog.getByTestId('signature-pad-error')).toBeVisible();
  await drawSignature(page, dialog.getByTestId('signature-pad'));
  await expectNoOverflow(page);
  const signed = answer(page, 'POST', new RegExp(`^/api/records/${recordId}/sign$`));
  await dialog.getByTestId('sign-send').click();
  expect((await signed).status()).toBe(200);
  await expect(dialog).toBeHidden();
}

test(
  'the employee signs with a dissent on a phone, the manager countersigns, the record is archived',
  {
    tag: '@phone',
  },
  async ({ newWatchedContext }) => {
    // two people, two cold page loads and two signatures (each with its password check)
    test.setTimeout(180_000);
    const employeeContext = await newWatchedContext({ storageState: employeeState });
    const employeePage = await employeeContext.newPage();
    await employeePage.goto(`/records/${recordId}`);
    await expect(employeePage.getByTestId('record-title')).toBeVisible({ timeout: 20_000 });
    await expect(employeePage.getByTestId('record-state')).toHaveAttribute(
      'data-state',
      'submitted',
    );

    await signInDialog(employeePage, 'record-sign', async (dialog) => {
      await dialog.getByTestId('sign-choice-disagree').click();
      await dialog.getByTestId('sign-reason').fill(REASON);
    });
    await expect(employeePage.getByTestId('record-state')).toHaveAttribute(
      'data-state',
      'employeeSigned',
    );
    const mine = employeePage.getByTestId('signature-employee');
    await expect(mine.getByTestId('signature-choice')).toHaveText('已阅但有异议');
    await expect(mine).toContainText(REASON);
    await expectNoOverflow(employeePage);

    const managerContext = await newWatchedContext({ storageState: managerState });
    const managerPage = await managerContext.newPage();
    await managerPage.goto(`/records/${recordId}`);
    await expect(managerPage.getByTestId('record-title')).toBeVisible({ timeout: 20_000 });
    await signInDialog(managerPage, 'record-countersign');
    await expect(managerPage.getByTestId('record-state')).toHaveAttribute('data-state', 'archived');
    await expect(managerPage.getByTestId('signature-interviewer')).toBeVisible();
    await expect(managerPage.getByTestId('signature-employee')).toContainText(REASON);
    await expect(managerPage.getByTestId('record-countersign')).toHaveCount(0);
    await expectNoOverflow(managerPage);
  },
);
