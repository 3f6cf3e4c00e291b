import { expect, type Browser, type Page } from '@playwright/test';
import type { BrowserModeApp } from './app-launcher.ts';
import type { SectionName } from './fixtures.ts';

interface AppPageOptions {
  /** The section to open first (its nav entry is clicked and its page awaited). */
  section?: SectionName;
  acceptDownloads?: boolean;
}

/**
 * The page fixture of specs that start their own browser mode: a fresh context on a wide window, the app's URL
 * (with its token) loaded, optionally a section opened; closed after the test.
 */
export async function useAppPage(
  browser: Browser,
  app: BrowserModeApp,
  use: (page: Page) => Promise<void>,
  options: AppPageOptions = {},
): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  await page.goto(app.url);
  if (options.section) await openSection(page, options.section);
  await use(page);
  await context.close();
}

/** Opens a section of the app the way a user does: its nav entry clicked, its page awaited. */
export async function openSection(page: Page, name: SectionName): Promise<void> {
  await page.getByTestId(`nav-${name}`).click();
  await expect(page.getByTestId(`section-${name}`)).toBeVisible();
}

/** Types a query into the Graph section's search box and submits it. */
export async function searchGraph(page: Page, query: string): Promise<void> {
  await page.getByTestId('graph-search').fill(query);
  await page.getByTestId('graph-search').press('Enter');
}
