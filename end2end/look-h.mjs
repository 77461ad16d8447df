import { chromium } from '@playwright/test';
const U = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(U + '/sign-in'); await page.waitForSelector('html[data-hydrated]');
await page.getByLabel('User name').fill('admin'); await page.getByLabel('Password').fill('admin-password-look');
await page.getByRole('button', { name: 'Sign in' }).click(); await page.waitForURL('**/assets');
for (const path of process.argv.slice(2)) {
  const p = await ctx.newPage();
  let err = '';
  p.on('console', m => { if (m.type() === 'error' && !err) err = m.text().slice(0, 300); });
  await p.goto(U + path);
  const ok = await p.waitForSelector('html[data-hydrated]', { timeout: 8000 }).then(() => true, () => false);
  console.log(path, ok ? 'hydrated' : 'FAILED: ' + err);
}
await browser.close();
