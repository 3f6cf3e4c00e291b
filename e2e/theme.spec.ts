import type { Page } from '@playwright/test';
import { captureScreenshot, expect, test } from './fixtures.ts';

test.use({ startSection: 'settings' });

/** The page background and the colour scheme native controls and scrollbars are drawn in. */
async function painted(page: Page): Promise<{ background: string; scheme: string }> {
  return page.evaluate(() => ({
    background: getComputedStyle(document.body).backgroundColor,
    scheme: getComputedStyle(document.documentElement).colorScheme,
  }));
}

const LIGHT_BG = 'rgb(251, 251, 252)';
const DARK_BG = 'rgb(22, 26, 34)';

test('each theme paints its colours and draws native controls to match, whatever the OS prefers', async ({
  page,
}, testInfo) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('setting-theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await painted(page)).toEqual({ background: DARK_BG, scheme: 'dark' });
  await captureScreenshot(page, 'theme-dark-on-light-os', testInfo);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('setting-theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await painted(page)).toEqual({ background: LIGHT_BG, scheme: 'light' });
  await captureScreenshot(page, 'theme-light-on-dark-os', testInfo);

  // System follows the OS, both ways, without a reload.
  await page.getByTestId('setting-theme').selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await painted(page)).toEqual({ background: DARK_BG, scheme: 'light dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await painted(page)).toEqual({ background: LIGHT_BG, scheme: 'light dark' });
});
