import { ADMIN, ADMIN_PASSWORD, expect, settled, signIn, test, uploadFile } from './support';

// Loading more cards as the list scrolls, and keeping only those near the view, is the hydrated page's.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'scrolling the grid needs JavaScript');

test('a long grid keeps only the cards near the view in the page, and Back returns to the same place', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, testInfo, ADMIN, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/assets$/);
  const stamp = `scroll${Date.now()}`;
  const count = 250;
  for (let first = 0; first < count; first += 25) {
    const uploads = Array.from({ length: 25 }, (_, k) => {
      const name = `${stamp}-${String(first + k).padStart(3, '0')}.txt`;
      return uploadFile(page, name, Buffer.from(name));
    });
    await Promise.all(uploads);
  }

  await page.goto(`/assets?q=${stamp}&sort=name`);
  await settled(page, testInfo);
  const cards = page.locator('li.asset-card');
  const last = cards.filter({ hasText: `${stamp}-249` });
  // Scrolled down until the last card shows, as a reader's wheel would.
  await expect(async () => {
    await page.mouse.wheel(0, 4000);
    await expect(last).toBeVisible({ timeout: 100 });
  }).toPass({ timeout: 30_000 });
  // 250 loaded, a few rows of them in the page.
  const inPage = await cards.count();
  expect(inPage).toBeGreaterThan(0);
  expect(inPage).toBeLessThan(100);
  await expect(cards.filter({ hasText: `${stamp}-000` })).toHaveCount(0);

  // Halfway up, then to another page and Back.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect(cards.filter({ hasText: `${stamp}-249` })).toHaveCount(0);
  const before = await page.evaluate(() => window.scrollY);
  const middle = await page.evaluate(() => {
    const inView = [...document.querySelectorAll('li.asset-card')].find((card) => card.getBoundingClientRect().top >= 0);
    return inView?.querySelector('.card-name')?.textContent ?? '';
  });
  expect(middle).toMatch(new RegExp(`^${stamp}-1`));
  // The Products page not answering before Back: the grid stays in the page after the address
  // changed and the window scrolled to the top, which once made Back lose the grid's place.
  let answer: () => void = () => {};
  const back = new Promise<void>((resolve) => (answer = resolve));
  await page.route('**/api/view/list_products**', async (route) => {
    await back;
    await route.continue().catch(() => {});
  });
  // A click that leaves the page where it is: Playwright's own would first scroll the top bar
  // into view, and the grid's place would then be the top (once the browser told the grid of that
  // scroll before the address changed, under load).
  await page.getByRole('navigation').getByRole('link', { name: 'Products' }).dispatchEvent('click');
  await expect(page.getByRole('heading', { name: 'Products', level: 1 })).toBeVisible();
  await page.goBack();
  answer();
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  const again = cards.filter({ hasText: middle });
  await expect(again).toBeInViewport();
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(50);
});
