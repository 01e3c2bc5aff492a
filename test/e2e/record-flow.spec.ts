import type { Locator, Page } from '@playwright/test';
import { answer, apiAs, expect, expectNoOverflow, test } from './helpers.js';

/**
 * The record page as the interviewer and the employee go through one record: where it stands and
 * whose turn it is, buttons that say what they do, one confirmation with a preview before it goes
 * out, autosaves folded into one version, the employee's feedback saved by itself, save and send
 * in reach at the bottom of a long record, a history in words, and a clean printout.
 */
test.describe.configure({ mode: 'serial' });

const SUMMARY = '全年产量稳定超额完成，合格率略低于目标。';
const SECRET = '可考虑下半年晋升班组长（仅主管可见）。';
const FEEDBACK = '认可全年评价，合格率的问题我会重点改进。';
const RETURN_COMMENT = '第二项指标的得分请再核对一下。';

let managerState = '';
let employeeState = '';
let managerName = '';
let employeeName = '';
let recordUrl = '';

/** The action bar is on screen, at the bottom of the window, wherever the page is scrolled. */
async function expectBarInReach(page: Page): Promise<void> {
  const bar = page.getByTestId('record-action-bar');
  const height = page.viewportSize()!.height;
  const scrollable = await page.evaluate(
    () => document.documentElement.scrollHeight - window.innerHeight,
  );
  // a record shorter than the window would prove nothing
  expect(scrollable).toBeGreaterThan(300);
  for (const at of [0, 0.5]) {
    await page.evaluate((share) => window.scrollTo(0, share * document.body.scrollHeight), at);
    await expect(bar).toBeInViewport({ ratio: 1 });
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(height - 4);
  }
}

function textArea(page: Page, field: string): Locator {
  return page.getByTestId(`field-${field}`).locator('textarea');
}

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  managerState = testInfo.outputPath('manager.json');
  employeeState = testInfo.outputPath('employee.json');
  const manager = await apiAs(baseURL, 'manager', managerState);
  const employee = await apiAs(baseURL, 'employee', employeeState);
  managerName = manager.user.displayName;
  employeeName = employee.user.displayName;
  const templates = (await (await manager.api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  const created = await manager.api.post('/api/records', {
    data: {
      employeeId: employee.user.employeeId,
      templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
      topic: `记录页 ${testInfo.project.name} ${Date.now()}`,
      interviewAt: new Date().toISOString(),
      place: '一号楼 301 会议室',
      placeKind: 'room',
      content: {
        kpis: [
          { indicator: '产量达成率', target: '100%', actual: '104%', weight: 60, score: 90 },
          { indicator: '一次合格率', target: '99%', actual: '98.2%', weight: 40, score: 80 },
        ],
        overallRating: 4,
        goals: [
          {
            specific: '把一次合格率提升到 99.5%',
            measurable: '月度质检报告',
            achievable: '参加质量改进小组',
            relevant: '车间年度质量目标',
            deadline: '2027-06-30',
          },
        ],
        managerNotes: SECRET,
      },
    },
  });
  expect(created.status()).toBe(200);
  recordUrl = `/records/${((await created.json()) as { id: string }).id}`;
  for (const { api } of [manager, employee]) await api.dispose();
});

