import type { Page, Response } from '@playwright/test';

/**
 * Holds the page's calls of one channel until `release()`, so a test can act before a slow answer arrives
 * (the late-load races: a form the user typed into must not be reset by the read that was still on its way).
 * `release()` resolves with the first held call's response.
 */
export async function holdChannel(page: Page, channel: string): Promise<{ release(): Promise<Response> }> {
  let open = (): void => undefined;
  const held = new Promise<void>((resolve) => (open = resolve));
  const pattern = `**/api/invoke/${channel}`;
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return {
    release: async () => {
      const answered = page.waitForResponse(pattern);
      open();
      const response = await answered;
      await page.unroute(pattern);
      return response;
    },
  };
}
