import type { Locator, Page } from '@playwright/test';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

async function signedIn(page: Page, testInfo: Parameters<typeof settled>[1]) {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
}

/** Whether a box and the words of its label sit on one line, box first: the box's middle within the
 * words' height, the words starting after the box. The words are measured as text, not as the label
 * element around both. */
async function besideItsWords(box: Locator) {
  const [control, words] = await box.evaluate((input) => {
    const label = input.closest('label')!;
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let text: Node | null;
    while ((text = walker.nextNode()) && !text.textContent!.trim());
    range.selectNodeContents(text!);
    const r = range.getBoundingClientRect();
    const c = input.getBoundingClientRect();
    return [{ x: c.x, y: c.y, width: c.width, height: c.height }, { x: r.x, y: r.y, width: r.width, height: r.height }];
  });
  const middle = control.y + control.height / 2;
  expect(middle, 'the box is level with its words').toBeGreaterThan(words.y);
  expect(middle, 'the box is level with its words').toBeLessThan(words.y + words.height);
  expect(control.x + control.width, 'the box comes before its words').toBeLessThanOrEqual(words.x + 1);
}

test('the Details form reads as a form: choices beside their words, the description in the page\'s font', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `edges-${testInfo.project.name}-${Date.now()}`;
  const id = await uploadFile(page, `${code}.png`, fixture('hopper.png'));
  await page.goto(`/assets/${id}?tab=details`);
  await settled(page, testInfo);
  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await besideItsWords(panel.getByRole('radio', { name: 'Internal' }));
  await besideItsWords(panel.getByRole('checkbox', { name: /Localizable/ }));
  const fonts = await page.evaluate(() => [
    getComputedStyle(document.querySelector('textarea[name=description]')!).fontFamily,
    getComputedStyle(document.body).fontFamily,
  ]);
  expect(fonts[0]).toBe(fonts[1]);
  // A name cut on its card shows whole on hover.
  const long = `${code}_with_a_name_far_too_long_for_any_card_in_the_grid`;
  await uploadFile(page, `${long}.png`, fixture('hopper.jpg'));
  await page.goto(`/assets?q=${code}`);
  await settled(page, testInfo);
  await expect(page.locator('.cards').getByText(long, { exact: true })).toHaveAttribute('title', long);
});

test('a version\'s Download and Restore are named icons that show on hover and on focus', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `icons-${testInfo.project.name}-${Date.now()}`;
  const id = await uploadFile(page, `${code}.png`, fixture('hopper.png'));
  await uploadFile(page, `${code}.png`, fixture('hopper.jpg'), id);
  await page.goto(`/assets/${id}?tab=versions`);
  await settled(page, testInfo);
  const first = page.getByRole('listitem', { name: 'Version 1' });
  const restore = first.getByRole('button', { name: 'Restore version 1' });
  const download = first.getByRole('link', { name: 'Download version 1' });
  await expect(restore.locator('svg')).toHaveCount(1);
  await expect(download.locator('svg')).toHaveCount(1);
  const opacity = (locator: Locator) => locator.evaluate((e) => getComputedStyle(e.parentElement!.closest('.version-actions')!).opacity);
  await page.mouse.move(0, 0);
  await expect.poll(() => opacity(download)).toBe('0');
  await download.focus();
  await expect.poll(() => opacity(download)).toBe('1');
});

test('a created product leaves the form empty for the next, and an archived one offers no Unpublish', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'without JavaScript the page comes back fresh from the server');
  await signedIn(page, testInfo);
  const number = `EDGE-${Date.now()}`;
  await page.goto('/products');
  await settled(page, testInfo);
  const form = page.getByRole('form', { name: 'Create a product' });
  await form.getByLabel('Number').fill(number);
  await form.getByLabel('Name').fill('Edge boot');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved product ${number}` })).toBeVisible();
  await expect(form.getByLabel('Number')).toHaveValue('');
  await expect(form.getByLabel('Name')).toHaveValue('');

  await page.getByLabel('Number or name').fill(number);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: new RegExp(number) });
  await row.getByRole('button', { name: `Archive ${number}` }).click();
  await expect(row).toContainText('Archived');
  await expect(row.getByRole('button', { name: `Back to draft ${number}` })).toBeVisible();
  await expect(row.getByRole('button', { name: `Unpublish ${number}` })).toHaveCount(0);
});

test('subcategories line up under their parents\' names on Add asset to categories', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const stamp = `${testInfo.project.name.replace(/\W/g, '')}${Date.now()}`;
  const id = await uploadFile(page, `aligned-${stamp}.png`, fixture('hopper.png'));
  const catalog = await page.request.post('/api/catalog/save_catalog', { form: { code: `al-${stamp}`, name: `Aligned ${stamp}` } });
  const catalogId = String((await catalog.json()).catalog.id);
  const parent = await page.request.post('/api/catalog/save_category', {
    form: { catalog_id: catalogId, number: `PA-${stamp}`, name: `Parent ${stamp}`, parent_id: '' },
  });
  const parentId = String((await parent.json()).categories[0].category.id);
  await page.request.post('/api/catalog/save_category', {
    form: { catalog_id: catalogId, number: `CH-${stamp}`, name: 'Child', parent_id: parentId },
  });
  await page.goto(`/assets/${id}/categories`);
  await settled(page, testInfo);
  const parentName = await page.getByText(`Parent ${stamp}`, { exact: true }).boundingBox();
  const childBox = await page.getByRole('checkbox', { name: `Child CH-${stamp}` }).boundingBox();
  expect(Math.abs(childBox!.x - parentName!.x), 'the child\'s box starts under its parent\'s name').toBeLessThan(6);
});
