import AxeBuilder from '@axe-core/playwright';
import { ADMIN, ADMIN_PASSWORD, expect, settled, signIn, test } from './support';

// The new token's secret is the answer of the page's action, shown by the page's script.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'a new secret is shown by the hydrated page');

test('a token is made with its scopes, copied once, used by a program, and revoked', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = `shop sync ${Date.now()}`;
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await settled(page, testInfo);

  const form = page.getByRole('form', { name: 'New token' });
  await form.getByLabel('Name').fill(name);
  await expect(form.getByRole('checkbox', { name: /Read assets/ })).toBeChecked();
  await form.getByRole('checkbox', { name: /Read products and catalogs/ }).check();
  await form.getByLabel('Expires').selectOption({ label: 'In 90 days' });
  await form.getByRole('button', { name: 'Create token' }).click();

  const made = page.getByRole('region', { name: `Token “${name}” created` });
  const field = made.getByLabel('Token');
  await expect(field).toHaveValue(/^dam_[0-9A-Za-z]{36}$/);
  const secret = await field.inputValue();
  await made.getByRole('button', { name: 'Copy token' }).click();
  await expect(made.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expect(form.getByLabel('Name')).toHaveValue('');

  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).not.toContainText(secret.slice(12));
  await expect(row).toContainText('assets:read, catalog:read');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A program with the token, and no cookie of the browser's.
  const api = async () =>
    (await fetch(new URL('/api/v1/assets?limit=1', page.url()), { headers: { Authorization: `Bearer ${secret}` } })).status;
  expect(await api()).toBe(200);

  await row.getByRole('button', { name: `Revoke “${name}”` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Revoked the token.' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  expect(await api()).toBe(401);
});
