import { COMPLETE_ANNUAL_REVIEW } from '../fixtures.js';
import { answer, apiAs, expect, expectNoOverflow, saveLogin, test } from './helpers.js';

/**
 * The record's PDF in the browser: a manager previews a submitted record's PDF, downloads it, and
 * checks it on the verification page at phone width, by file and by code; a modified copy is
 * refused.
 */
let managerState = '';
let recordId = '';
let topic = '';

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const employee = await saveLogin(baseURL, 'employee', testInfo.outputPath('employee.json'));
  managerState = testInfo.outputPath('manager.json');
  const { api } = await apiAs(baseURL, 'manager', managerState);
  const templates = (await (await api.get('/api/templates')).json()) as {
    items: { id: string; code: string }[];
  };
  // Both projects share one server: each run's interview has its own topic.
  topic = `年度绩效面谈 PDF ${testInfo.project.name} ${Date.now()}`;
  const created = await api.post('/api/records', {
    data: {
      employeeId: employee.user.employeeId,
      templateId: templates.items.find((t) => t.code === 'annual-review')!.id,
      topic,
      interviewAt: '2026-12-01T02:00:00.000Z',
      place: '一车间会议室',
      placeKind: 'room',
      content: { ...COMPLETE_ANNUAL_REVIEW, reviewSummary: '全年良品率稳定' },
    },
  });
  expect(created.status()).toBe(200);
  recordId = ((await created.json()) as { id: string }).id;
  const submitted = await api.post(`/api/records/${recordId}/submit`, {
    headers: { 'if-match': '"1"' },
  });
  expect(submitted.status()).toBe(200);
  await api.dispose();
});

test('the manager previews and downloads a record PDF, and verifies it at 375 px by file and by code; a modified copy is refused', async ({
  newWatchedContext,
  allowHttpError,
}) => {
  // a PDF made and four requests checked on a loaded machine: more than the default minute
  test.setTimeout(150_000);
  const page = await (await newWatchedContext({ storageState: managerState })).newPage();
  await page.goto(`/records/${recordId}`);
  await expect(page.getByTestId('record-title')).toHaveText(topic, { timeout: 20_000 });

  const issued = answer(page, 'GET', /^\/api\/records\/[^/]+\/pdf$/);
  await page.getByTestId('record-pdf').click();
  const response = await issued;
  expect(response.status()).toBe(200);
  // the code is in the file name the server gives: "<topic>-XXXXX-XXXXX.pdf"
  const disposition = decodeURIComponent(response.headers()['content-disposition']!);
  const code = /-([0-9A-Z]{5}-[0-9A-Z]{5})\.pdf$/.exec(disposition)![1]!;
  await expect(page.getByTestId('record-pdf-preview')).toHaveAttribute('src', /^blob:/);
  await expect(page.getByTestId('record-pdf-language')).toBeVisible();
  await expectNoOverflow(page);

  const downloaded = page.waitForEvent('download');
  await page.getByTestId('record-pdf-download').click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe(`${topic}.pdf`);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const pdf = Buffer.concat(chunks);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/verify');
  const upload = page.locator('input[type="file"]');
  await upload.setInputFiles({ name: 'record.pdf', mimeType: 'application/pdf', buffer: pdf });
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-valid', 'true', { timeout: 20_000 });
  await expect(result).toContainText(topic);
  await expect(page.getByTestId('verify-check-recordUnchanged')).toHaveAttribute('data-ok', 'true');
  await expectNoOverflow(page);

  allowHttpError({ status: 422, path: '/api/verify' });
  const modified = Buffer.from(pdf);
  const middle = modified.length >> 1;
  modified[middle] = modified[middle]! ^ 0x20;
  await upload.setInputFiles({ name: 'record.pdf', mimeType: 'application/pdf', buffer: modified });
  await expect(result).toHaveAttribute('data-valid', 'false');
  await expect(result).toContainText('不一致');
  await expectNoOverflow(page);

  await page.getByTestId('verify-code').fill(code.toLowerCase());
  await page.getByTestId('verify-code-submit').click();
  await expect(page).toHaveURL(new RegExp(`/verify/${code.replace('-', '')}$`));
  await expect(result).toHaveAttribute('data-valid', 'true');
  await expect(result).toContainText(code);
  await expectNoOverflow(page);
});
