import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, setAvailability, signIn, test, uploadFile } from './support';
import type { Page, TestInfo } from '@playwright/test';

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the actions menu and its windows need JavaScript');

async function openAsset(page: Page, testInfo: TestInfo, id: number, tab = 'details') {
  await page.goto(`/assets/${id}?tab=${tab}`);
  await settled(page, testInfo);
  return page.getByRole('complementary', { name: 'Asset details' });
}

async function signedIn(page: Page, testInfo: TestInfo) {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
}

test('a new version dropped in the Add version window becomes current, and an older one is restored', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `versioned-${Date.now()}`;
  const id = await uploadFile(page, `${code}.jpg`, fixture('hopper.jpg'));
  const panel = await openAsset(page, testInfo, id, 'versions');
  await expect(panel.getByRole('listitem', { name: 'Version 1' })).toContainText('Current');

  await panel.getByRole('button', { name: 'Add new version' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add new version of asset' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('(at most 64 MB)');
  const png = fixture('hopper.png').toString('base64');
  const drop = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'side-view.png', { type: 'image/png' }));
    return data;
  }, png);
  await dialog.locator('.drop-area').dispatchEvent('drop', { dataTransfer: drop });
  await expect(dialog.getByRole('status')).toHaveText('Done');
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('value', String(fixture('hopper.png').length));
  await dialog.getByRole('button', { name: 'Ok' }).click();
  await expect(dialog).toBeHidden();

  const version2 = panel.getByRole('listitem', { name: 'Version 2' });
  await expect(version2).toContainText('side-view.png');
  await expect(version2).toContainText('Current');
  await expect(panel.getByRole('listitem', { name: 'Version 1' })).not.toContainText('Current');

  await panel.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(panel.getByRole('status')).toHaveText('Restored as version 3.');
  const version3 = panel.getByRole('listitem', { name: 'Version 3' });
  await expect(version3).toContainText(`${code}.jpg`);
  await expect(version3).toContainText('Current');
  await expect(panel.getByRole('listitem', { name: 'Version 1' })).toContainText(`${code}.jpg`);
});

test('a clone comes before its original under Latest, named after it, and opens', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `cloned-${Date.now()}`;
  const id = await uploadFile(page, `${code}.gif`, fixture('hopper.gif'));
  const panel = await openAsset(page, testInfo, id);
  await panel.getByRole('button', { name: 'Asset actions' }).click();
  await page.getByRole('menuitem', { name: 'Clone' }).click();
  await expect(panel.getByRole('heading', { name: `${code} (Cloned)` })).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(`/assets/${id}\\?`));
  // Other tests upload at the same time: only this test's two cards and their order count.
  const names = page.locator('.asset-card .card-name').filter({ hasText: code });
  await expect(names).toHaveText([`${code} (Cloned)`, code]);
  await expect(page.locator('.asset-card').filter({ hasText: `${code} (Cloned)` })).toHaveClass(/selected/);
});

test('the Asset actions menu closes with Escape and when an item is chosen', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const id = await uploadFile(page, `menu-${Date.now()}.png`, fixture('hopper.png'));
  const panel = await openAsset(page, testInfo, id);
  const button = panel.getByRole('button', { name: 'Asset actions' });
  const menu = page.getByRole('menu', { name: 'Asset actions' });
  await button.click();
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await button.click();
  const download = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: 'Download' }).click();
  await download;
  await expect(menu).toBeHidden();
});

test('the static link of a Public asset opens its picture without signing in', async ({ page, browser }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `linked-${Date.now()}`;
  const id = await uploadFile(page, `${code}.png`, fixture('hopper.png'));
  await setAvailability(page, id, 'public');
  const panel = await openAsset(page, testInfo, id);
  await panel.getByRole('button', { name: 'Asset actions' }).click();
  await page.getByRole('menuitem', { name: 'Copy static link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link copied' });
  const field = dialog.getByLabel('Static link (always the current version)');
  await expect(field).toHaveValue(new RegExp(`/static/[0-9a-f]{32}/${code}\\.png$`));
  const link = await field.inputValue();

  const stranger = await browser.newContext();
  const outside = await stranger.newPage();
  const response = await outside.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toBe('image/png');
  const width = await outside.evaluate(() => (document.querySelector('img') as HTMLImageElement | null)?.naturalWidth);
  expect(width).toBe(128);
  await stranger.close();
});

test('an Internal asset is deleted after confirming; a Public one cannot be', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const stamp = Date.now();
  const internal = await uploadFile(page, `internal-${stamp}.jpg`, fixture('hopper.jpg'));
  const published = await uploadFile(page, `public-${stamp}.png`, fixture('hopper.png'));
  await setAvailability(page, internal, 'internal');
  await setAvailability(page, published, 'public');

  let panel = await openAsset(page, testInfo, published);
  await panel.getByRole('button', { name: 'Asset actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeDisabled();
  await expect(page.getByText('Public assets cannot be deleted')).toBeVisible();
  await expect(panel.getByText('Public: published')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Copy public link' })).toBeEnabled();

  panel = await openAsset(page, testInfo, internal);
  await panel.getByRole('button', { name: 'Asset actions' }).click();
  await expect(page.getByRole('menuitem', { name: 'Copy static link' })).toBeDisabled();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete asset' });
  await expect(confirm).toContainText(`Delete \u201cinternal-${stamp}\u201d?`);
  await confirm.getByRole('button', { name: 'Delete' }).click();
  // The grid spells its order when unfiltered: /assets alone opens the default view.
  await expect(page).toHaveURL(/\/assets\?sort=latest$/);
  await expect(page.getByText(`internal-${stamp}`, { exact: true })).toHaveCount(0);
  expect((await page.request.get(`/api/view/get_asset?asset_id=${internal}`)).status()).toBe(404);
  await expect(page.getByText(`public-${stamp}`, { exact: true })).toBeVisible();
});

test('Preview shows the large picture and closes with Escape', async ({ page }, testInfo) => {
  await signedIn(page, testInfo);
  const code = `previewed-${Date.now()}`;
  const id = await uploadFile(page, `${code}.jpg`, fixture('photo-fallenleaf-2560x1600.jpg'));
  await expect.poll(async () => (await (await page.request.get(`/api/view/get_asset?asset_id=${id}`)).json()).preview.state, { timeout: 20_000 }).toBe('ready');
  const panel = await openAsset(page, testInfo, id);
  await panel.getByRole('button', { name: 'Asset actions' }).click();
  await page.getByRole('menuitem', { name: 'Preview' }).click();
  const preview = page.getByRole('dialog', { name: `Preview of ${code}` });
  const picture = preview.getByRole('img', { name: `Preview of ${code}` });
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
});
