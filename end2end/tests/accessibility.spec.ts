import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import {
  ADMIN,
  ADMIN_PASSWORD,
  expect,
  fixture,
  saveDetails,
  settled,
  setAvailability,
  signIn,
  test,
  uploadFile,
} from './support';

/** axe-core's WCAG 2.1 A and AA rules: every violation, with the elements it concerns. */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function checked(page: Page, what: string) {
  expect(await violations(page), what).toEqual([]);
}

// axe runs as a script in the page; the server-rendered markup it checks is the same without JavaScript.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'axe-core runs in the page, which needs JavaScript');

async function open(page: Page, testInfo: TestInfo, path: string) {
  await page.goto(path);
  await settled(page, testInfo);
}

test('every page passes WCAG 2.1 A and AA', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await open(page, testInfo, '/sign-in');
  await checked(page, 'Sign in');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `${testInfo.project.name}-${Date.now()}`;
  const id = await uploadFile(page, `axe-${stamp}.jpg`, fixture('hopper.jpg'));
  const published = await uploadFile(page, `axe-public-${stamp}.png`, fixture('hopper.png'));
  await setAvailability(page, published, 'public');
  await open(page, testInfo, '/assets');
  await checked(page, 'Assets grid');
  await open(page, testInfo, `/assets?q=axe&type=image&label=none&sort=updated`);
  await checked(page, 'Assets grid, filtered');
  for (const tab of ['details', 'products', 'categories', 'versions']) {
    await open(page, testInfo, `/assets/${id}?tab=${tab}`);
    await checked(page, `${tab} tab`);
  }
  await open(page, testInfo, `/assets/${published}?tab=details`);
  await checked(page, 'a published asset');
  await open(page, testInfo, '/users');
  await checked(page, 'Users');
  const locale = await page.request.post('/api/settings/add_locale', { form: { code: 'fr_FR' } });
  expect([200, 409]).toContain(locale.status());
  await open(page, testInfo, '/settings');
  await checked(page, 'Settings');
  await open(page, testInfo, '/settings/webhooks');
  await checked(page, 'Webhooks');
  await open(page, testInfo, '/assets/upload');
  await page.getByLabel('Drag and drop your assets or click here').setInputFiles([
    { name: `axe-new-${stamp}.jpg`, mimeType: 'image/jpeg', buffer: fixture('hopper.jpg') },
    { name: `axe-${stamp}_fr_FR.jpg`, mimeType: 'image/jpeg', buffer: fixture('hopper.jpg') },
  ]);
  await expect(page.getByRole('region', { name: '1 file ready, 1 with errors' })).toBeVisible();
  await expect(page.getByText('is not localizable')).toBeVisible();
  await checked(page, 'Upload assets, with a file and an error');
  await page.getByRole('button', { name: 'Upload assets' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`^axe-new-${stamp}`) })).toContainText('Uploaded');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('region', { name: 'Import report' })).toBeVisible();
  await checked(page, 'Upload assets, with the import report');
  await page.getByRole('button', { name: 'Remove all files' }).click();
  await saveDetails(page, id, { localizable: 'on' });
  for (const tab of ['details', 'versions']) {
    await open(page, testInfo, `/assets/${id}?tab=${tab}&locale=fr_FR`);
    await expect(page.getByLabel('Locale', { exact: true })).toHaveValue('fr_FR');
    await checked(page, `a localizable asset's ${tab} tab, for fr_FR`);
  }
  const product = await page.request.post('/api/catalog/save_product', {
    form: { number: `AXE-${stamp}`, name: 'Checked product', description: '' },
  });
  expect(product.status()).toBe(200);
  await open(page, testInfo, '/products');
  await checked(page, 'Products');
  const productId = (await product.json()).id;
  await page.request.post('/api/manage/change_asset_products', { form: { asset_id: String(id), assign: String(productId), unassign: '' } });
  await open(page, testInfo, `/products/${productId}`);
  await checked(page, "A product's page");
  await page.request.post('/api/view/save_product_view', { form: { name: `Axe ${stamp}`, query: 'status=draft' } });
  await open(page, testInfo, `/assets/${id}/products`);
  await page.getByLabel(`Select AXE-${stamp} Checked product`).uncheck();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('region', { name: 'Review' })).toBeVisible();
  await checked(page, 'Select products, with the Review open');
  const catalog = await page.request.post('/api/catalog/save_catalog', { form: { code: `axe-${stamp}`, name: 'Checked catalog' } });
  const catalogId = String((await catalog.json()).catalog.id);
  await page.request.post('/api/catalog/save_category', {
    form: { catalog_id: catalogId, parent_id: '', number: `AXE-C-${stamp}`, name: 'Checked category' },
  });
  await open(page, testInfo, '/catalogs');
  await checked(page, 'Catalogs');
  await open(page, testInfo, `/assets/${id}/categories`);
  await checked(page, 'Add asset to categories');
  for (const panel of ['categories', 'filters', 'views']) {
    await open(page, testInfo, `/assets/${id}/products?panel=${panel}`);
    await checked(page, `Select products, ${panel} panel`);
  }
  await open(page, testInfo, `/products/${productId}?search=checked`);
  await checked(page, "A product's page, editing its categories");
});

