import { ADMIN, ADMIN_PASSWORD, expect, fixture, settled, signIn, test, uploadFile } from './support';

test('a filtered grid is saved as a shared view, opened by another user, changed and reset', async ({ page, browser, javaScriptEnabled }, testInfo) => {
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `v${testInfo.project.name.replace(/\W/g, '')}${Date.now()}`;
  await uploadFile(page, `${stamp}_shot.jpg`, fixture('hopper.jpg'));
  await uploadFile(page, `${stamp}_sheet.pdf`, fixture('qoi-specification.pdf'));
  const reader = `reader${stamp}`;
  const created = await page.request.post('/api/users/create_user', { form: { user_name: reader, role: 'dam_read', password: 'password-for-views' } });
  expect(created.status()).toBe(200);

  await page.goto(`/assets?q=${stamp}&type=image`);
  await settled(page, testInfo);
  await page.locator('summary', { hasText: 'Save view' }).click();
  const form = page.getByRole('form', { name: 'Save these filters as a view' });
  await form.getByLabel('Name').fill(`Shots ${stamp}`);
  await form.getByLabel('Shared with everyone').check();
  await form.getByRole('button', { name: 'Save view' }).click();
  await expect(page).toHaveURL(new RegExp(`view=\\d+&q=${stamp}&type=image`));
  const views = page.getByRole('region', { name: 'Views' });
  await expect(views.getByRole('status')).toContainText(`View: Shots ${stamp}`);

  const other = await browser.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled });
  const theirs = await other.newPage();
  await signIn(theirs, testInfo, reader, 'password-for-views');
  await expect(theirs).toHaveURL(/\/assets$/);
  const shared = theirs.getByRole('list', { name: 'Shared views' });
  await shared.getByRole('link', { name: `Shots ${stamp}` }).click();
  await expect(theirs).toHaveURL(new RegExp(`q=${stamp}&type=image`));
  await expect(theirs.locator('.cards').getByRole('link')).toHaveCount(1);
  await expect(theirs.locator('.cards')).toContainText(`${stamp}_shot`);
  await expect(shared.getByRole('button', { name: `Delete view Shots ${stamp}` })).toHaveCount(0);

  await theirs.getByRole('list', { name: 'Active filters' }).getByRole('link', { name: 'Remove filter Image' }).click();
  await expect(theirs.locator('.cards').getByRole('link')).toHaveCount(2);
  const opened = theirs.getByRole('region', { name: 'Views' }).getByRole('status');
  await expect(opened).toContainText('Its filters were changed.');
  await expect(opened.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await opened.getByRole('link', { name: 'Reset' }).click();
  await expect(theirs.locator('.cards').getByRole('link')).toHaveCount(1);
  await other.close();
});
