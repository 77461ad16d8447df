import type { Page, TestInfo } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ADMIN, ADMIN_PASSWORD, expect, fixture, saveDetails, settled, signIn, test, uploadFile } from './support';

// The page sends files from the browser: it needs JavaScript.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'uploading needs JavaScript');

const CHUNK = 8 * 1024 * 1024;

/** A user of their own, signed in, so that the list of uploads is this test's alone; fr_FR is in use. */
async function ownUploader(page: Page, testInfo: TestInfo, stamp: string) {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const locale = await page.request.post('/api/settings/add_locale', { form: { code: 'fr_FR' } });
  expect([200, 409]).toContain(locale.status());
  const created = await page.request.post('/api/users/create_user', {
    form: { user_name: stamp, role: 'dam_write', password: `${stamp}-password` },
  });
  expect(created.status()).toBe(200);
  await page.context().clearCookies();
  await signIn(page, testInfo, stamp, `${stamp}-password`);
  await expect(page).toHaveURL(/\/assets$/);
}

test('drop six files, remove one, see the red error, upload, import and read the report', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const s = `up${Date.now()}`;
  await ownUploader(page, testInfo, s);
  await uploadFile(page, `${s}_boot.png`, fixture('hopper.png'));
  await saveDetails(page, await uploadFile(page, `${s}_bag.jpg`, fixture('hopper.jpg')), { localizable: 'on' });
  await uploadFile(page, `${s}_hat.gif`, fixture('hopper.gif'));

  await page.goto('/assets');
  await settled(page, testInfo);
  await page.getByLabel('More actions').click();
  await page.getByRole('link', { name: 'Upload assets' }).click();
  await expect(page).toHaveURL(/\/assets\/upload$/);
  await expect(page.getByRole('heading', { name: 'Upload assets', level: 1 })).toBeVisible();
  await settled(page, testInfo);

  // Five through the picker, one dropped.
  await page.getByLabel('Drag and drop your assets or click here').setInputFiles([
    { name: `${s}_sandal.jpg`, mimeType: 'image/jpeg', buffer: fixture('hopper.jpg') },
    { name: `${s}_boot.webp`, mimeType: 'image/webp', buffer: fixture('hopper.webp') },
    { name: `${s}_bag_fr_FR.png`, mimeType: 'image/png', buffer: fixture('hopper.png') },
    { name: `${s}_boot_fr_FR.jpg`, mimeType: 'image/jpeg', buffer: fixture('hopper.jpg') },
    { name: `${s}_hat.gif`, mimeType: 'image/gif', buffer: fixture('hopper.gif') },
  ]);
  const dropped = await page.evaluateHandle(
    ([name, bytes]) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }));
      return data;
    },
    [`${s}_extra.jpg`, [...fixture('hopper.jpg')]] as const,
  );
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });

  const list = page.getByRole('region', { name: /ready/ });
  const rows = list.getByRole('row');
  await expect(rows).toHaveCount(7);
  await expect(list.getByRole('heading')).toHaveText('5 files ready, 1 with errors');
  const row = (name: string) => list.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row(`${s}_sandal.jpg`)).toContainText('New asset');
  await expect(row(`${s}_boot.webp`)).toContainText(`New version of «${s}_boot»`);
  await expect(row(`${s}_bag_fr_FR.png`)).toContainText(`File for fr_FR of «${s}_bag»`);
  const refused = row(`${s}_boot_fr_FR.jpg`);
  await expect(refused).toContainText(`«${s}_boot» is not localizable, so ${s}_boot_fr_FR.jpg has no place`);
  await expect(refused.locator('.what')).toHaveCSS('color', 'rgb(163, 33, 47)');

  await list.getByRole('button', { name: `Remove ${s}_extra.jpg` }).click();
  await expect(rows).toHaveCount(6);
  await expect(list.getByRole('heading')).toHaveText('4 files ready, 1 with errors');

  await list.getByRole('button', { name: 'Upload assets' }).click();
  for (const name of ['sandal.jpg', 'boot.webp', 'bag_fr_FR.png', 'hat.gif']) {
    await expect(row(`${s}_${name}`)).toContainText('Uploaded');
  }
  await expect(refused).toContainText('Not sent');

  await list.getByRole('button', { name: 'Import' }).click();
  await expect(page).toHaveURL(/import=\d+/);
  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('heading')).toHaveText('Import report');
  const count = (label: string) => report.locator('.import-counts div', { hasText: label }).locator('dd');
  await expect(count('New assets')).toHaveText('1');
  await expect(count('New versions')).toHaveText('1');
  await expect(count('Locale files')).toHaveText('1');
  await expect(count('Skipped')).toHaveText('1');
  await expect(count('Errors')).toHaveText('0');
  await expect(report).toContainText(`${s}_hat.gif: Identical to the current version.`);
  await expect(report.getByRole('link', { name: 'Download the report (CSV)' })).toHaveAttribute('href', /report\.csv$/);

  // The refused file stays in the list until it goes.
  await expect(rows).toHaveCount(2);
  await list.getByRole('button', { name: 'Remove all files' }).click();
  await expect(page.getByRole('region', { name: /ready/ })).toHaveCount(0);
  const left = await (await page.request.post('/api/manage/my_uploads', { form: {} })).json();
  expect(left).toEqual([]);
});

