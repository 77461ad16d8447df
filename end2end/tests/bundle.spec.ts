import type { Page } from '@playwright/test';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

/** The wasm files the page has fetched so far, by name. */
function wasmFetched(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop()!;
    if (name.endsWith('.wasm')) fetched.push(name);
  });
  return fetched;
}

test('the Assets page loads only its own wasm; an asset\'s details and another page load their chunks when first shown', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'without JavaScript no wasm is loaded');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const code = `chunks-${Date.now()}`;
  const id = await uploadFile(page, `${code}.png`, fixture('hopper.png'));

  const fetched = wasmFetched(page);
  await page.goto(`/assets?q=${code}`);
  await settled(page, testInfo);
  await expect(page.getByRole('link', { name: new RegExp(`^${code}`) })).toBeVisible();
  expect(fetched.filter((name) => name !== 'damson_bg.wasm'), 'no chunk of another page or part').toEqual([]);

  await page.getByRole('link', { name: new RegExp(`^${code}`) }).click();
  await expect(page.getByRole('complementary', { name: 'Asset details' }).getByRole('heading', { name: code })).toBeVisible();
  await expect.poll(() => fetched.filter((name) => name.includes('asset_details'))).toHaveLength(1);

  await page.getByRole('banner').getByRole('link', { name: 'Catalogs' }).click();
  await expect(page.getByRole('heading', { name: 'Catalogs', level: 1 })).toBeVisible();
  await expect.poll(() => fetched.filter((name) => name.includes('catalogs'))).toHaveLength(1);

  // Straight to an opened asset: the page hydrates once its details' chunk is there.
  await page.goto(`/assets/${id}`);
  await settled(page, testInfo);
  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await panel.getByRole('link', { name: 'Versions' }).click();
  await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?.*tab=versions`));
  await expect(panel.getByRole('listitem', { name: 'Version 1' })).toBeVisible();
});
