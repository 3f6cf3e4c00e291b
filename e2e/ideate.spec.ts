import { readFileSync } from 'node:fs';
import { captureScreenshot } from './fixtures.ts';
import { holdChannel } from './held-response.ts';
import { expect, mentorlessDraft, test } from './ideate-fixture.ts';

// A run against the scripted LLM (app start, mining, rounds of calls) may take up to a minute.
test.describe.configure({ timeout: 60_000 });

/**
 * The Ideate section in a real Chromium over browser mode, with the core talking to the scripted
 * OpenAI-compatible server through the real `openai` client (only the model's words are scripted). The graph
 * is a real embedded store seeded with a few nodes, so citations resolve or are flagged for real.
 */

test.describe('with a scripted LLM', () => {
  test.use({ scenarioFile: 'ideator-interject.json' });

  test('runs a session to ACCEPT with a human-mentor interjection and exports the idea', async ({
    page,
    llm,
  }, testInfo) => {
    // The cost bound is shown before anything starts.
    await expect(page.getByTestId('ideate-estimate-cost')).toHaveText(/^\$\d/);
    await expect(page.getByTestId('ideate-no-endpoint')).toHaveCount(0);

    await page.getByTestId('ideate-topic').fill('LLM research ideation');
    await page.getByTestId('ideate-ideas').fill('1');
    await page.getByTestId('ideate-rounds').fill('3');
    // The fixed cycle: this test is about the live session; the scenario's mentor accepts in round 2.
    await page.getByTestId('ideate-policy').selectOption('cycle');
    await page.getByTestId('ideate-start').click();

    const session = page.getByTestId('ideate-session');
    await expect(session.getByTestId('ideate-status')).toHaveText('Running');
    await expect(page.getByTestId('ideate-session-item')).toHaveCount(1);
    // The first draft arrives; the mentor's call is in flight (the scenario holds it for 10 s).
    await expect(session.getByTestId('ideate-idea-title')).toContainText('version 1');
    await expect(session.getByTestId('ideate-progress')).toContainText('Idea 1 of 1');
    await expect(session.getByTestId('ideate-progress')).toContainText('of 3');

    await session.getByTestId('ideate-human-text').fill('Consider low-resource languages as well.');
    await session.getByTestId('ideate-interject').click();
    await expect(session.locator('[data-kind="human"]')).toContainText('Consider low-resource languages');

    // The researcher answers the human mentor, revises, and the mentor accepts.
    await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 20_000 });
    const idea = session.getByTestId('ideate-idea');
    await expect(idea.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
    await expect(idea.getByTestId('ideate-idea-title')).toContainText('version 2');
    await expect(session.locator('[data-testid="ideate-turn"][data-kind="mentor"]')).toContainText('ACCEPT');
    const kinds = await session
      .getByTestId('ideate-turn')
      .evaluateAll((turns) => turns.map((t) => t.getAttribute('data-kind')));
    expect(kinds).toEqual(['researcher', 'idea', 'human', 'researcher', 'idea', 'mentor']);

    // Citations: the made-up node is flagged, the real ones resolve.
    await expect(idea.locator('[data-testid="ideate-citation"][data-status="missing"]')).toHaveCount(1);
    await expect(idea.locator('[data-testid="ideate-citation"][data-status="missing"]')).toContainText(
      'kg:challenge:Made_up_node_that_does_not_exist',
    );
    expect(
      await idea.locator('[data-testid="ideate-citation"][data-status="resolved"]').count(),
    ).toBeGreaterThanOrEqual(3);
    await expect(idea.getByTestId('ideate-cite-missing').first()).toBeVisible();
    await expect(session.getByTestId('ideate-cost')).toContainText(
      /\d+ call\(s\), [\d,]+ prompt \+ [\d,]+\s+completion tokens: \$0\.\d+/,
    );

    // An earlier version stays readable.
    await idea.getByTestId('ideate-version').selectOption('1');
    await expect(idea.getByTestId('ideate-idea-title')).toContainText('version 1');
    await idea.getByTestId('ideate-version').selectOption('2');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      idea.getByTestId('ideate-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('kg_guided_socratic_ideation_v2-v2.md');
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain('# Graph-grounded Socratic ideation, version 2');
    expect(markdown).toContain('**not in the graph (flagged)**');
    expect(markdown).toContain('**Human mentor**: Consider low-resource languages as well.');

    expect(llm?.unusedSteps()).toEqual([]);
    await expect(idea.getByTestId('ideate-accept')).toHaveCount(0);
    await page.getByTestId('section-ideate').evaluate((main) => main.scrollTo(0, 0));
    await captureScreenshot(page, 'ideate-accepted', testInfo);
  });
});

test.describe('deciding, forking, pausing', () => {
  test.use({ scenarioFile: 'ideator-fork.json' });

  test('accepts a mentor-less draft by hand, forks it, pauses and resumes the fork to ACCEPT', async ({
    page,
    llm,
  }) => {
    await mentorlessDraft(page);
    const session = page.getByTestId('ideate-session');
    const idea = session.getByTestId('ideate-idea');
    await expect(idea.getByTestId('ideate-idea-outcome')).toHaveText('Unreviewed (no mentor)');
    await idea.getByTestId('ideate-accept').click();
    await expect(idea.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
    await expect(idea).toContainText('decided by user');
    await expect(session.locator('[data-kind="note"]')).toContainText('User accepted the idea');

    // The fork deliberates version 1 with a mentor; its first question is held by the scenario.
    await idea.getByTestId('ideate-fork').click();
    // The fixed cycle: this test is about forks; the scenario's mentor decides early.
    await page.getByTestId('ideate-policy').selectOption('cycle');
    await page.getByTestId('ideate-start').click();
    await expect(page.getByTestId('ideate-session-item')).toHaveCount(2);
    await expect(session.getByTestId('ideate-status')).toHaveText('Running');
    await expect
      .poll(() => llm?.requests.some((r) => JSON.stringify(r.body).includes('[role:mentor]')))
      .toBe(true);
    await session.getByTestId('ideate-pause').click();
    await expect(session.getByTestId('ideate-status')).toHaveText('Paused');
    await session.getByTestId('ideate-resume').click();
    await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 20_000 });
    await expect(idea.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
    await expect(idea).toContainText('decided by mentor');
    expect(llm?.unusedSteps()).toEqual([]);
  });
});

test('says what to do when no LLM endpoint is configured', async ({ page }) => {
  await expect(page.getByTestId('ideate-no-endpoint')).toContainText('Settings');
  await expect(page.getByTestId('ideate-no-endpoint')).toContainText('MOTIV_LLM_BASE_URL');
  await page.getByTestId('ideate-topic').fill('LLM research ideation');
  await expect(page.getByTestId('ideate-start')).toBeDisabled();
  // The estimate is still shown: the user sees the bound before configuring anything.
  await expect(page.getByTestId('ideate-estimate-cost')).toHaveText(/^\$\d/);
});

test('numbers typed before the settings arrive are kept, not replaced by the defaults', async ({ page }) => {
  const settings = await holdChannel(page, 'settings.get');
  await page.reload();
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-rounds').fill('6');
  await settings.release();
  // The settings' defaults (3 ideas, 5 rounds) arrive after the user's numbers; the user's numbers stay.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('ideate-ideas')).toHaveValue('1');
  await expect(page.getByTestId('ideate-rounds')).toHaveValue('6');
});
