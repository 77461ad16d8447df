import AxeBuilder from '@axe-core/playwright';
import { ADMIN, ADMIN_PASSWORD, expect, signIn, test } from './support';

test('the API reference lists every operation with its answers, reached from the API tokens page', async ({ page, javaScriptEnabled }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.goto('/api-tokens');
  await page.getByRole('link', { name: 'API reference' }).click();
  await expect(page.getByRole('heading', { name: 'damson API reference', level: 1 })).toBeVisible();

  const contents = page.getByRole('navigation', { name: 'Operations' });
  await contents.getByRole('link', { name: 'PATCH /products/{number}/assets' }).click();
  await expect(page).toHaveURL(/#products_change_assets$/);
  const operation = page.getByRole('article', { name: 'PATCH /api/v1/products/{number}/assets' });
  await expect(operation).toBeInViewport();
  await expect(operation.getByRole('table', { name: 'Answers' }).getByRole('row', { name: /^403/ })).toBeVisible();
  const schema = page.getByRole('article', { name: 'AssetLinkChanges' });
  await expect(schema.getByRole('row', { name: /assign/ }).first()).toContainText('array of string');

  // axe-core runs in the page, which needs JavaScript; the page itself has none.
  if (!javaScriptEnabled) return;
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
