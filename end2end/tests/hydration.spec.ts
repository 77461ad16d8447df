import { ADMIN, ADMIN_PASSWORD, expect, saveDetails, settled, signIn, test, uploadFile } from './support';

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'hydration needs JavaScript');

test('a page changed by someone else between its rendering and its hydration hydrates as it was rendered, and works', async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `race${Date.now()}`;
  const first = await uploadFile(page, `${stamp}-first.txt`, Buffer.from('first'));

  // The browser has the server's page but not yet the app that takes it over.
  let letWasmThrough = () => {};
  const held = new Promise<void>((resolve) => (letWasmThrough = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/assets?q=${stamp}&sort=name`, { waitUntil: 'commit' });
  const cards = page.locator('li.asset-card');
  await expect(cards).toHaveCount(1);
  await expect(page.locator('html[data-hydrated]')).toHaveCount(0);

  // Someone else adds a matching asset and renames the one shown.
  const other = await page.context().browser()!.newContext({ baseURL: process.env.DAMSON_URL });
  const colleague = await other.newPage();
  await signIn(colleague, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(colleague).toHaveURL(/\/assets$/);
  await uploadFile(colleague, `${stamp}-second.txt`, Buffer.from('second'));
  await saveDetails(colleague, first, { name: `${stamp}-renamed` });
  await other.close();

  letWasmThrough();
  await settled(page, testInfo);
  // The app took over the page as the server rendered it, and answers the user.
  await expect(cards.filter({ hasText: `${stamp}-first` })).toHaveCount(1);
  await cards.filter({ hasText: `${stamp}-first` }).click();
  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await expect(panel.getByRole('heading', { name: `${stamp}-renamed` })).toBeVisible();
  // A fresh look shows both.
  await page.reload();
  await settled(page, testInfo);
  await expect(cards).toHaveCount(2);
});
