import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ADMIN = 'admin';
export const ADMIN_PASSWORD = 'admin-password-for-browser-tests';

/** Every test talks to the server that global-setup started. */
export const test = base.extend({
  baseURL: async ({}, use) => use(process.env.DAMSON_URL),
});
export { expect };

/** With JavaScript on, waits until the WASM app has taken over the page. */
export async function settled(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name === 'hydrated') {
    await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  }
}

export async function signIn(page: Page, testInfo: TestInfo, userName: string, password: string) {
  await page.goto('/sign-in');
  await settled(page, testInfo);
  await signInHere(page, userName, password);
}

/** Fills in the Sign in page that is open (keeping its `next`). */
export async function signInHere(page: Page, userName: string, password: string) {
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A fixture from the project's `tests/fixtures/`. */
export function fixture(name: string): Buffer {
  return readFileSync(join(resolve(__dirname, '../..'), 'tests/fixtures', name));
}

/**
 * Uploads a file as the signed-in user of `page` through the resumable protocol, the way the
 * Upload button does (in one chunk: test files are small); returns the asset id. With `assetId`,
 * the file is a new version of that asset, as Add version sends it.
 */
export async function uploadFile(page: Page, fileName: string, body: Buffer, assetId?: number): Promise<number> {
  const created = await page.request.post('/api/manage/uploads', { data: { file_name: fileName, size: body.length } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const sent = await page.request.put(`/api/manage/uploads/${id}?offset=0`, {
    data: body,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  expect(sent.status()).toBe(200);
  const finish = assetId === undefined ? '' : `?asset_id=${assetId}`;
  const finished = await page.request.post(`/api/manage/uploads/${id}/finish${finish}`);
  expect(finished.status()).toBe(200);
  return (await finished.json()).id;
}

/** Saves an asset's Details through the API, as the Details tab would: `changes` over what it has. */
export async function saveDetails(page: Page, id: number, changes: Record<string, string>) {
  const asset = await (await page.request.get(`/api/view/get_asset?asset_id=${id}`)).json();
  const form: Record<string, string> = {
    asset_id: String(id),
    revision: String(asset.revision),
    name: asset.name,
    description: asset.description,
    labels: asset.labels.join(', '),
    availability: asset.availability,
    ...(asset.localizable ? { localizable: 'on' } : {}),
    ...changes,
  };
  const response = await page.request.post('/api/manage/update_asset', { form });
  expect(response.status()).toBe(200);
}

/** Sets an asset's availability through the API, as the Details tab would. */
export async function setAvailability(page: Page, id: number, availability: string) {
  await saveDetails(page, id, { availability });
}
