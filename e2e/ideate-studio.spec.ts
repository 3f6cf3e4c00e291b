import type { Locator, Page } from '@playwright/test';
import { captureScreenshot } from './fixtures.ts';
import { expect, IDEATE_TOPIC, test } from './ideate-fixture.ts';

test.describe.configure({ timeout: 90_000 });

/** Issue 16, the ideation studio: following a live dialogue, branching at a turn, comparing branches. */

async function startSession(page: Page, rounds: number): Promise<Locator> {
  await page.getByTestId('ideate-topic').fill(IDEATE_TOPIC);
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-rounds').fill(String(rounds));
  // The fixed cycle: these tests are about following and branching; the scenarios' mentors decide early.
  await page.getByTestId('ideate-policy').selectOption('cycle');
  await page.getByTestId('ideate-start').click();
  return page.getByTestId('ideate-session');
}

const scrollState = (dialogue: Locator) =>
  dialogue.evaluate((el) => ({
    top: el.scrollTop,
    fromEnd: el.scrollHeight - el.scrollTop - el.clientHeight,
    overflows: el.scrollHeight > el.clientHeight + 50,
  }));

test.describe('following a live session', () => {
  // Every reply takes 0.4 s and the mentor never decides; the fourth question is held 4 s.
  test.use({ scenarioFile: 'ideator-long.json' });

  test('follows new turns, stops following when scrolled away, jumps to the latest', async ({
    page,
  }, testInfo) => {
    const session = await startSession(page, 8);
    const dialogue = session.getByTestId('ideate-dialogue');
    const turns = session.getByTestId('ideate-turn');
    await expect.poll(async () => (await scrollState(dialogue)).overflows, { timeout: 30_000 }).toBe(true);
    // Following: each new turn keeps the end in view.
    const seen = await turns.count();
    await expect.poll(() => turns.count(), { timeout: 20_000 }).toBeGreaterThan(seen);
    expect((await scrollState(dialogue)).fromEnd).toBeLessThan(50);
    await expect(session.getByTestId('ideate-jump-latest')).toHaveCount(0);

    // Beside the dialogue (two columns), not below it; the bar with Pause and the cost stays in view.
    const dialogueBox = await dialogue.boundingBox();
    const ideaBox = await session.getByTestId('ideate-idea').boundingBox();
    expect(ideaBox && dialogueBox && ideaBox.x > dialogueBox.x + dialogueBox.width - 1).toBe(true);
    expect(ideaBox && dialogueBox && ideaBox.y < dialogueBox.y + dialogueBox.height).toBe(true);
    await expect(session.getByTestId('ideate-idea-heading').first()).toContainText('Idea 1:');

    // Scrolled away: new turns do not move the view; a button offers the latest.
    await dialogue.evaluate((el) => el.scrollTo({ top: 0 }));
    const jump = session.getByTestId('ideate-jump-latest');
    await expect(jump).toBeVisible();
    const count = await turns.count();
    await expect.poll(() => turns.count(), { timeout: 20_000 }).toBeGreaterThan(count);
    expect((await scrollState(dialogue)).top).toBe(0);
    await expect(jump).toContainText(/\(\d+ new\)/);
    await jump.scrollIntoViewIfNeeded();
    await expect(jump).toBeInViewport();
    await session.getByTestId('ideate-idea').last().locator('*').last().scrollIntoViewIfNeeded();
    await expect(session.getByTestId('ideate-pause')).toBeInViewport();
    await expect(session.getByTestId('ideate-cost')).toBeInViewport();
    await captureScreenshot(page, 'ideate-studio-scrolled-away', testInfo);

    await jump.click();
    await expect(jump).toHaveCount(0);
    expect((await scrollState(dialogue)).fromEnd).toBeLessThan(50);
    await session.getByTestId('ideate-stop').click();
    await expect(session.getByTestId('ideate-status')).toHaveText('Stopped');
  });
});

