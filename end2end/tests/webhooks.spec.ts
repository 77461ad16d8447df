import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { ADMIN, ADMIN_PASSWORD, expect, settled, signIn, test } from './support';

// The new endpoint's secret is the answer of the page's action, shown by the page's script.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'a new secret is shown by the hydrated page');

type Delivery = { headers: IncomingHttpHeaders; body: string };

/** A receiver on 127.0.0.1 keeping every delivery. */
async function receiver() {
  const received: Delivery[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('thanks from the shop');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/damson`;
  return { url, received, close: () => server.close() };
}

/** Standard Webhooks v1, written here apart from damson's own signing. */
function signature(secret: string, delivery: Delivery): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${delivery.headers['webhook-id']}.${delivery.headers['webhook-timestamp']}.${delivery.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

test('an endpoint is added with its secret shown once, sent a test event, logged, disabled and deleted', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const shop = await receiver();
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Manage webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await settled(page, testInfo);

  const form = page.getByRole('form', { name: 'New endpoint' });
  await form.getByLabel('URL').fill(shop.url);
  await form.getByRole('checkbox', { name: /asset\.created/ }).check();
  await form.getByRole('checkbox', { name: /asset\.published/ }).check();
  await form.getByRole('button', { name: 'Add endpoint' }).click();

  const added = page.getByRole('region', { name: `Endpoint ${shop.url} added` });
  const field = added.getByLabel('Signing secret');
  await expect(field).toHaveValue(/^whsec_[A-Za-z0-9+/]{32}$/);
  const secret = await field.inputValue();
  await added.getByRole('button', { name: 'Copy secret' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const row = page.getByRole('row', { name: new RegExp(shop.url) });
  await expect(row).toContainText('asset.created, asset.published');
  await expect(row).toContainText('Enabled');
  await expect(row).not.toContainText(secret);

  // Its events change in place; its secret stays.
  await row.getByLabel(`Change ${shop.url}`, { exact: true }).first().click();
  const change = row.getByRole('form', { name: `Change ${shop.url}` });
  await change.getByRole('checkbox', { name: /asset\.published/ }).uncheck();
  await change.getByRole('checkbox', { name: /asset\.deleted/ }).check();
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the endpoint.' })).toBeVisible();
  await expect(row).toContainText('asset.created, asset.deleted');

  await row.getByRole('button', { name: `Send test event to ${shop.url}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Queued a test event' })).toBeVisible();
  await expect.poll(() => shop.received.length).toBe(1);
  const delivery = shop.received[0];
  expect(JSON.parse(delivery.body).type).toBe('webhook.test');
  expect(delivery.headers['webhook-signature']).toBe(signature(secret, delivery));

  await row.getByRole('button', { name: `Delivery log of ${shop.url}` }).click();
  const log = page.getByRole('region', { name: `Delivery log of ${shop.url}` });
  const attempt = log.getByRole('row', { name: /webhook\.test/ });
  await expect(async () => {
    await log.getByRole('button', { name: 'Refresh log' }).click();
    await expect(attempt).toContainText('200', { timeout: 1_000 });
  }).toPass();
  await attempt.getByText(/\d+ bytes/).click();
  await expect(attempt).toContainText('thanks from the shop');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await attempt.getByRole('button', { name: /^Resend webhook\.test/ }).click();
  await expect.poll(() => shop.received.length).toBe(2);
  expect(shop.received[1].headers['webhook-id']).toBe(delivery.headers['webhook-id']);

  await row.getByRole('button', { name: `Disable ${shop.url}` }).click();
  await expect(row).toContainText('Disabled');
  await row.getByRole('button', { name: `Delete ${shop.url}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(shop.url) })).toHaveCount(0);
  shop.close();
});
