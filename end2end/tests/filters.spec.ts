import type { Page } from '@playwright/test';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

/** Ticks a value of the Filters panel: with JavaScript the tick applies at once, without it Apply does. */
async function tick(page: Page, javaScriptEnabled: boolean, name: RegExp) {
  const form = page.getByRole('form', { name: 'Filters' });
  await form.getByRole('checkbox', { name }).check();
  if (!javaScriptEnabled) await form.getByRole('button', { name: 'Apply filters' }).click();
}

test('search, two file types and a label narrow the grid, show as pills with counts, and stay after a reload', async ({ page, javaScriptEnabled }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `f${testInfo.project.name.replace(/\W/g, '')}${Date.now()}`;
  const photo = await uploadFile(page, `${stamp}_photo.jpg`, fixture('hopper.jpg'));
  await uploadFile(page, `${stamp}_still.png`, fixture('hopper.png'));
  await uploadFile(page, `${stamp}_sheet.pdf`, fixture('qoi-specification.pdf'));
  await uploadFile(page, `${stamp}_anim.gif`, fixture('hopper.gif'));
  const asset = await (await page.request.get(`/api/view/get_asset?asset_id=${photo}`)).json();
  const saved = await page.request.post('/api/manage/update_asset', {
    form: { asset_id: String(photo), revision: String(asset.revision), name: asset.name, description: '', labels: `tag${stamp}`, availability: 'automatic' },
  });
  expect(saved.status()).toBe(200);

  await page.goto('/assets');
  await settled(page, testInfo);
  const form = page.getByRole('form', { name: 'Filters' });
  await form.getByLabel('Search').fill(stamp.toUpperCase().slice(0, -2));
  await form.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(/q=/);
  const matching = page.getByRole('status').filter({ hasText: /\d+ assets?/ });
  await expect(matching).toContainText('4 assets');

  await tick(page, javaScriptEnabled, /^Image \d+$/);
  await expect(page).toHaveURL(/type=image/);
  await tick(page, javaScriptEnabled, /^Document \d+$/);
  await expect(page).toHaveURL(/type=image.*type=document|type=document.*type=image/);
  await expect(matching).toContainText('4 assets');
  await expect(form.getByRole('checkbox', { name: `tag${stamp} 1` })).toBeVisible();
  await tick(page, javaScriptEnabled, new RegExp(`^tag${stamp} 1$`));
  await expect(page).toHaveURL(new RegExp(`label=tag${stamp}`));

  const pills = page.getByRole('list', { name: 'Active filters' });
  await expect(pills.getByRole('link')).toHaveText([/“.*” ×/, 'Image ×', 'Document ×', `tag${stamp} ×`]);
  await expect(matching).toContainText('1 asset');
  await expect(page.locator('.cards').getByRole('link')).toHaveCount(1);
  await expect(page.locator('.cards')).toContainText(`${stamp}_photo`);
  // Each count leaves its own group out: with the search and the label, 1 image and no document.
  await expect(form.getByRole('checkbox', { name: /^Image 1$/ })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: /^Document 0$/ })).toBeChecked();

  await page.reload();
  await settled(page, testInfo);
  await expect(pills.getByRole('link')).toHaveCount(4);
  await expect(matching).toContainText('1 asset');

  await pills.getByRole('link', { name: `Remove filter tag${stamp}` }).click();
  await expect(page).not.toHaveURL(/label=/);
  await expect(matching).toContainText('4 assets');
});
