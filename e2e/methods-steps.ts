import type { Page } from '@playwright/test';

/** Searches the methods atlas for `query` and ticks the method `methodId` among the results. */
export async function chooseMethod(page: Page, query: string, methodId: string): Promise<void> {
  await page.getByTestId('methods-search').fill(query);
  await page.locator(`[data-method-id="${methodId}"] [data-testid="method-choose"]`).check();
}
