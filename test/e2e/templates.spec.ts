import type { Locator, Page } from '@playwright/test';
import { expect, expectNoOverflow, saveLogin, test } from './helpers.js';

let hrState = '';

// eslint-disable-next-line no-empty-pattern -- Playwright needs the pattern to see no fixtures
test.beforeAll(async ({}, testInfo) => {
  hrState = testInfo.outputPath('hr.json');
  await saveLogin(testInfo.project.use.baseURL!, 'hr', hrState);
});

/**
 * Picks a field type with the keyboard, as `choose` in records.spec.ts does: down the open list
 * until that type is the active entry, then Enter (a click can land while the list still moves).
 */
async function chooseType(page: Page, field: Locator, name: string): Promise<void> {
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await field.getByTestId('builder-field-type').click();
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  for (let i = 0; i < 12 && (await active.textContent()) !== name; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(active).toHaveText(name);
  await page.keyboard.press('Enter');
  await expect(field.getByTestId('builder-field-type')).toContainText(name);
}

test('HR builds a template: each type brings its own settings, and refusals are worded by code', async ({
  newWatchedContext,
}, testInfo) => {
  const page = await (await newWatchedContext({ storageState: hrState })).newPage();
  await page.goto('/templates/new');
  const name = `季度复盘 ${testInfo.project.name} ${Date.now()}`;
  await page.getByTestId('template-name-zh').fill(name);
  await page.getByTestId('template-name-en').fill(`Quarterly review ${Date.now()}`);
  await page.getByTestId('builder-section-title-zh').fill('回顾');
  await page.getByTestId('builder-section-title-en').fill('Review');

  const first = page.getByTestId('builder-field').nth(0);
  await first.getByTestId('builder-field-label-zh').fill('总体评价');
  await first.getByTestId('builder-field-label-en').fill('Overall');
  // A rating comes with the default five levels; a choice with two options. Each type keeps
  // its own settings while the field tries another.
  await chooseType(page, first, '评分');
  await expect(first.getByLabel('分值')).toHaveCount(5);
  await first.getByLabel('分值').nth(4).fill('9');
  await chooseType(page, first, '选择');
  await expect(first.getByLabel('选项标识')).toHaveCount(2);
  await chooseType(page, first, '评分');
  await expect(first.getByLabel('分值').nth(4)).toHaveValue('9');

  await page.getByTestId('builder-add-field').click();
  const second = page.getByTestId('builder-field').nth(1);
  await second.getByTestId('builder-field-label-zh').fill('完成率');
  await second.getByTestId('builder-field-label-en').fill('Completion');
  await chooseType(page, second, '数字');
  await second.getByLabel('最小值').fill('5');
  await second.getByLabel('最大值').fill('1');
  await expectNoOverflow(page);

  // Refused before anything is sent, in the user's words rather than the schema's.
  await page.getByTestId('template-builder-save').click();
  const issues = page.getByTestId('template-issues');
  await expect(issues).toContainText('最大值小于最小值');
  await expect(issues).not.toContainText('max is below min');

  await second.getByLabel('最大值').fill('100');
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/templates',
  );
  await page.getByTestId('template-builder-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('template-title')).toContainText(name);
});
