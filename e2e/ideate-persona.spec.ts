import { captureScreenshot } from './fixtures.ts';
import { expect, IDEATE_TOPIC, test } from './ideate-fixture.ts';

test.describe.configure({ timeout: 60_000 });

/** The mentor persona chosen in the start form is the session's, reaches the mentor, and shows in the transcript. */
test.describe('mentor persona', () => {
  test.use({ scenarioFile: 'ideator-persona.json' });

  test('a skeptic mentor asks for a null hypothesis; the reviewer needs a venue', async ({
    page,
    llm,
  }, testInfo) => {
    await page.getByTestId('ideate-topic').fill(IDEATE_TOPIC);
    await page.getByTestId('ideate-ideas').fill('1');
    await page.getByTestId('ideate-rounds').fill('1');
    // The fixed cycle: this test is about the persona; the scenario's mentor rejects in round 1.
    await page.getByTestId('ideate-policy').selectOption('cycle');
    // A reviewer without a venue cannot start.
    await page.getByTestId('ideate-persona').selectOption('reviewer');
    await expect(page.getByTestId('ideate-start')).toBeDisabled();
    await page.getByTestId('ideate-venue').fill('ICLR 2026');
    await expect(page.getByTestId('ideate-start')).toBeEnabled();
    await captureScreenshot(page, 'ideate-persona-reviewer', testInfo);

    await page.getByTestId('ideate-persona').selectOption('skeptic');
    await expect(page.getByTestId('ideate-venue')).toHaveCount(0);
    await page.getByTestId('ideate-start').click();
    const session = page.getByTestId('ideate-session');
    await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 20_000 });
    const mentor = session.locator('[data-testid="ideate-turn"][data-kind="mentor"]');
    await expect(mentor).toContainText('Mentor (skeptic), round 1');
    await expect(mentor).toContainText('State the null hypothesis');
    await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Rejected');
    const mentorRequests = (llm?.requests ?? []).filter((r) =>
      JSON.stringify(r.body.messages ?? '').includes('[role:mentor]'),
    );
    expect(mentorRequests).toHaveLength(1);
    expect(JSON.stringify(mentorRequests[0]?.body.messages)).toContain('skeptical research supervisor');
    await captureScreenshot(page, 'ideate-persona-skeptic', testInfo);
  });
});
