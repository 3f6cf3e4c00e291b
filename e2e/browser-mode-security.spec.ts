import { request as playwrightRequest } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.describe('browser mode refuses what is not the app itself', () => {
  test('no token, a wrong token, a foreign Origin or a foreign Host are refused', async ({ app }) => {
    test.skip(app.kind !== 'browser', 'browser mode only');
    const origin = app.origin ?? '';
    const api = await playwrightRequest.newContext();
    const invoke = (headers: Record<string, string>): ReturnType<typeof api.post> =>
      api.post(`${origin}/api/invoke/settings.get`, { data: {}, headers });

    expect((await invoke({})).status()).toBe(401);
    expect((await invoke({ 'x-motiv-token': 'wrong' })).status()).toBe(401);
    const foreign = await invoke({ 'x-motiv-token': app.token ?? '', origin: 'https://evil.example' });
    expect(foreign.status()).toBe(403);
    const rebinding = await invoke({ 'x-motiv-token': app.token ?? '', host: 'evil.example' });
    expect(rebinding.status()).toBe(403);
    const ok = await invoke({ 'x-motiv-token': app.token ?? '' });
    expect(ok.status()).toBe(200);
    expect(((await ok.json()) as { result: { schemaVersion: number } }).result.schemaVersion).toBe(1);
    await api.dispose();
  });

  test('the token stays with this origin: dropped from the URL, never a cookie, survives a reload, serves a second tab', async ({
    app,
  }) => {
    test.skip(app.kind !== 'browser', 'browser mode only');
    const page = app.window;
    await expect(page.locator('nav')).toBeVisible();
    expect(page.url()).not.toContain('token=');
    // Cookies ignore ports: any cookie here would also reach every other service on 127.0.0.1.
    expect(await page.context().cookies()).toEqual([]);
    const events = page.waitForRequest(
      (req) => req.url().endsWith('/api/events') && req.headers()['x-motiv-token'] === app.token,
    );
    const reply = page.waitForResponse((res) => res.url().includes('/api/invoke/'));
    await page.reload();
    await events;
    await expect(page.locator('nav')).toBeVisible();
    expect((await reply).status()).toBe(200);
    expect(await page.context().cookies()).toEqual([]);
    // A second tab opened on the bare origin (no token in its URL) works too: the origin's storage has it.
    const second = await page.context().newPage();
    const secondReply = second.waitForResponse((res) => res.url().includes('/api/invoke/'));
    await second.goto(`${app.origin}/#/settings`);
    expect((await secondReply).status()).toBe(200);
    await second.close();
  });
});