test('the interviewer sees where the record stands, autosaves into one version and submits after one preview', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(recordUrl);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');

  // Where it stands and whose turn it is, named.
  const progress = page.getByTestId('record-progress');
  await expect(progress).toHaveAttribute('data-step', 'draft');
  await expect(page.getByTestId('record-turn')).toHaveText(`待面谈人 ${managerName} 填写并提交`);
  await expect(progress.locator('.ant-steps-item')).toHaveCount(6);
  await expect(progress.locator('.ant-steps-item-process')).toContainText('面谈记录');
  await expect(progress.locator('.ant-steps-item-finish')).toContainText(['计划']);

  // Buttons say what they do.
  await expect(page.getByTestId('record-save')).toHaveText('保存草稿');
  await expect(page.getByTestId('record-submit')).toHaveText('提交给员工');
  await expectBarInReach(page);
  await expectNoOverflow(page);

  // Autosaves: two edits a few seconds apart, no click, one version in the history.
  for (const text of ['全年产量稳定', SUMMARY]) {
    const saved = answer(page, 'PUT', /^\/api\/records\/[^/]+$/);
    await textArea(page, 'reviewSummary').fill(text);
    expect((await saved).status()).toBe(200);
    await expect(page.getByTestId('autosave-status')).toContainText('已于');
  }
  await page.getByTestId('history-tab').click();
  const history = page.getByTestId('history-list');
  await expect(history.getByTestId('history-item')).toHaveCount(2);
  await expect(history.getByTestId('history-item').first()).toContainText('编辑');
  await expect(history.getByTestId('history-change')).toHaveCount(1);
  await expect(history.getByTestId('history-change')).toContainText('绩效总结');
  await expect(history.getByTestId('history-change')).toContainText(SUMMARY);
  await expect(history.getByTestId('history-change').getByTestId('change-empty')).toHaveText('空');
  await page.getByRole('tab', { name: '面谈内容' }).click();

  // One question before it goes out, with what the employee will see and nothing else.
  let sent = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/submit')) sent += 1;
  });
  await page.getByTestId('record-submit').click();
  const dialog = page.getByRole('dialog');
  const preview = dialog.getByTestId('submit-preview');
  await expect(preview).toContainText(`提交后 ${employeeName} 会收到通知`);
  await expect(preview).toContainText(SUMMARY);
  await expect(preview).toContainText('4 · 良好');
  await expect(preview).toContainText('把一次合格率提升到 99.5%');
  await expect(preview).not.toContainText(SECRET);
  await expect(preview).not.toContainText('主管备注');
  await expect(dialog.getByTestId('submit-hidden')).toContainText('1 个');
  await expect(preview.getByTestId('preview-field').locator('textarea')).toHaveCount(0);
  await expectNoOverflow(page);
  await dialog.getByRole('button', { name: /取\s?消/ }).click();
  await expect(dialog).toBeHidden();
  expect(sent).toBe(0);

  await page.getByTestId('record-submit').click();
  const submitted = answer(page, 'POST', /^\/api\/records\/[^/]+\/submit$/);
  await page.getByTestId('record-submit-send').click();
  expect((await submitted).status()).toBe(200);
  expect(sent).toBe(1);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
  await expect(page.getByTestId('record-turn')).toHaveText(`待员工 ${employeeName} 反馈`);
  await expect(progress.locator('.ant-steps-item-process')).toContainText('员工反馈');
  await expect(page.getByTestId('record-withdraw')).toHaveText('撤回修改');
});

