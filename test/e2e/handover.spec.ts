import { apiAs, expect, test } from './helpers.js';

/**
 * HR hands a manager's draft over to another interviewer from the record page, as it does when
 * the employee's manager changes. The draft is written through the API; the handover is clicked.
 */
test.describe.configure({ mode: 'serial' });

let recordId = '';
let successor = { name: '', employeeNo: '' };
let successorState = '';

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  // few logins: the server limits them per minute for the whole suite
  const manager = await apiAs(baseURL, 'manager', testInfo.outputPath('manager.json'));
  successorState = testInfo.outputPath('hr-east.json');
  const east = await apiAs(baseURL, 'hr.east', successorState);
  const team = (await (await manager.api.get('/api/directory/employees?limit=5')).json()) as {
    items: { id: string }[];
  };
  const employeeId = team.items.find((e) => e.id !== manager.user.employeeId)!.id;
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const created = await manager.api.post('/api/records', {
    data: {
      employeeId,
      templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
      topic: `转交测试 ${testInfo.project.name} ${Date.now()}`,
      interviewAt: new Date().toISOString(),
      place: '一车间会议室',
      placeKind: 'room',
      content: {},
    },
  });
  expect(created.status()).toBe(200);
  recordId = ((await created.json()) as { id: string }).id;
  const profile = await east.api.get(`/api/directory/employees/${east.user.employeeId}`);
  successor = {
    name: east.user.displayName,
    employeeNo: ((await profile.json()) as { employeeNo: string }).employeeNo,
  };
  for (const { api } of [manager, east]) await api.dispose();
});

test('HR hands a draft over to another interviewer, who can then edit it', async ({
  newWatchedContext,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const hrState = testInfo.outputPath('hr.json');
  await (await apiAs(baseURL, 'hr', hrState)).api.dispose();
  const context = await newWatchedContext({ storageState: hrState });
  const hrPage = await context.newPage();
  await hrPage.goto(`/records/${recordId}`);
  // HR reads the draft in full but does not edit it: handing over is what it may do
  await expect(hrPage.getByTestId('record-title')).toBeVisible();
  await hrPage.getByTestId('record-handover').click();
  const dialog = hrPage.getByRole('dialog');
  const picker = dialog.getByTestId('handover-interviewer');
  await picker.locator('input').fill(successor.employeeNo);
  await expect(
    hrPage
      .locator('.ant-select-dropdown .ant-select-item-option-active')
      .filter({ hasText: successor.name }),
  ).toHaveCount(1);
  await picker.locator('input').press('Enter');
  const handed = hrPage.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/records/${recordId}/handover`),
  );
  // antd puts a space between the two characters of a button's label
  await dialog.getByRole('button', { name: /^(转 ?交|Hand over)$/ }).click();
  expect((await handed).status()).toBe(200);
  await expect(hrPage.getByText(successor.name).first()).toBeVisible();

  // the new interviewer now holds the draft: it can edit and submit it
  const eastContext = await newWatchedContext({ storageState: successorState });
  const eastPage = await eastContext.newPage();
  await eastPage.goto(`/records/${recordId}`);
  await expect(eastPage.getByTestId('record-submit')).toBeVisible();
});
