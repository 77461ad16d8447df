import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, signInHere, test, uploadFile } from './support';

test('a file dropped on the grid shows its progress, then its card with a thumbnail', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'dropping files needs JavaScript');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  await settled(page, testInfo);

  const code = `dropped-leaf-${Date.now()}`;
  const photo = fixture('photo-fallenleaf-2560x1600.jpg').toString('base64');
  const drop = await page.evaluateHandle(
    ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/jpeg' }));
      return data;
    },
    { name: `${code}.jpg`, base64: photo },
  );
  const grid = page.locator('.asset-grid');
  await grid.dispatchEvent('dragover', { dataTransfer: drop });
  await grid.dispatchEvent('drop', { dataTransfer: drop });

  const upload = page.getByRole('region', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: code });
  await expect(upload.getByRole('status')).toHaveText('Done');
  const progress = upload.getByRole('progressbar', { name: `Upload of ${code}.jpg` });
  await expect(progress).toHaveAttribute('value', await progress.getAttribute('max'));

  const card = page.getByRole('listitem').filter({ has: page.getByText(code, { exact: true }) });
  const thumbnail = card.locator('img.thumbnail');
  await expect(thumbnail).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

  // Opening the asset and closing it again keeps the list of uploads.
  await card.getByRole('link').click();
  await expect(page).toHaveURL(/\/assets\/\d+/);
  await expect(page.getByRole('complementary', { name: 'Asset details' }).getByRole('heading', { name: code })).toBeVisible();
  await expect(upload.getByRole('status')).toHaveText('Done');
  await page.getByRole('link', { name: 'Close details' }).click();
  await expect(page).toHaveURL(/\/assets\?sort=latest$/);
  await expect(upload.getByRole('status')).toHaveText('Done');
});

test('a manager edits labels and availability, and the deep link shows them after a reload', async ({ page, browser }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const code = `edited-hopper-${testInfo.project.name}`;
  const id = await uploadFile(page, `${code}.png`, fixture('hopper.png'));
  await page.reload();
  await settled(page, testInfo);
  await page.getByRole('link', { name: new RegExp(code) }).click();
  await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=details$`));
  await settled(page, testInfo);

  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await expect(panel.getByRole('heading', { name: code })).toBeVisible();
  await expect(panel.getByText('128 × 128 px')).toBeVisible();
  await panel.getByLabel('Asset labels').fill('summer, hero shot');
  await panel.getByRole('radio', { name: 'Public' }).check();
  await panel.getByRole('button', { name: 'Save' }).click();
  if (testInfo.project.name === 'hydrated') {
    await expect(panel.getByRole('status')).toHaveText(`Saved \u201c${code}\u201d.`);
  }
  await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=details$`));

  await page.reload();
  await settled(page, testInfo);
  await expect(panel.getByLabel('Asset labels')).toHaveValue('hero shot, summer');
  await expect(panel.getByRole('radio', { name: 'Public' })).toBeChecked();
  const card = page.getByRole('listitem').filter({ has: page.getByText(code, { exact: true }) });
  await expect(card.getByText('Public', { exact: true })).toBeVisible();
  await expect(card.getByText('\u2713 Published', { exact: true })).toBeVisible();

  if (testInfo.project.name === 'hydrated') {
    await panel.getByRole('button', { name: 'Remove label summer' }).click();
    await expect(panel.getByLabel('Asset labels')).toHaveValue('hero shot');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByRole('status')).toHaveText(`Saved \u201c${code}\u201d.`);
  }

  // The same link in a browser that has never been here: sign in, and the panel is there.
  const fresh = await browser.newContext({
    baseURL: process.env.DAMSON_URL,
    javaScriptEnabled: testInfo.project.name === 'hydrated',
  });
  const other = await fresh.newPage();
  await other.goto(`/assets/${id}?tab=details`);
  await expect(other).toHaveURL(/\/sign-in\?next=/);
  await settled(other, testInfo);
  await signInHere(other, ADMIN, ADMIN_PASSWORD);
  await expect(other).toHaveURL(new RegExp(`/assets/${id}\\?tab=details$`));
  const otherPanel = other.getByRole('complementary', { name: 'Asset details' });
  const labels = testInfo.project.name === 'hydrated' ? 'hero shot' : 'hero shot, summer';
  await expect(otherPanel.getByLabel('Asset labels')).toHaveValue(labels);
  await expect(otherPanel.getByRole('link', { name: 'Details', exact: true })).toHaveAttribute('aria-current', 'page');
  await fresh.close();
});

