import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

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
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
