import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

// Selecting cards and the bulk bar are for the hydrated page.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'selecting assets needs JavaScript');

test('select all matching, set availability, read the report; Shift-click a range and download it as a ZIP', async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `bulk${Date.now()}`;
  const ids: number[] = [];
  for (const [name, file] of [['a', 'hopper.jpg'], ['b', 'hopper.png'], ['c', 'hopper.gif'], ['d', 'qoi-specification.pdf']]) {
    ids.push(await uploadFile(page, `${stamp}_${name}.${file.split('.').pop()}`, fixture(file)));
  }
  await page.goto(`/assets?q=${stamp}&sort=oldest`);
  await settled(page, testInfo);
  const cards = page.locator('.cards');
  await expect(cards.getByRole('link')).toHaveCount(4);

  // One card ticked, then Select all matching: every asset the filter finds.
  await cards.getByRole('checkbox', { name: `Select ${stamp}_a` }).check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bar.getByRole('status')).toHaveText('1 asset selected');
  await bar.getByRole('button', { name: 'Select all 4 matching' }).click();
  await expect(bar.getByRole('status')).toHaveText('All 4 matching assets selected');
  await expect(cards.getByRole('checkbox', { checked: true })).toHaveCount(4);

  await bar.getByRole('button', { name: 'Set availability' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set availability' });
  await dialog.getByRole('radio', { name: 'Internal' }).check();
  await dialog.getByRole('button', { name: 'Set availability' }).click();
  await expect(page).toHaveURL(/bulk=\d+/);
  const report = page.getByRole('region', { name: 'Set availability to Internal' });
  await expect(report.getByRole('status')).toHaveText('4 of 4 done');
  await expect(cards.locator('.badge.internal')).toHaveCount(4);
  await expect(bar).toBeHidden();
  for (const id of ids) {
    const asset = await (await page.request.get(`/api/view/get_asset?asset_id=${id}`)).json();
    expect(asset.availability).toBe('internal');
  }
  // The report stays through a reload, until closed.
  await page.reload();
  await settled(page, testInfo);
  await expect(report.getByRole('status')).toHaveText('4 of 4 done');
  await report.getByRole('link', { name: 'Close' }).click();
  await expect(page).not.toHaveURL(/bulk=/);
  await expect(report).toBeHidden();

  // a, then Shift-click c: a, b and c, not d.
  await cards.getByRole('checkbox', { name: `Select ${stamp}_a` }).check();
  await cards.getByRole('checkbox', { name: `Select ${stamp}_c` }).click({ modifiers: ['Shift'] });
  await expect(bar.getByRole('status')).toHaveText('3 assets selected');
  await expect(cards.getByRole('checkbox', { name: `Select ${stamp}_d` })).not.toBeChecked();
  const download = page.waitForEvent('download');
  await bar.getByRole('link', { name: 'Download as ZIP' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe('assets.zip');
  const path = await zip.path();
  const bytes = require('node:fs').readFileSync(path) as Buffer;
  // Three files, named as uploaded (the central directory lists each name).
  for (const name of ['a.jpg', 'b.png', 'c.gif']) expect(bytes.includes(Buffer.from(`${stamp}_${name}`))).toBe(true);
  expect(bytes.includes(Buffer.from(`${stamp}_d.pdf`))).toBe(false);
});

test('many selected assets are linked to a product through Select products', async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `link${Date.now()}`;
  const first = await uploadFile(page, `${stamp}_one.jpg`, fixture('hopper.jpg'));
  const second = await uploadFile(page, `${stamp}_two.png`, fixture('hopper.png'));
  const product = await page.request.post('/api/catalog/save_product', {
    form: { number: `P-${stamp}`, name: 'Bulk boot', description: '' },
  });
  expect(product.status()).toBe(200);

  await page.goto(`/assets?q=${stamp}`);
  await settled(page, testInfo);
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await page.locator('.cards').getByRole('checkbox', { name: `Select ${stamp}_one` }).check();
  await bar.getByRole('button', { name: 'Select all 2 matching' }).click();
  await bar.getByRole('link', { name: 'Link to products' }).click();
  await expect(page).toHaveURL(/\/assets\/selected\/products\?assets=/);
  await settled(page, testInfo);
  await expect(page.getByRole('heading', { name: 'Select products', level: 1 })).toBeVisible();
  const search = page.getByRole('search');
  await search.getByLabel('Search number or name').fill(`P-${stamp}`);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/search=/);
  await expect(page).toHaveURL(/assets=/);
  await page.getByLabel(`Select P-${stamp} Bulk boot`).check();
  await page.getByRole('button', { name: 'Link to products' }).click();
  await expect(page).toHaveURL(/\/assets\?.*bulk=\d+/);
  await settled(page, testInfo);
  await expect(page.getByRole('region', { name: 'Link to 1 product' }).getByRole('status')).toHaveText('2 of 2 done');
  for (const id of [first, second]) {
    const details = await (await page.request.get(`/api/view/asset_details?asset_id=${id}`)).json();
    expect(details.products.map((p: { number: string }) => p.number)).toEqual([`P-${stamp}`]);
  }
});
