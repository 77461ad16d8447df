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

test('after Clear all or a pill\'s ×, the panel shows exactly the address\'s filter, and addresses hold only what is set', async ({ page, javaScriptEnabled }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `clear${testInfo.project.name.replace(/\W/g, '')}${Date.now()}`;
  await uploadFile(page, `${stamp}_photo.jpg`, fixture('hopper.jpg'));
  await uploadFile(page, `${stamp}_sheet.pdf`, fixture('qoi-specification.pdf'));
  await page.goto('/assets?sort=latest');
  await settled(page, testInfo);
  const form = page.getByRole('form', { name: 'Filters' });
  const search = form.getByLabel('Search');
  await search.fill(stamp);
  await search.press('Enter');
  // Only what is set: no empty product, category or date fields in the address.
  await expect(page).toHaveURL(new RegExp(`/assets\\?q=${stamp}$`));
  await tick(page, javaScriptEnabled, /^Image \d+$/);
  await expect(page).toHaveURL(new RegExp(`/assets\\?q=${stamp}&type=image$`));
  await expect(form.getByRole('checkbox', { name: /^Image \d+$/ })).toBeChecked();

  await page.getByRole('link', { name: 'Clear all' }).click();
  await expect(page).not.toHaveURL(/q=|type=/);
  await expect(form.getByLabel('Search')).toHaveValue('');
  await expect(form.getByRole('checkbox', { checked: true })).toHaveCount(0);
  // The next tick brings back nothing that was cleared.
  await tick(page, javaScriptEnabled, /^Document \d+$/);
  await expect(page).toHaveURL(/\/assets\?type=document$/);

  await search.fill(stamp);
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  // The pills of the new address show (as a person sees them change) before one is removed.
  const pills = page.getByRole('list', { name: 'Active filters' });
  await expect(pills.getByRole('link', { name: new RegExp(`Remove filter .*${stamp}`) })).toBeVisible();
  await pills.getByRole('link', { name: /Remove filter Document/ }).click();
  await expect(page).not.toHaveURL(/type=/);
  await expect(form.getByRole('checkbox', { name: /^Document \d+$/ })).not.toBeChecked();
  await expect(form.getByLabel('Search')).toHaveValue(stamp);
});

test('what is typed in Search while the counts of a tick are still coming stays typed', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'a tick applies at once only with JavaScript');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `typed${Date.now()}`;
  await uploadFile(page, `${stamp}_sheet.pdf`, fixture('qoi-specification.pdf'));
  await page.goto('/assets?sort=latest');
  await settled(page, testInfo);
  // The counts are held back until the search has been typed.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  let asked = false;
  await page.route('**/api/view/filter_counts**', async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  const form = page.getByRole('form', { name: 'Filters' });
  await form.getByRole('checkbox', { name: /^Document \d+$/ }).check();
  await expect(page).toHaveURL(/type=document/);
  await expect.poll(() => asked).toBe(true);
  await form.getByLabel('Search').fill(stamp);
  release();
  await expect(form.getByRole('checkbox', { name: /^Document \d+$/ })).toBeChecked();
  await expect(form.getByLabel('Search')).toHaveValue(stamp);
  await form.getByLabel('Search').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${stamp}&type=document`));
  await expect(page.locator('.cards').getByRole('link')).toHaveCount(1);
});

test('an upload from the grid updates how many assets match and every count', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'uploading from the grid needs JavaScript');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `counted${Date.now()}`;
  await uploadFile(page, `${stamp}_first.png`, fixture('hopper.png'));
  await page.goto(`/assets?q=${stamp}`);
  await settled(page, testInfo);
  const matching = page.getByRole('status').filter({ hasText: /\d+ assets?/ }).getByText(/^\d+ assets?$/);
  await expect(matching).toHaveText('1 asset');
  const form = page.getByRole('form', { name: 'Filters' });
  await expect(form.getByRole('checkbox', { name: /^Document \d+$/ })).toHaveAccessibleName('Document 0');

  await page.locator('.upload-button input[type=file]').setInputFiles({
    name: `${stamp}_second.pdf`,
    mimeType: 'application/pdf',
    buffer: fixture('qoi-specification.pdf'),
  });
  await expect(page.getByRole('region', { name: 'Uploads' }).getByRole('status')).toHaveText('Done');
  await expect(matching).toHaveText('2 assets');
  await expect(form.getByRole('checkbox', { name: /^Document \d+$/ })).toHaveAccessibleName('Document 1');
  await expect(page.locator('.cards').getByRole('link')).toHaveCount(2);
});

test('products are found by number or name, and categories are a tree with counts', async ({ page, javaScriptEnabled }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `tree${testInfo.project.name.replace(/\W/g, '')}${Date.now()}`;
  const boot = await uploadFile(page, `${stamp}_boot.jpg`, fixture('hopper.jpg'));
  await uploadFile(page, `${stamp}_other.png`, fixture('hopper.png'));
  const product = await page.request.post('/api/catalog/save_product', {
    form: { number: `N-${stamp}`, name: `Trail runner ${stamp}`, description: '' },
  });
  expect(product.status()).toBe(200);
  const productId = (await product.json()).id;
  const linked = await page.request.post('/api/manage/change_asset_products', {
    form: { asset_id: String(boot), assign: String(productId), unassign: '' },
  });
  expect(linked.status()).toBe(200);
  const catalog = await page.request.post('/api/catalog/save_catalog', { form: { code: `c-${stamp}`, name: `Shop ${stamp}` } });
  expect(catalog.status()).toBe(200);
  const catalogId = String((await catalog.json()).catalog.id);
  /** Adds a category and returns its id, read from the catalog's tree the answer gives. */
  const category = async (number: string, name: string, parent: string) => {
    const tree = await page.request.post('/api/catalog/save_category', {
      form: { catalog_id: catalogId, number, name, parent_id: parent },
    });
    expect(tree.status()).toBe(200);
    const entry = (await tree.json()).categories.find((c: { category: { number: string } }) => c.category.number === number);
    return String(entry.category.id);
  };
  const shoesId = await category(`SH-${stamp}`, 'Shoes', '');
  const trailId = await category(`TR-${stamp}`, 'Trail', shoesId);
  const placed = await page.request.post('/api/manage/change_asset_categories', {
    form: { asset_id: String(boot), 'chosen[]': trailId },
  });
  expect(placed.status()).toBe(200);

  await page.goto(`/assets?q=${stamp}`);
  await settled(page, testInfo);
  const form = page.getByRole('form', { name: 'Filters' });
  const field = form.getByLabel('Product number or name');
  await field.fill(`runner ${stamp}`);
  if (javaScriptEnabled) await field.press('Enter');
  else await form.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('.cards').getByRole('link')).toHaveCount(1);
  await expect(page.locator('.cards')).toContainText(`${stamp}_boot`);
  await page.getByRole('link', { name: 'Clear all' }).click();
  await expect(page).not.toHaveURL(/product=/);

  await page.goto(`/assets?q=${stamp}`);
  await settled(page, testInfo);
  const tree = form.getByRole('group', { name: 'Categories' });
  await tree.getByText(`Shop ${stamp}`).click();
  // The parent counts what its subcategory holds.
  await expect(tree.getByRole('checkbox', { name: 'Shoes 1' })).toBeVisible();
  await expect(tree.getByRole('checkbox', { name: 'Trail 1' })).toBeVisible();
  await tick(page, javaScriptEnabled, /^Shoes 1$/);
  await expect(page).toHaveURL(new RegExp(`category=${shoesId}`));
  await expect(page.locator('.cards').getByRole('link')).toHaveCount(1);
});
