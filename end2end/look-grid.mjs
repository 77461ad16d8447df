import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const U = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await ctx.newPage();
page.on('console', m => { if (m.type() === 'error') console.log('console:', m.text().slice(0, 300)); });
await page.goto(U + '/sign-in'); await page.waitForSelector('html[data-hydrated]');
await page.getByLabel('User name').fill('admin'); await page.getByLabel('Password').fill('admin-password-look');
await page.getByRole('button', { name: 'Sign in' }).click(); await page.waitForURL('**/assets');
const r = page.request;
for (const [name, file] of [['hero.jpg', 'hopper.jpg'], ['superhero_shot.png', 'hopper.png'], ['spec.pdf', 'qoi-specification.pdf'], ['plain.gif', 'hopper.gif'], ['leaves.jpg', 'photo-fallenleaf-2560x1600.jpg']]) {
  const up = await r.post(U + `/api/manage/upload?file_name=${name}`, { data: readFileSync('../../shared/fixtures/' + file), headers: { 'Content-Type': 'application/octet-stream' } });
  console.log(name, up.status());
}
for (const path of process.argv.slice(2)) {
  await page.goto(U + path); await page.waitForSelector('html[data-hydrated]');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/grid-${process.argv.indexOf(path)}.png`, fullPage: true });
}
// tick a checkbox with JS
await page.goto(U + '/assets'); await page.waitForSelector('html[data-hydrated]');
await page.getByRole('form', { name: 'Filters' }).getByLabel(/^Image/).check();
await page.waitForURL(/type=image/);
await page.waitForTimeout(1000);
console.log(page.url());
await page.screenshot({ path: `/tmp/grid-ticked.png`, fullPage: true });
await browser.close();
