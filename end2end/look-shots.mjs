import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const U = 'http://127.0.0.1:3999';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1300, height: 850 } });
const page = await ctx.newPage();
await page.goto(U + '/sign-in'); await page.waitForSelector('html[data-hydrated]');
await page.getByLabel('User name').fill('admin'); await page.getByLabel('Password').fill('admin-password-look');
await page.getByRole('button', { name: 'Sign in' }).click(); await page.waitForURL('**/assets');
const r = page.request;
const cat = await (await r.post(U + '/api/catalog/save_catalog', { form: { code: 'main', name: 'Main catalog' } })).json();
const cid = String(cat.catalog.id);
const shoes = await (await r.post(U + '/api/catalog/save_category', { form: { catalog_id: cid, parent_id: '', number: 'SHOES', name: 'Shoes' } })).json();
await r.post(U + '/api/catalog/import/categories', { data: 'catalog,number,name,parent\nmain,TRAIL,Trail,SHOES\nmain,ROAD,Road,SHOES\nmain,BAGS,Bags,\n', headers: { 'Content-Type': 'text/csv' } });
await r.post(U + '/api/catalog/import/products', { data: 'number,name,description,status,categories\nBOOT-1,Trail boot,,published,TRAIL\nBOOT-2,Road boot,,draft,ROAD\nBAG-1,Tote bag,,draft,BAGS\n', headers: { 'Content-Type': 'text/csv' } });
const up = await r.post(U + '/api/manage/upload?file_name=boot.jpg', { data: readFileSync('../../shared/fixtures/' + process.argv[2]), headers: { 'Content-Type': 'application/octet-stream' } });
console.log(up.status());
const id = (await up.json()).id;
const prods = await (await r.get(U + '/api/view/list_products?search=BOOT-1&status=')).json();
const pid = prods.products[0].id;
for (const [path, file] of [[`/assets/${id}/products`, 'sp-cat'], [`/assets/${id}/products?panel=filters&search=boot`, 'sp-fil'], [`/assets/${id}/products?panel=views`, 'sp-views'], [`/products/${pid}?search=`, 'prod'], [`/assets/${id}/categories`, 'acat']]) {
  await page.goto(U + path); await page.waitForSelector('html[data-hydrated]');
  await page.screenshot({ path: `/tmp/${file}.png`, fullPage: true });
}
await browser.close();
