import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { captureScreenshot, expect, test } from './fixtures.ts';

test.use({ startSection: 'settings' });

interface OnDisk {
  profile?: { displayName: string };
  ideation?: { maxRounds: number; ideasPerTopic: number };
}
const onDisk = (dataDir: string): OnDisk =>
  JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as OnDisk;

/** A second window (`other`) on the same app, both windows on Settings; two windows on one core: browser mode. */
const twoWindows = test.extend<{ other: Page }>({
  other: async ({ app, browser, section }, use, testInfo) => {
    testInfo.skip(app.kind !== 'browser', 'two windows on one core: browser mode');
    const other = await (await browser.newContext()).newPage();
    await other.goto(app.url ?? '');
    await section('settings');
    await other.getByTestId('nav-settings').click();
    await use(other);
    await other.context().close();
  },
});

test('leaving Settings with unsaved edits asks: keep editing, save, or discard', async ({
  page,
  section,
  app,
}, testInfo) => {
  await page.getByTestId('setting-display-name').fill('Ada Lovelace');
  await expect(page.getByTestId('settings-unsaved-profile')).toBeVisible();

  await page.getByTestId('nav-graph').click();
  await expect(page.getByTestId('settings-leave')).toContainText('profile');
  await captureScreenshot(page, 'settings-leave', testInfo);
  await page.getByTestId('settings-leave-stay').click();
  await expect(page.getByTestId('section-settings')).toBeVisible();
  await expect(page.getByTestId('setting-display-name')).toHaveValue('Ada Lovelace');

  await page.getByTestId('nav-graph').click();
  await page.getByTestId('settings-leave-save').click();
  await expect(page.getByTestId('section-graph')).toBeVisible();
  expect(onDisk(app.dataDir).profile?.displayName).toBe('Ada Lovelace');

  await section('settings');
  await page.getByTestId('setting-max-rounds').fill('9');
  await page.getByTestId('nav-ideas').click();
  await page.getByTestId('settings-leave-discard').click();
  await expect(page.getByTestId('section-ideas')).toBeVisible();
  await section('settings');
  await expect(page.getByTestId('setting-max-rounds')).toHaveValue('5');
  expect(onDisk(app.dataDir).ideation?.maxRounds).toBe(5);

  // Panels with their own Save count too, and so does leaving by URL (back, forward, a typed hash).
  await page.getByTestId('literature-enabled').uncheck();
  await page.evaluate("window.location.hash = '#/methods'");
  await expect(page.getByTestId('settings-leave')).toContainText('literature');
  await expect(page.getByTestId('section-settings')).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/settings');
  await page.getByTestId('settings-leave-save').click();
  await expect(page.getByTestId('section-methods')).toBeVisible();
  expect(JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8'))).toMatchObject({
    literature: { enabled: false },
  });
});

twoWindows(
  'a stale settings save shows both versions; keep mine, take theirs; other sections merge quietly',
  async ({ page, other, app }, testInfo) => {
    // Both start from the same settings; this window drafts a name, the other saves a different one first.
    await page.getByTestId('setting-display-name').fill('Bea');
    await other.getByTestId('setting-display-name').fill('Ada');
    await other.getByTestId('settings-save-profile').click();
    await expect(other.getByTestId('settings-status-profile')).toHaveText('Saved');
    // The draft here is kept, not replaced by the change pushed from the other window.
    await expect(page.getByTestId('setting-display-name')).toHaveValue('Bea');

    await page.getByTestId('settings-save-profile').click();
    const conflict = page.getByTestId('settings-conflict-profile');
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId('conflict-mine')).toHaveText('Bea');
    await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Ada');
    expect(onDisk(app.dataDir).profile?.displayName).toBe('Ada');
    await captureScreenshot(page, 'settings-conflict', testInfo);
    await conflict.getByTestId('conflict-keep-mine').click();
    await expect(page.getByTestId('settings-status-profile')).toHaveText('Saved');
    expect(onDisk(app.dataDir).profile?.displayName).toBe('Bea');
    // The other window was clean: it follows.
    await expect(other.getByTestId('setting-display-name')).toHaveValue('Bea');

    // The other window now saves a stale value again; it takes ours.
    await other.getByTestId('setting-display-name').fill('Cy');
    await page.getByTestId('setting-display-name').fill('Dee');
    await page.getByTestId('settings-save-profile').click();
    await expect(page.getByTestId('settings-status-profile')).toHaveText('Saved');
    await other.getByTestId('settings-save-profile').click();
    await other.getByTestId('settings-conflict-profile').getByTestId('conflict-take-theirs').click();
    await expect(other.getByTestId('setting-display-name')).toHaveValue('Dee');
    await expect(other.getByTestId('settings-unsaved-profile')).toHaveCount(0);
    expect(onDisk(app.dataDir).profile?.displayName).toBe('Dee');

    // Edits to different sections never conflict: each save lands on top of the other.
    await page.getByTestId('setting-max-rounds').fill('8');
    await other.getByTestId('setting-display-name').fill('Eve');
    await page.getByTestId('settings-save-ideation').click();
    await expect(page.getByTestId('settings-status-ideation')).toHaveText('Saved');
    await other.getByTestId('settings-save-profile').click();
    await expect(other.getByTestId('settings-status-profile')).toHaveText('Saved');
    await expect(other.getByTestId('settings-conflict-profile')).toHaveCount(0);
    expect(onDisk(app.dataDir)).toMatchObject({
      profile: { displayName: 'Eve' },
      ideation: { maxRounds: 8 },
    });
  },
);

twoWindows(
  'a stale settings save merged by hand takes each field from the side picked',
  async ({ page, other, app }, testInfo) => {
    // Both windows change both ideation fields; the other window saves first.
    const ideas = (p: typeof page) =>
      p.getByTestId('settings-section-ideation').getByLabel('Ideas per topic');
    await ideas(page).fill('4');
    await page.getByTestId('setting-max-rounds').fill('6');
    await ideas(other).fill('9');
    await other.getByTestId('setting-max-rounds').fill('11');
    await other.getByTestId('settings-save-ideation').click();
    await expect(other.getByTestId('settings-status-ideation')).toHaveText('Saved');

    await page.getByTestId('settings-save-ideation').click();
    const conflict = page.getByTestId('settings-conflict-ideation');
    await expect(conflict.getByTestId('conflict-field-ideasPerTopic')).toBeVisible();
    await conflict.getByTestId('conflict-merge').click();
    // Settings are picked whole from one side, never typed; each starts on the user's own value.
    await expect(conflict.getByTestId('conflict-pick-maxRounds-mine')).toBeChecked();
    await expect(conflict.getByTestId('conflict-merge-maxRounds')).toHaveCount(0);
    await conflict.getByTestId('conflict-pick-ideasPerTopic-theirs').check();
    await captureScreenshot(page, 'settings-conflict-merge', testInfo);
    await conflict.getByTestId('conflict-save-merge').click();
    await expect(conflict).toHaveCount(0);
    await expect(page.getByTestId('settings-status-ideation')).toHaveText('Saved');
    expect(onDisk(app.dataDir).ideation).toMatchObject({ ideasPerTopic: 9, maxRounds: 6 });
    await expect(ideas(page)).toHaveValue('9');
    await expect(other.getByTestId('setting-max-rounds')).toHaveValue('6');
  },
);
