import { COMPLETE_ANNUAL_REVIEW } from '../fixtures.js';
import { PNG_FILE, pdfFile } from '../attachment-files.js';
import { answer, apiAs, expect, expectNoOverflow, test } from './helpers.js';

/**
 * Attachments on a phone: the interviewer attaches an evaluation form (PDF) for everyone and a
 * photo for managers only to a draft, previews both in the page, and sends the record; the
 * employee then sees the shared file and not the manager-only one.
 */
test.describe.configure({ mode: 'serial' });
// uploads, two previews and a submission on a machine other suites share
test.setTimeout(150_000);

const SHARED = '绩效评估表.pdf';
const PRIVATE = '现场照片.png';

let managerState = '';
let employeeState = '';
let recordId = '';

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
      topic: `附件 ${testInfo.project.name} ${Date.now()}`,
      interviewAt: new Date().toISOString(),
      place: '一号楼 301 会议室',
      placeKind: 'room',
      content: COMPLETE_ANNUAL_REVIEW,
    },
  });
  expect(created.status()).toBe(200);
  recordId = ((await created.json()) as { id: string }).id;
  for (const { api } of [manager, employee]) await api.dispose();
});

test(
  'the interviewer attaches a PDF and a manager-only image to a draft and previews them',
  { tag: '@phone' },
  async ({ newWatchedContext }) => {
    const page = await (await newWatchedContext({ storageState: managerState })).newPage();
    await page.goto(`/records/${recordId}`);
    // a cold record page loads its chunk and the record: seconds on a busy machine
    await expect(page.getByTestId('record-state')).toBeVisible({ timeout: 40_000 });
    const panel = page.getByTestId('attachments');
    await expect(panel.getByTestId('attachments-empty')).toBeVisible();
    await expect(panel).toContainText('20 MB');
    const input = panel.locator('input[type=file]');

    let uploaded = answer(page, 'POST', /^\/api\/records\/[^/]+\/attachments$/);
    await input.setInputFiles({ name: SHARED, mimeType: 'application/pdf', buffer: pdfFile() });
    expect((await uploaded).status()).toBe(200);
    await expect(panel.getByTestId('attachment-item')).toHaveCount(1);

    await panel.getByTestId('attachment-managers-toggle').click();
    uploaded = answer(page, 'POST', /^\/api\/records\/[^/]+\/attachments$/);
    await input.setInputFiles({ name: PRIVATE, mimeType: 'image/png', buffer: PNG_FILE });
    expect((await uploaded).status()).toBe(200);
    const items = panel.getByTestId('attachment-item');
    await expect(items).toHaveCount(2);
    const photo = items.filter({ hasText: PRIVATE });
    await expect(photo.getByTestId('attachment-managers-only')).toHaveText('仅主管与HR可见');
    await expect(
      items.filter({ hasText: SHARED }).getByTestId('attachment-managers-only'),
    ).toHaveCount(0);
    await expectNoOverflow(page);

    // the image, then the PDF, previewed in the page from the decrypted bytes
    await photo.getByTestId('attachment-preview').click();
    const image = page.getByTestId('attachment-preview-image');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
    await expectNoOverflow(page);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /close|关闭/i })
      .click();
    await expect(image).toBeHidden();

    await items.filter({ hasText: SHARED }).getByTestId('attachment-preview').click();
    const pdf = page.getByTestId('attachment-preview-pdf');
    await expect(pdf).toBeVisible();
    await expect(pdf).toHaveAttribute('src', /^blob:/);
    await expectNoOverflow(page);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /close|关闭/i })
      .click();

    // sent to the employee
    await page.getByTestId('record-submit').click();
    const submitted = answer(page, 'POST', /^\/api\/records\/[^/]+\/submit$/);
    await page.getByTestId('record-submit-send').click();
    expect((await submitted).status()).toBe(200);
    await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'submitted');
    // the interviewer's part is closed now: no more uploads or deletes
    await expect(panel.getByTestId('attachment-upload')).toHaveCount(0);
    await expect(panel.getByTestId('attachment-delete')).toHaveCount(0);
  },
);

test(
  'the employee sees the shared attachment and not the manager-only one',
  { tag: '@phone' },
  async ({ newWatchedContext }) => {
    const page = await (await newWatchedContext({ storageState: employeeState })).newPage();
    await page.goto(`/records/${recordId}`);
    await expect(page.getByTestId('record-state')).toBeVisible({ timeout: 40_000 });
    const items = page.getByTestId('attachments').getByTestId('attachment-item');
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(SHARED);
    await expect(page.getByTestId('attachments')).not.toContainText(PRIVATE);
    await items.getByTestId('attachment-preview').click();
    await expect(page.getByTestId('attachment-preview-pdf')).toHaveAttribute('src', /^blob:/);
    await expectNoOverflow(page);
  },
);
