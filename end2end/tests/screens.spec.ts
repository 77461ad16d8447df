import type { Page } from '@playwright/test';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

/** Whether anything makes the page wider than the screen. */
async function noSidewaysScroll(page: Page, what: string) {
  const [width, screen, widest] = await page.evaluate(() => {
    const past = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1);
    const last = past.at(-1);
    return [document.documentElement.scrollWidth, window.innerWidth, last ? `${last.tagName}.${last.className}` : 'nothing'];
  });
  expect(width, `${what}: the page is ${width} px wide on a ${screen} px screen (${widest} reaches past it)`).toBeLessThanOrEqual(screen);
}

/** Whether `what` is wholly on the screen, left to right. */
async function onScreen(page: Page, locator: ReturnType<Page['locator']>, what: string) {
  await expect(locator, what).toBeVisible();
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what} starts on the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends on the screen`).toBeLessThanOrEqual(width);
}

test.describe('on a phone, 390 × 844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every page fits the screen; the filters and an asset open over the grid', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
    await expect(page).toHaveURL(/\/assets$/);
    const stamp = `phone${testInfo.project.name.replace(/\W/g, '')}${Date.now()}`;
    const id = await uploadFile(page, `${stamp}_a_rather_long_file_name_for_a_narrow_screen.jpg`, fixture('hopper.jpg'));
    const product = await page.request.post('/api/catalog/save_product', {
      form: { number: `PH-${stamp}`, name: 'Phone product', description: '' },
    });
    const productId = (await product.json()).id;

    const pages: [string, string][] = [
      ['/assets?sort=latest', 'Assets'],
      [`/assets/${id}?tab=details`, 'an asset'],
      [`/assets/${id}?tab=versions`, 'its versions'],
      [`/assets/${id}/products`, 'Select products'],
      [`/assets/${id}/categories`, 'Add asset to categories'],
      ['/assets/upload', 'Upload assets'],
      ['/products', 'Products'],
      [`/products/${productId}`, 'a product'],
      ['/catalogs', 'Catalogs'],
      ['/users', 'Users'],
      ['/settings', 'Settings'],
    ];
    for (const [path, what] of pages) {
      await page.goto(path);
      await settled(page, testInfo);
      await noSidewaysScroll(page, what);
      for (const link of ['Assets', 'Products', 'Catalogs', 'Users', 'Settings']) {
        await onScreen(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }), `${what}: ${link} in the top bar`);
      }
    }

    await page.goto(`/assets/${id}/products`);
    await settled(page, testInfo);
    await onScreen(page, page.getByRole('button', { name: 'Save' }), 'Select products: Save');

    await page.goto('/assets?sort=latest');
    await settled(page, testInfo);
    const form = page.getByRole('form', { name: 'Filters' });
    await expect(form).toBeHidden();
    await page.getByRole('link', { name: 'Filters', exact: true }).click();
    await expect(form).toBeVisible();
    await onScreen(page, form.getByLabel('Search'), 'the search, over the grid');
    await page.getByRole('link', { name: 'Close filters' }).click();
    await expect(form).toBeHidden();

    await page.getByRole('link', { name: new RegExp(stamp) }).first().click();
    const details = page.getByRole('complementary', { name: 'Asset details' });
    await onScreen(page, details.getByRole('navigation', { name: 'Asset tabs' }).getByRole('link', { name: 'Versions' }), 'the tabs, over the grid');
    await noSidewaysScroll(page, 'an asset opened from the grid');
    await details.getByRole('link', { name: 'Close details' }).click();
    await expect(details).toBeHidden();
  });
});

test.describe('on a laptop, 1280 × 720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the grid\'s header stays clear of the details column', async ({ page }, testInfo) => {
    await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
    await expect(page).toHaveURL(/\/assets$/);
    const id = await uploadFile(page, `laptop-${testInfo.project.name}-${Date.now()}.png`, fixture('hopper.png'));
    await page.goto(`/assets/${id}?tab=details&sort=latest`);
    await settled(page, testInfo);
    await noSidewaysScroll(page, 'an asset open beside the grid');
    const details = await page.getByRole('complementary', { name: 'Asset details' }).boundingBox();
    for (const control of [page.getByText('\u22ef'), page.getByText('Upload', { exact: true }), page.getByRole('navigation', { name: 'Sort' })]) {
      const box = await control.first().boundingBox();
      expect(box!.x + box!.width, 'ends left of the details column').toBeLessThanOrEqual(details!.x);
    }
  });
});