test('a reload during an upload resumes from the bytes the server has', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const s = `re${Date.now()}`;
  await ownUploader(page, testInfo, s);
  const big = Buffer.alloc(2 * CHUNK + 300_000, 0x5a);
  fixture('hopper.jpg').copy(big);
  const file = { name: `${s}_poster.jpg`, mimeType: 'image/jpeg', buffer: big };
  await page.goto('/assets/upload');
  await settled(page, testInfo);
  // Slow enough to reload while the second chunk is on its way.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 3 * 1024 * 1024,
  });
  await page.getByLabel('Drag and drop your assets or click here').setInputFiles([file]);
  await page.getByRole('button', { name: 'Upload assets' }).click();
  const received = async () => {
    const uploads = await (await page.request.post('/api/manage/my_uploads', { form: {} })).json();
    return uploads.length === 1 ? uploads[0].received : -1;
  };
  await expect.poll(received, { timeout: 30_000 }).toBe(CHUNK);

  await page.reload();
  await settled(page, testInfo);
  const row = page.getByRole('row', { name: new RegExp(`^${s}_poster.jpg`) });
  await expect(row).toContainText('8.0 MB of 16 MB on the server: add the file again to go on');
  const offsets: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') offsets.push(new URL(request.url()).searchParams.get('offset') ?? '');
  });
  await page.getByLabel('Drag and drop your assets or click here').setInputFiles([file]);
  await expect(page.getByRole('region', { name: '1 file ready, 0 with errors' })).toBeVisible();
  await page.getByRole('button', { name: 'Upload assets' }).click();
  await expect(row).toContainText('Uploaded', { timeout: 30_000 });
  // From the server's 8 MB on: the first chunk is never sent again.
  expect(offsets).not.toContain('0');
  expect(offsets).toContain(String(2 * CHUNK));
  expect(await received()).toBe(big.length);
  await page.getByRole('button', { name: 'Remove all files' }).click();
  await expect.poll(received).toBe(-1);
});

test('files chosen while the page still asks for the uploads kept from before stay in the list, after them', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const s = `kept${Date.now()}`;
  await ownUploader(page, testInfo, s);
  await page.goto('/assets/upload');
  await settled(page, testInfo);
  const picker = page.getByLabel('Drag and drop your assets or click here');
  await picker.setInputFiles([{ name: `${s}_first.jpg`, mimeType: 'image/jpeg', buffer: fixture('hopper.jpg') }]);
  await page.getByRole('button', { name: 'Upload assets' }).click();
  const list = page.getByRole('region', { name: /ready/ });
  await expect(list.getByRole('row', { name: new RegExp(`^${s}_first.jpg`) })).toContainText('Uploaded');

  // The server slow to say what it keeps: a file is chosen before it answers.
  let answer: () => void = () => {};
  const chosen = new Promise<void>((resolve) => (answer = resolve));
  let answered = false;
  await page.route('**/api/manage/my_uploads**', async (route) => {
    await chosen;
    await route.continue();
    answered = true;
  });
  await page.reload();
  await settled(page, testInfo);
  await picker.setInputFiles([{ name: `${s}_second.png`, mimeType: 'image/png', buffer: fixture('hopper.png') }]);
  expect(answered).toBe(false);
  answer();
  await expect.poll(() => answered, { timeout: 10_000 }).toBe(true);
  await expect(list.getByRole('heading')).toHaveText('2 files ready, 0 with errors');
  await expect(list.getByRole('row').nth(1)).toContainText(`${s}_first.jpg`);
  await expect(list.getByRole('row').nth(1)).toContainText('Uploaded');
  await expect(list.getByRole('row').nth(2)).toContainText(`${s}_second.png`);
  await page.getByRole('button', { name: 'Remove all files' }).click();
  await expect(page.getByRole('region', { name: /ready/ })).toHaveCount(0);
});

test('a folder chosen adds every file in it and in its subfolders', async ({ page }, testInfo) => {
  const s = `dir${Date.now()}`;
  await ownUploader(page, testInfo, s);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'damson-folder-'));
  fs.mkdirSync(path.join(folder, 'shoot', 'details'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'shoot', `${s}_front.jpg`), fixture('hopper.jpg'));
  fs.writeFileSync(path.join(folder, 'shoot', 'details', `${s}_heel.png`), fixture('hopper.png'));
  await page.goto('/assets/upload');
  await settled(page, testInfo);

  await page.getByLabel('Choose a folder').setInputFiles(path.join(folder, 'shoot'));
  const list = page.getByRole('region', { name: /ready/ });
  await expect(list.getByRole('heading')).toHaveText('2 files ready, 0 with errors');
  for (const name of [`${s}_front.jpg`, `${s}_heel.png`]) {
    await expect(list.getByRole('row', { name: new RegExp(`^${name}`) })).toContainText('New asset');
  }
  await list.getByRole('button', { name: 'Remove all files' }).click();
  await expect(page.getByRole('region', { name: /ready/ })).toHaveCount(0);
  fs.rmSync(folder, { recursive: true, force: true });
});
