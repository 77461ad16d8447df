import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

async function signedIn(page: Page, testInfo: TestInfo) {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
}

test('a catalog and a nested category are made on the Catalogs page, also as plain form posts', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `c-${testInfo.project.name}-${Date.now()}`;
  await page.goto('/catalogs');
  await settled(page, testInfo);
  const create = page.getByRole('form', { name: 'Create a catalog' });
  await create.getByLabel('Code').fill(code);
  await create.getByLabel('Name').fill(`Catalog ${code}`);
  await create.getByRole('button', { name: 'Create catalog' }).click();

  const add = page.getByRole('form', { name: `Add a category to Catalog ${code}` });
  await add.getByLabel('Number').fill(`${code}-shoes`);
  await add.getByLabel('Name').fill('Shoes');
  await add.getByRole('button', { name: 'Add category' }).click();
  // The tree shows the first category (and its form is drawn anew) before the second is typed.
  const catalog = page.getByRole('region', { name: new RegExp(`Catalog ${code}`) });
  await expect(catalog.getByRole('listitem')).toHaveCount(1);
  const again = page.getByRole('form', { name: `Add a category to Catalog ${code}` });
  await again.getByLabel('Number').fill(`${code}-trail`);
  await again.getByLabel('Name').fill('Trail');
  await again.getByLabel('Under').selectOption({ label: 'Shoes' });
  await again.getByRole('button', { name: 'Add category' }).click();

  await expect(catalog.getByRole('listitem')).toHaveCount(2);
  await expect(catalog.getByRole('listitem').nth(1)).toContainText('Trail');
  await expect(catalog.getByRole('listitem').nth(1)).toHaveAttribute('style', /padding-left: 1.5rem/);
});

/** A catalog `Shop <stamp>` with the categories Bags and Hats; returns nothing, names carry the stamp. */
async function shopCatalog(request: APIRequestContext, stamp: number) {
  const catalog = await request.post('/api/catalog/save_catalog', { form: { code: `e-${stamp}`, name: `Shop ${stamp}` } });
  expect(catalog.status()).toBe(200);
  const catalogId = String((await catalog.json()).catalog.id);
  for (const [number, name] of [[`BAGS-${stamp}`, 'Bags'], [`HATS-${stamp}`, 'Hats']]) {
    const made = await request.post('/api/catalog/save_category', {
      form: { catalog_id: catalogId, parent_id: '', number, name },
    });
    expect(made.status()).toBe(200);
  }
}

test('Edit categories puts the asset in a category found by search, and the tab shows its path', async ({ page, javaScriptEnabled }, testInfo) => {
  await signedIn(page, testInfo);
  const stamp = Date.now();
  await shopCatalog(page.request, stamp);
  const id = await uploadFile(page, `placed-${stamp}.png`, fixture('hopper.png'));
  await page.goto(`/assets/${id}?tab=categories`);
  await settled(page, testInfo);
  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await expect(panel).toContainText('This asset is in no category.');
  await panel.getByRole('link', { name: 'Edit categories' }).click();
  await expect(page).toHaveURL(new RegExp(`/assets/${id}/categories`));
  await settled(page, testInfo);

  // With JavaScript the trees filter as one types; without it, Search reloads the page filtered.
  await page.getByLabel('Search categories').fill(`hats-${stamp}`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByLabel(`Bags BAGS-${stamp}`)).toBeHidden();
  await page.getByLabel(`Hats HATS-${stamp}`).check();
  if (javaScriptEnabled) {
    await expect(page.getByRole('status').first()).toHaveText('1 added · 0 removed');
  }
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=categories`));
  await expect(panel).toContainText(`Shop ${stamp} › Hats`);
});

test("a product's categories are ticked on its page and shown as paths", async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const stamp = Date.now();
  await shopCatalog(page.request, stamp);
  const made = await page.request.post('/api/catalog/save_product', { form: { number: `CAT-${stamp}`, name: 'Tote', description: '' } });
  expect(made.status()).toBe(200);
  const product = (await made.json()).id;
  await page.goto(`/products/${product}`);
  await settled(page, testInfo);
  const section = page.getByRole('region', { name: 'Categories' });
  await expect(section).toContainText('This product is in no category.');
  await section.getByText('Edit categories').click();
  await section.getByLabel(`Bags BAGS-${stamp}`).check();
  await section.getByRole('button', { name: 'Save categories' }).click();
  await expect(section.getByRole('list', { name: 'In these categories' }).getByRole('listitem')).toHaveText([`Shop ${stamp} › Bags`]);
});
