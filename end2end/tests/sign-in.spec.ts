import { ADMIN, ADMIN_PASSWORD, expect, settled, signIn, test } from './support';

test('signs in, sees the Assets page with its three parts, and signs out', async ({ page }, testInfo) => {
  await page.goto('/assets');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fassets$/);
  await settled(page, testInfo);
  await page.getByLabel('User name').fill(ADMIN);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/assets$/);
  await expect(page.getByRole('complementary', { name: 'Filters and views' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Assets' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Asset details' })).toBeVisible();
  // Other tests add assets meanwhile, so the empty grid is checked in the API tests instead.
  await expect(page.getByRole('navigation', { name: 'Sort' }).getByRole('link', { name: 'Latest' })).toBeVisible();
  await expect(page.getByText('Upload', { exact: true })).toBeVisible();
  const topBar = page.getByRole('banner');
  await expect(topBar.getByText(ADMIN, { exact: true })).toBeVisible();
  await expect(topBar.getByText('System admin')).toBeVisible();
  await expect(topBar.getByRole('link', { name: 'Users' })).toBeVisible();

  await settled(page, testInfo);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/assets');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fassets$/);
});

test('a wrong password is refused with a message that does not say whether the user exists', async ({ page }, testInfo) => {
  await signIn(page, testInfo, `nobody-${testInfo.project.name}`, 'not-a-password');
  await expect(page.getByRole('alert')).toHaveText('Wrong user name or password.');
  await expect(page).toHaveURL(/\/sign-in/);
});
