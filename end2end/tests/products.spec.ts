import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

async function signedIn(page: Page, testInfo: TestInfo) {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
}

/** Creates a product through the API, as a PIM would; returns its id. */
async function createProduct(request: APIRequestContext, number: string, name: string): Promise<number> {
  const response = await request.post('/api/catalog/save_product', { form: { number, name, description: '' } });
  expect(response.status()).toBe(200);
  return (await response.json()).id;
}

test('products are created and published on the Products page, also as plain form posts', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const number = `P-${testInfo.project.name}-${Date.now()}`;
  await page.goto('/products');
  await settled(page, testInfo);
  const form = page.getByRole('form', { name: 'Create a product' });
  await form.getByLabel('Number').fill(number);
  await form.getByLabel('Name').fill('Hiking pole');
  await form.getByRole('button', { name: 'Create product' }).click();

  await page.getByLabel('Number or name').fill(number);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/search=P-/);
  const row = page.getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('Hiking pole');
  await expect(row).toContainText('Draft');
  await row.getByRole('button', { name: `Publish ${number}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(number) })).toContainText('Published');
});

test.describe('with JavaScript', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'imports and Select products need JavaScript');

  test('a product CSV is imported with a progress bar and a report, and its products are listed', async ({ page }, testInfo) => {
    await signedIn(page, testInfo);
    const stamp = Date.now();
    const csv = [
      'number,name,description,status,categories',
      `CSV-${stamp}-1,Imported boot,"Warm, dry",published,`,
      `CSV-${stamp}-2,Imported cap,,draft,`,
      `CSV ${stamp},Bad number,,draft,`,
    ].join('\n');
    await page.goto('/products');
    await settled(page, testInfo);
    await page.getByLabel('Import products (CSV)').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = page.getByRole('region', { name: 'Import products' }).getByRole('status');
    await expect(report).toContainText('Created 2, updated 0, unchanged 0, refused 1.');
    await expect(report.getByRole('row', { name: /^4 / })).toContainText('Product number');
    await page.getByLabel('Number or name').fill(`CSV-${stamp}`);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('row', { name: new RegExp(`CSV-${stamp}-1`) })).toContainText('Published');
    await expect(page.getByRole('row', { name: new RegExp(`CSV-${stamp}-2`) })).toContainText('Imported cap');
  });

  test('an asset is added to two products picked by search, reviewed, saved, and published through one', async ({ page, browser }, testInfo) => {
    await signedIn(page, testInfo);
    const stamp = Date.now();
    const catalog = await page.request.post('/api/catalog/save_catalog', { form: { code: `boots-${stamp}`, name: `Boots ${stamp}` } });
    expect(catalog.status()).toBe(200);
    const categories = await page.request.post('/api/catalog/import/categories', {
      data: `catalog,number,name,parent\nboots-${stamp},WINTER-${stamp},Winter ${stamp},\n`,
      headers: { 'Content-Type': 'text/csv' },
    });
    expect((await categories.json()).created).toBe(1);
    const products = await page.request.post('/api/catalog/import/products', {
      data: [
        'number,name,description,status,categories',
        `BOOT-${stamp},Winter boot ${stamp},,draft,WINTER-${stamp}`,
        `BOOT-${stamp}-X,Summer boot ${stamp},,draft,`,
        `CAP-${stamp},Running cap ${stamp},,draft,`,
      ].join('\n'),
      headers: { 'Content-Type': 'text/csv' },
    });
    expect((await products.json()).created).toBe(3);
    const listed = await (await page.request.get(`/api/view/list_products?filter=${encodeURIComponent(`search=BOOT-${stamp}`)}`)).json();
    const boot = listed.products.find((p: { number: string }) => p.number === `BOOT-${stamp}`).id;
    const id = await uploadFile(page, `linked-${stamp}.jpg`, fixture('hopper.jpg'));

    await page.goto(`/assets/${id}?tab=products`);
    await settled(page, testInfo);
    const panel = page.getByRole('complementary', { name: 'Asset details' });
    await expect(panel).toContainText('This asset is not linked to any product.');
    await panel.getByRole('link', { name: 'Add to product' }).click();
    await expect(page).toHaveURL(new RegExp(`/assets/${id}/products`));
    await settled(page, testInfo);

    const categoryPanel = page.getByRole('form', { name: 'Categories' });
    await categoryPanel.getByLabel(`Winter ${stamp}`).check();
    await categoryPanel.getByRole('button', { name: 'Apply categories' }).click();
    await expect(page).toHaveURL(/category=/);
    await expect(page.getByRole('row')).toHaveCount(2);
    await page.getByLabel(`Select BOOT-${stamp} Winter boot ${stamp}`).check();
    await page.getByRole('form', { name: 'Categories' }).getByLabel(`Winter ${stamp}`).uncheck();
    await page.getByRole('form', { name: 'Categories' }).getByRole('button', { name: 'Apply categories' }).click();
    await expect(page).not.toHaveURL(/category=/);
    await page.getByLabel('Search number or name').fill(`running cap ${stamp}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('navigation', { name: 'Filter panels' }).getByRole('link', { name: 'Filters' }).click();
    await expect(page).toHaveURL(/panel=filters/);
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Status').selectOption('draft');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/search=running.*status=draft/);
    await expect(page.getByRole('row')).toHaveCount(2);
    await page.getByLabel(`Select CAP-${stamp} Running cap ${stamp}`).check();
    await expect(page.getByRole('status').first()).toHaveText('2 selected · 2 will be assigned · 0 will be unassigned');

    await page.getByRole('button', { name: 'Review' }).click();
    const review = page.getByRole('region', { name: 'Review' });
    await expect(review).toContainText(`BOOT-${stamp} Winter boot ${stamp}`);
    await expect(review).toContainText(`CAP-${stamp} Running cap ${stamp}`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=products`));
    await expect(panel).toContainText('Linked to 2 products, 0 published.');
    await expect(panel).toContainText(`BOOT-${stamp}`);
    await expect(panel).toContainText(`CAP-${stamp}`);

    const published = await page.request.post('/api/catalog/set_product_status', {
      form: { product_id: String(boot), status: 'published' },
    });
    expect(published.status()).toBe(200);
    const links = await (await page.request.post('/api/view/copy_links', { form: { asset_id: String(id) } })).json();
    const stranger = await browser.newContext();
    const served = await stranger.request.get(links.static_link);
    expect(served.status()).toBe(200);
    expect(Buffer.from(await served.body()).equals(fixture('hopper.jpg'))).toBe(true);
    await stranger.close();
  });
});
