import type { Page } from '@playwright/test';
import { captureScreenshot } from './fixtures.ts';
import { expect, fillScores, test, TOPIC } from './evaluate-fixture.ts';
import type { BrowserModeApp } from './app-launcher.ts';

/** Another writer (a second tab, the CLI) through the same HTTP API the page uses. */
async function invokeAsOther(
  page: Page,
  app: BrowserModeApp,
  channel: string,
  payload: unknown,
): Promise<unknown> {
  const res = await page.request.post(`${app.origin}/api/invoke/${channel}`, {
    headers: { 'x-motiv-token': app.token },
    data: payload,
  });
  return res.json();
}

test('a rater rates an idea, meets a second writer through the conflict dialog, and answers blind pairs', async ({
  page,
  app,
}, testInfo) => {
  await page.getByTestId('evaluate-tab-rate').click();
  await expect(page.getByTestId('rating-form')).toHaveCount(0);
  await page.getByTestId('rater-name').fill('Ada');
  await page.getByTestId('rater-use').click();
  await expect(page.getByTestId('rater-current')).toHaveText('Ada');

  // A rating of the first idea (alpha): two dimensions and a note; the others stay unrated.
  await expect(page.getByTestId('rating-idea')).toContainText('Idea alpha for the topic');
  await fillScores(page, { novelty: '8', experiment: '7' });
  await page.getByTestId('rating-note').fill('clear gap');
  await page.getByTestId('rating-save').click();
  await expect(page.getByTestId('rating-saved')).toContainText('revision 1');

  // A bad score is refused in the form, not sent.
  await page.getByTestId('rating-clarity').fill('11');
  await expect(page.getByTestId('rating-save')).toBeDisabled();
  await page.getByTestId('rating-clarity').fill('');
  await expect(page.getByTestId('rating-save')).toBeEnabled();

  // Ada, in another window, saves revision 2 first; this form still holds revision 1.
  const other = (await invokeAsOther(page, app, 'ratings.set', {
    ideaId: 'id-alpha',
    rater: 'Ada',
    scores: { novelty: 3, experiment: 7 },
    note: 'clear gap',
    baseRevision: 1,
  })) as { result?: { rating: { revision: number } } };
  expect(other.result?.rating.revision).toBe(2);
  await page.getByTestId('rating-motivation').fill('9');
  await page.getByTestId('rating-save').click();
  const dialog = page.getByTestId('rating-conflict');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('conflict-field-novelty').getByTestId('conflict-theirs')).toHaveText('3');
  await expect(dialog.getByTestId('conflict-field-motivation').getByTestId('conflict-mine')).toHaveText('9');
  await captureScreenshot(page, 'evaluate-rate-conflict', testInfo);
  await dialog.getByTestId('conflict-keep-mine').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('rating-saved')).toContainText('revision 3');
  const stored = (await invokeAsOther(page, app, 'ratings.list', {
    ideaIds: ['id-alpha'],
    rater: 'Ada',
  })) as {
    result: { ratings: { scores: Record<string, number>; revision: number }[] };
  };
  expect(stored.result.ratings).toMatchObject([
    { revision: 3, scores: { novelty: 8, experiment: 7, motivation: 9 } },
  ]);

  // Blind pairs: texts only (no titles), picked with the keyboard and with the buttons.
  const left = page.getByTestId('blind-left');
  await expect(left).toBeVisible();
  await expect(page.getByTestId('blind-pair')).not.toContainText('for the topic');
  await expect(page.getByTestId('blind-answered')).toHaveText('0');
  await captureScreenshot(page, 'evaluate-rate', testInfo);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('blind-answered')).toHaveText('1');
  await page.getByTestId('blind-pick-right').click();
  await expect(page.getByTestId('blind-answered')).toHaveText('2');

  // The human ranking moves off 1000 for the ideas in answered pairs; agreement says why it is not computed yet.
  // Round 1 paired all four ideas; the standings are re-read after each answer, so wait for the second one's.
  const humanElos = async (): Promise<number[]> =>
    (await page.getByTestId('human-elo').allTextContents()).filter((t) => t !== '—').map(Number);
  await expect.poll(async () => (await humanElos()).length).toBe(4);
  const elos = await humanElos();
  expect(elos.some((e) => e !== 1000)).toBe(true);
  await expect(page.getByTestId('agreement')).toContainText('not computed yet');

  // The leaderboard shows the same human ELO beside the (not yet judged) LLM columns.
  await page.getByTestId('evaluate-tab-leaderboard').click();
  const expected = elos.map((e) => Math.round(e)).sort();
  await expect
    .poll(async () =>
      (await page.getByTestId('leaderboard-human-elo').allTextContents())
        .filter((t) => t !== '—')
        .map(Number)
        .sort(),
    )
    .toEqual(expected);
  await page.getByTestId('evaluate-tab-rate').click();
  // Arrow keys on the focused tab list move between tabs (the pair is left as it was).
  await expect(page.getByTestId('blind-answered')).toHaveText('2');
  await page.getByTestId('evaluate-tab-rate').press('ArrowLeft');
  await expect(page.getByTestId('evaluate-tab-leaderboard')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('evaluate-tab-leaderboard').press('ArrowRight');
  await expect(page.getByTestId('blind-answered')).toHaveText('2');
  // With the focus still on the tab, 1 and 2 answer the pair.
  await expect(page.getByTestId('blind-left')).toBeVisible();
  await page.getByTestId('evaluate-tab-rate').press('2');
  await expect(page.getByTestId('blind-answered')).toHaveText('3');

  // The name is remembered on this machine.
  await page.reload();
  await page.getByTestId('evaluate-tab-rate').click();
  await expect(page.getByTestId('rater-current')).toHaveText('Ada');
  await expect(page.getByTestId('rating-idea')).toContainText('✓ Idea alpha for the topic');
});

test.describe('with the judge scores in', () => {
  test.use({ scenarioFile: 'evaluate-leaderboard.json' });

  test('agreement between the human ranking and the judge is given with Spearman, Kendall and n', async ({
    page,
    app,
  }) => {
    const scored = (await invokeAsOther(page, app, 'judge.score', { topic: TOPIC })) as { result?: unknown };
    expect(scored.result).toBeDefined();
    await page.getByTestId('evaluate-tab-rate').click();
    await page.getByTestId('rater-name').fill('Grace');
    await page.getByTestId('rater-use').click();
    // Two rounds of blind pairs: every idea has played.
    for (let answered = 1; answered <= 4; answered++) {
      await expect(page.getByTestId('blind-left')).toBeVisible();
      await page.keyboard.press(answered % 2 === 0 ? '2' : '1');
      await expect(page.getByTestId('blind-answered')).toHaveText(String(answered));
    }
    await expect(page.getByTestId('agreement')).toContainText(
      /Human ELO vs LLM scores: Spearman -?\d\.\d\d, Kendall τ-b -?\d\.\d\d \(n = 4\)/,
    );
  });
});
