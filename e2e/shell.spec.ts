import { captureScreenshot, expect, test, type SectionName } from './fixtures.ts';

// These checks are about the shell, not the graph: keep a fresh store empty (no first-run seed graph).
test.use({ appEnv: { MOTIV_SEED: 'off' } });

const SECTIONS: { id: SectionName; heading: string }[] = [
  { id: 'graph', heading: 'Graph' },
  { id: 'ideate', heading: 'Ideate' },
  { id: 'ideas', heading: 'Ideas' },
  { id: 'evaluate', heading: 'Evaluate' },
  { id: 'methods', heading: 'Methods' },
  { id: 'settings', heading: 'Settings' },
];

test('every section opens from the sidebar and the URL remembers it', async ({ page, section }, testInfo) => {
  for (const { id, heading } of SECTIONS) {
    await section(id);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
    await captureScreenshot(page, `section-${id}`, testInfo);
  }
  await page.reload();
  await expect(page.getByTestId('section-settings')).toBeVisible();
});

test('an empty app says so in every section instead of showing invented data', async ({ page, section }) => {
  await section('graph');
  await expect(page.getByTestId('graph-empty')).toContainText('problems');
  await section('ideate');
  await expect(page.getByTestId('ideate-empty')).toContainText('Start a session');
  await section('ideas');
  await expect(page.getByTestId('ideas-empty')).toContainText('No ideas yet');
  await section('evaluate');
  await expect(page.getByTestId('evaluate-empty')).toContainText('Nothing to evaluate yet');
  await page.getByTestId('evaluate-empty-protocol').click();
  await expect(page.getByTestId('protocol-form')).toBeVisible();
});

test('the page runs under a strict CSP with no Node and no raw IPC', async ({ page, app }) => {
  test.skip(app.kind !== 'browser', 'browser-mode specific: checks the HTTP response headers');
  const response = await page.request.get(app.url ?? '');
  expect(response.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers()['access-control-allow-origin']).toBeUndefined();
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
});