test.describe('branching at a turn', () => {
  test.use({ scenarioFile: 'ideator-branch.json' });

  test('branches at a mentor question with another persona and after a version with a question; compares', async ({
    page,
    llm,
  }, testInfo) => {
    const session = await startSession(page, 3);
    await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 20_000 });
    await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
    // No branch before the first draft (the exploration turn).
    await expect(
      session.locator('[data-kind="researcher"]').first().getByTestId('ideate-branch-here'),
    ).toHaveCount(0);

    const question = session.locator('[data-testid="ideate-turn"][data-kind="mentor"]').first();
    await question.getByTestId('ideate-branch-here').click();
    const form = page.getByTestId('ideate-branch-form');
    await expect(form).toContainText(`Branch at turn ${await question.getAttribute('data-seq')}`);
    await form.getByTestId('ideate-branch-mode-persona').check();
    await form.getByTestId('ideate-branch-persona').selectOption('skeptic');
    await expect(form.getByTestId('ideate-branch-estimate')).toContainText(
      /At most \d+ calls over 3 round\(s\) left/,
    );
    await captureScreenshot(page, 'ideate-studio-branch-form', testInfo);
    await form.getByTestId('ideate-branch-start').click();
    await expect(form).toHaveCount(0);
    await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 20_000 });
    await expect(session).toContainText(/Branched at turn \d+ \(version 1\)/);
    await expect(session.locator('[data-kind="mentor"]')).toContainText('Mentor (skeptic), round 1');
    await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Rejected');
    await expect(session.getByTestId('ideate-branch-row')).toHaveCount(2);
    // The ledger per agent: the branch ran one mentor call and no researcher call; its worst case was priced first.
    const ledger = session.getByTestId('ideate-agent-ledger');
    await ledger.locator('summary').click();
    const mentorRow = ledger.locator('[data-agent="mentor"]');
    await expect(mentorRow.getByTestId('ideate-ledger-after-calls')).toHaveText('1');
    await expect(
      ledger.locator('[data-agent="researcher"]').getByTestId('ideate-ledger-after-calls'),
    ).toHaveText('0');
    await expect(mentorRow).toContainText('$');
    await captureScreenshot(page, 'ideate-studio-ledger', testInfo);

    // Back to the original, branch after version 2 with a question of the user's own.
    await session.getByTestId('ideate-branch-open').first().click();
    await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
    await session
      .locator('[data-testid="ideate-turn"][data-kind="idea"]')
      .last()
      .getByTestId('ideate-branch-here')
      .click();
    await form.getByTestId('ideate-branch-mode-question').check();
    await form
      .getByTestId('ideate-branch-question')
      .fill('How would you measure novelty without an LLM judge?');
    await expect(form.getByTestId('ideate-branch-estimate')).toContainText('2 round(s) left');
    await form.getByTestId('ideate-branch-start').click();
    await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 20_000 });
    await expect(session.locator('[data-kind="human"]')).toContainText('without an LLM judge');
    await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Accepted');
    await expect(session.getByTestId('ideate-idea-title')).toContainText('version 3');
    await captureScreenshot(page, 'ideate-studio-branch', testInfo);

    // The tree: the original and its two branches; compare the branches side by side with their cost.
    const rows = session.getByTestId('ideate-branch-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toHaveAttribute('data-depth', '1');
    await rows.nth(1).getByTestId('ideate-branch-pick').check();
    await rows.nth(2).getByTestId('ideate-branch-pick').check();
    await session.getByTestId('ideate-compare-open').click();
    const columns = page.getByTestId('ideate-compare-column');
    await expect(columns).toHaveCount(2);
    await expect(columns.nth(0)).toContainText('mentor: skeptic');
    await expect(columns.nth(0)).toContainText('State the null hypothesis');
    await expect(columns.nth(1)).toContainText('without an LLM judge');
    await expect(columns.nth(0).getByTestId('ideate-compare-cost')).toContainText(/\d+ call\(s\)/);
    await expect(columns.nth(1).getByTestId('ideate-compare-cost')).toContainText(/\d+ call\(s\)/);
    const [a, b] = await columns.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    expect((b ?? 0) > (a ?? 0)).toBe(true);
    await captureScreenshot(page, 'ideate-studio-compare', testInfo);
    expect(llm?.unusedSteps()).toEqual([]);
  });
});