test('the actions menu and every window pass WCAG 2.1 A and AA', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const id = await uploadFile(page, `axe-windows-${Date.now()}.png`, fixture('hopper.png'));
  await setAvailability(page, id, 'public');
  await open(page, testInfo, `/assets/${id}?tab=details`);
  const panel = page.getByRole('complementary', { name: 'Asset details' });
  const actions = panel.getByRole('button', { name: 'Asset actions' });

  await actions.click();
  await expect(page.getByRole('menu', { name: 'Asset actions' })).toBeVisible();
  await checked(page, 'Asset actions menu');

  for (const [item, window] of [
    ['Add version', 'Add new version of asset'],
    ['Preview', /^Preview of/],
    ['Copy static link', 'Link copied'],
  ] as const) {
    if (!(await page.getByRole('menu', { name: 'Asset actions' }).isVisible())) await actions.click();
    await page.getByRole('menuitem', { name: item }).click();
    const dialog = page.getByRole('dialog', { name: window });
    await expect(dialog).toBeVisible();
    await checked(page, `${item} window`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  }

  await setAvailability(page, id, 'internal');
  await open(page, testInfo, `/assets/${id}?tab=details`);
  await actions.click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete asset' })).toBeVisible();
  await checked(page, 'Delete window');
});

test('the bulk bar, its windows, a report and Select products for many pass WCAG 2.1 A and AA', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `axebulk${Date.now()}`;
  await uploadFile(page, `${stamp}_one.png`, fixture('hopper.png'));
  await uploadFile(page, `${stamp}_two.jpg`, fixture('hopper.jpg'));
  await open(page, testInfo, `/assets?q=${stamp}`);
  await page.locator('.cards').getByRole('checkbox', { name: `Select ${stamp}_one` }).check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bar).toBeVisible();
  await checked(page, 'Bulk bar');
  for (const [button, window] of [
    ['Set availability', 'Set availability'],
    ['Add labels', 'Add labels'],
    ['Remove labels', 'Remove labels'],
    ['Add to categories', 'Add to categories'],
    ['Delete', 'Delete assets'],
  ]) {
    await bar.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: window });
    await expect(dialog).toBeVisible();
    await checked(page, `${window} window`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  }
  await bar.getByRole('button', { name: 'Add labels' }).click();
  const labels = page.getByRole('dialog', { name: 'Add labels' });
  await labels.getByLabel('Labels, separated by commas').fill('checked');
  await labels.getByRole('button', { name: 'Add labels' }).click();
  await expect(page.getByRole('region', { name: 'Add labels: checked' })).toBeVisible();
  await checked(page, 'A bulk change report');
  await open(page, testInfo, `/assets/selected/products?assets=${encodeURIComponent(`all=1&q=${stamp}`)}`);
  await expect(page.getByRole('heading', { name: 'Select products', level: 1 })).toBeVisible();
  await checked(page, 'Select products for many assets');
});
