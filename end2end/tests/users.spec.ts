import { ADMIN, ADMIN_PASSWORD, expect, settled, signIn, test } from './support';

test('a System admin creates a DAM read user, who signs in and sees no manage controls', async ({ page }, testInfo) => {
  const reader = `reader-${testInfo.project.name}`;
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  await page.getByRole('banner').getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await settled(page, testInfo);

  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('User name', { exact: true }).fill(reader);
  await form.getByLabel('Role', { exact: true }).selectOption({ label: 'DAM read' });
  await form.getByLabel('Password', { exact: true }).fill('reader-password-1');
  await form.getByRole('button', { name: 'Create user' }).click();

  const row = page.getByRole('row', { name: new RegExp(reader) });
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Role of ${reader}`)).toHaveValue('dam_read');
  await expect(row.getByRole('cell', { name: 'Active' })).toBeVisible();

  await settled(page, testInfo);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, testInfo, reader, 'reader-password-1');
  await expect(page).toHaveURL(/\/assets$/);
  await expect(page.getByRole('banner').getByText('DAM read')).toBeVisible();
  // Other tests may have added assets by now: check what a reader must not get, not the grid.
  await expect(page.getByRole('heading', { name: 'Assets', level: 1 })).toBeVisible();
  await expect(page.getByText('choose Upload, to add your first asset')).toHaveCount(0);
  await expect(page.getByText('Upload', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.goto('/users');
  await expect(page.getByRole('alert')).toContainText('You are not allowed to manage users');
  await expect(page.getByRole('button', { name: 'Create user' })).toHaveCount(0);
});