test("the employee's feedback saves itself; save and send back stay in reach, with a jump to its own part", async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: employeeState })).newPage();
  await page.goto(recordUrl);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
  await expect(page.getByTestId('record-turn')).toHaveText(`待员工 ${employeeName} 反馈`);
  await expect(page.getByTestId('record-feedback-save')).toHaveText('保存反馈');
  await expect(page.getByTestId('record-return')).toHaveText('退回并说明意见');
  await expectBarInReach(page);

  await page.evaluate(() => window.scrollTo(0, 0));
  const own = page.getByTestId('field-employeeFeedback');
  await expect(own).not.toBeInViewport();
  await page.getByTestId('jump-to-feedback').click();
  await expect(own).toBeInViewport();
  await expect(page.getByTestId('record-action-bar')).toBeInViewport({ ratio: 1 });

  // No click on save: the feedback is saved two seconds after the last keystroke.
  const saved = answer(page, 'PUT', /^\/api\/records\/[^/]+\/feedback$/);
  await textArea(page, 'employeeFeedback').fill(FEEDBACK);
  await expect(page.getByTestId('autosave-status')).toContainText('有未保存的修改');
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('autosave-status')).toContainText('已于');
  await page.reload();
  await expect(textArea(page, 'employeeFeedback')).toHaveValue(FEEDBACK);
  await expectNoOverflow(page);

  await page.getByTestId('record-return').click();
  await page.getByTestId('return-comment').fill(RETURN_COMMENT);
  const returned = answer(page, 'POST', /^\/api\/records\/[^/]+\/return$/);
  await page.getByTestId('record-return-send').click();
  expect((await returned).status()).toBe(200);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('record-turn')).toHaveText(
    `员工已退回，待面谈人 ${managerName} 修改后重新提交`,
  );

  // The employee's history is in words too.
  await page.getByTestId('history-tab').click();
  const history = page.getByTestId('history-list');
  await expect(history).toContainText('员工的退回意见');
  await expect(history).toContainText(RETURN_COMMENT);
  for (const raw of ['returnComment', 'employeeFeedback', 'null', '"']) {
    await expect(history).not.toContainText(raw);
  }
});

test('the interviewer resubmits, reads the history in words, in both languages', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(recordUrl);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('record-submit')).toHaveText('重新提交');

  await page.getByTestId('history-tab').click();
  const history = page.getByTestId('history-list');
  const returned = history.getByTestId('history-item').first();
  await expect(returned).toContainText('员工退回');
  await expect(returned.getByTestId('history-change')).toContainText('员工的退回意见');
  await expect(returned.getByTestId('history-change')).toContainText(RETURN_COMMENT);
  await expect(returned.getByTestId('change-empty')).toHaveText('空');
  await expect(history).toContainText('员工反馈');
  await expect(history).toContainText(FEEDBACK);
  for (const raw of ['returnComment', 'reviewSummary', 'employeeFeedback', 'null', '"']) {
    await expect(history).not.toContainText(raw);
  }

  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(returned.getByTestId('history-change')).toContainText(
    "Employee's reason for sending back",
  );
  await expect(returned.getByTestId('change-empty')).toHaveText('empty');
  await expect(page.getByTestId('record-submit')).toHaveText('Resubmit to employee');
  await expect(page.getByTestId('record-turn')).toContainText(managerName);
  await expectNoOverflow(page);
  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name: '中文' }).click();
  await expect(page.getByTestId('record-submit')).toHaveText('重新提交');

  await page.getByRole('tab', { name: '面谈内容' }).click();
  await page.getByTestId('record-submit').click();
  await expect(page.getByTestId('record-submit-send')).toHaveText(/重新提交|重 新 提 交/);
  const submitted = answer(page, 'POST', /^\/api\/records\/[^/]+\/submit$/);
  await page.getByTestId('record-submit-send').click();
  expect((await submitted).status()).toBe(200);
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
});

test('a printed record is its content on A4, without the app around it', async ({
  newWatchedContext,
}) => {
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(recordUrl);
  await expect(page.getByTestId('record-title')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await expect(page.getByTestId('record-action-bar')).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  for (const shell of [
    page.getByTestId('user-menu'),
    page.locator('.app-header'),
    page.locator('.app-sider'),
    page.getByTestId('record-action-bar'),
    page.getByTestId('record-progress'),
    page.getByTestId('history-tab'),
    page.getByTestId('private-note'),
  ]) {
    await expect(shell).toBeHidden();
  }
  await expect(page.getByTestId('record-title')).toBeVisible();
  await expect(page.getByText('基本信息')).toBeVisible();
  await expect(page.getByTestId('field-reviewSummary')).toContainText(SUMMARY);
  await expect(page.getByTestId('field-employeeFeedback')).toContainText(FEEDBACK);
  await expect(page.locator('.record-page .ant-btn:visible')).toHaveCount(0);

  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('record-action-bar')).toBeVisible();
});