test('a DAM read user sees the details but no edit controls', async ({ page }, testInfo) => {
  const viewer = `viewer-${testInfo.project.name}`;
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const code = `read-only-${testInfo.project.name}`;
  const id = await uploadFile(page, `${code}.jpg`, fixture('hopper.jpg'));
  const created = await page.request.post('/api/users/create_user', {
    form: { user_name: viewer, role: 'dam_read', password: 'viewer-password-1' },
  });
  expect(created.status()).toBe(200);
  await page.context().clearCookies();

  await page.goto(`/assets/${id}?tab=details`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await settled(page, testInfo);
  await signInHere(page, viewer, 'viewer-password-1');
  await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=details$`));

  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await expect(panel.getByRole('heading', { name: code })).toBeVisible();
  await expect(panel.getByText('Asset name', { exact: true })).toBeVisible();
  await expect(panel.getByText('Automatic', { exact: true })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Download' })).toBeVisible();
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(panel.getByRole('radio')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByText('Upload', { exact: true })).toHaveCount(0);

  if (testInfo.project.name === 'hydrated') {
    await panel.getByRole('button', { name: 'Asset actions' }).click();
    const menu = page.getByRole('menu', { name: 'Asset actions' });
    await expect(menu.getByRole('menuitem')).toHaveText(['Preview', 'Download', 'Copy public link', 'Copy static link']);
    await page.goto(`/assets/${id}?tab=versions`);
    await settled(page, testInfo);
    await expect(panel.getByRole('listitem', { name: 'Version 1' })).toContainText('Current');
    await expect(panel.getByRole('button', { name: 'Add new version' })).toHaveCount(0);
    await expect(panel.getByRole('button', { name: /Restore/ })).toHaveCount(0);
  }
});

test('arrow keys move between cards and Enter opens one', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'keyboard moves need JavaScript');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  for (const n of [1, 2]) {
    await uploadFile(page, `keys-${n}-${Date.now()}.gif`, fixture('hopper.gif'));
  }
  await page.reload();
  await settled(page, testInfo);
  const links = page.locator('.asset-card > a');
  await links.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(links.nth(0)).toBeFocused();
  const href = await links.nth(0).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href!.replace('?', '\\?')}$`));
  await expect(page.getByRole('complementary', { name: 'Asset details' }).getByRole('link', { name: 'Details', exact: true })).toHaveAttribute('aria-current', 'page');
});

test('a file over the server\'s 64 MB limit is refused in the browser, naming it, its size and the limit', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'checking files before sending needs JavaScript');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  await settled(page, testInfo);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/manage/uploads')) sent.push(request.url());
  });

  const name = `too-big-${Date.now()}.mov`;
  const drop = await page.evaluateHandle((name) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(64 * 1024 * 1024 + 1)], name, { type: 'video/quicktime' }));
    return data;
  }, name);
  await page.locator('.asset-grid').dispatchEvent('drop', { dataTransfer: drop });

  const upload = page.getByRole('region', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: name });
  await expect(upload.getByRole('status')).toHaveText(
    `"${name}" is 64.0 MB (67108865 bytes); the limit is 64 MB (67108864 bytes). Nothing was sent.`,
  );
  expect(sent).toEqual([]);
  await expect(page.getByText(name.replace('.mov', ''), { exact: true })).toHaveCount(0);
});

test('a file dropped before the page is ready, or beside the grid, does not take the browser off the page', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'no-js', 'without JavaScript the browser decides');
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  // The page as it is before its WebAssembly has loaded.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.reload();

  const dropIsKept = (selector: string) =>
    page.evaluate((selector) => {
      const data = new DataTransfer();
      data.items.add(new File(['spring range'], 'notes.txt', { type: 'text/plain' }));
      const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      // `dispatchEvent` is false when the page stopped the browser's own handling (opening the file).
      return !document.querySelector(selector)!.dispatchEvent(drop);
    }, selector);
  expect(await dropIsKept('.asset-grid')).toBe(true);
  expect(await dropIsKept('.filters-panel')).toBe(true);
  await expect(page).toHaveURL(/\/assets$/);
});

test('hostile text in a name and a description shows as text and runs nothing', async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `${testInfo.project.name}-${Date.now()}`;
  const id = await uploadFile(page, `hostile-${stamp}.png`, fixture('hopper.png'));
  const name = `<script>window.pwned = 'name'</script> ${stamp}`;
  const description = `</textarea><img src=x onerror="window.pwned = 'description'">`;
  const asset = await (await page.request.get(`/api/view/get_asset?asset_id=${id}`)).json();
  const saved = await page.request.post('/api/manage/update_asset', {
    form: { asset_id: String(id), revision: String(asset.revision), name, description, labels: '', availability: 'internal' },
  });
  expect(saved.status()).toBe(200);

  await page.goto(`/assets/${id}?tab=details`);
  await settled(page, testInfo);
  const panel = page.getByRole('complementary', { name: 'Asset details' });
  await expect(panel.getByRole('heading', { name })).toBeVisible();
  await expect(panel.getByLabel('Description')).toHaveValue(description);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  if (testInfo.project.name === 'hydrated') {
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    // The client renders the same tab again after a save: still text.
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByRole('status')).toContainText('Saved');
    await expect(panel.getByLabel('Description')).toHaveValue(description);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
  }
});

test('Select products and Add asset to categories say their names as heading, title and breadcrumbs', async ({ page }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const code = `named-${testInfo.project.name}-${Date.now()}`;
  const id = await uploadFile(page, `${code}.png`, fixture('hopper.png'));
  for (const [path, name, tab] of [
    [`/assets/${id}/products`, 'Select products', 'products'],
    [`/assets/${id}/categories`, 'Add asset to categories', 'categories'],
  ]) {
    await page.goto(path);
    await settled(page, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page).toHaveTitle(`${name} · damson`);
    await expect(page.getByText(code, { exact: true }).first()).toBeVisible();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    await expect(crumbs.getByRole('listitem')).toHaveText(['Assets', code, name]);
    await crumbs.getByRole('link', { name: code }).click();
    await expect(page).toHaveURL(new RegExp(`/assets/${id}\\?tab=${tab}$`));
  }
});
