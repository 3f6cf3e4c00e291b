import type { Locator, Page } from '@playwright/test';
import { captureScreenshot } from './fixtures.ts';
import { expect, test } from './ideate-fixture.ts';

/**
 * Issue 11, done-when: a session moves O(turns) bytes to the renderer, not O(turns²). The page follows a
 * six-round deliberation (the scripted mentor never decides); every byte the page receives (replies to its
 * calls and the server-sent event stream) is counted through the DevTools protocol. The scenario holds the
 * fourth mentor question 4 s, so the count after three rounds is read while nothing moves. When the page
 * re-read the whole session after each turn, the second three rounds cost several times the first three;
 * applying each change as a delta, they cost about the same.
 */

test.use({ scenarioFile: 'ideator-long.json' });

interface Traffic {
  /** Replies to the page's calls (`/api/invoke/*`). */
  replies: number;
  /** Everything else: the server-sent event stream (opened before counting starts, so its URL is not seen). */
  events: number;
}

/** Fills the start form for one idea over six rounds (the scripted mentor never decides). */
async function fillSixRounds(page: Page): Promise<void> {
  await page.getByTestId('ideate-topic').fill('LLM research ideation');
  await page.getByTestId('ideate-ideas').fill('1');
  await page.getByTestId('ideate-rounds').fill('6');
}

/** Starts that session; answers its panel. */
async function startSixRounds(page: Page): Promise<Locator> {
  await fillSixRounds(page);
  await page.getByTestId('ideate-start').click();
  return page.getByTestId('ideate-session');
}

/** Counts every byte the page receives from now on, replies and streamed event chunks apart. */
async function countBytes(page: Page): Promise<() => Traffic> {
  const cdp = await page.context().newCDPSession(page);
  const traffic: Traffic = { replies: 0, events: 0 };
  const replies = new Set<string>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (new URL(event.request.url).pathname.startsWith('/api/invoke/')) replies.add(event.requestId);
  });
  cdp.on('Network.dataReceived', (event) => {
    if (replies.has(event.requestId)) traffic.replies += event.dataLength;
    else traffic.events += event.dataLength;
  });
  await cdp.send('Network.enable');
  return () => ({ ...traffic });
}

/** Waits until the count has not moved for a while (debounced reads, trailing events). */
async function settled(count: () => Traffic): Promise<Traffic> {
  let last = '';
  for (;;) {
    const now = count();
    if (JSON.stringify(now) === last) return now;
    last = JSON.stringify(now);
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
}

test('an ideation session moves bytes in proportion to its turns', async ({ page, llm }, testInfo) => {
  test.setTimeout(90_000);
  await fillSixRounds(page);
  await expect(page.getByTestId('ideate-estimate-cost')).toHaveText(/^\$\d/);
  const count = await countBytes(page);
  await page.getByTestId('ideate-start').click();

  const session = page.getByTestId('ideate-session');
  // Three rounds answered and revised (version 4); the fourth question is held by the scenario.
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="idea"]')).toHaveCount(4);
  const afterThree = await settled(count);
  await captureScreenshot(page, 'ideate-mid-session', testInfo);

  await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 60_000 });
  await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Round limit reached');
  const afterSix = await settled(count);
  const mentorTurns = await session.locator('[data-testid="ideate-turn"][data-kind="mentor"]').count();
  expect(mentorTurns).toBe(6);
  expect(llm?.unusedSteps().filter((id) => !/late|answer|revise/.test(id))).toEqual([]);

  const total = (t: Traffic): number => t.replies + t.events;
  const ratio = total(afterSix) / total(afterThree);
  const figures =
    `after 3 rounds ${total(afterThree)} bytes (replies ${afterThree.replies}, events ${afterThree.events}); ` +
    `after 6 ${total(afterSix)} (replies ${afterSix.replies}, events ${afterSix.events}); ratio ${ratio.toFixed(2)}`;
  console.log(`ideate traffic: ${figures}`);
  testInfo.annotations.push({ type: 'traffic', description: figures });
  // Twice the rounds, at most about twice the bytes; the replies (whole-session reads) must not grow with them.
  expect(ratio).toBeLessThan(2.3);
  expect(afterSix.replies / afterThree.replies).toBeLessThan(1.5);
  expect(afterSix.events / afterThree.events).toBeLessThan(2.3);
});

test('an open session catches up with ideator.since after missing events, without re-reading it', async ({
  page,
  llm,
}) => {
  test.setTimeout(90_000);
  const calls: string[] = [];
  page.on('request', (request) => {
    const channel = /\/api\/invoke\/(.+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (channel) calls.push(channel);
  });
  const session = await startSixRounds(page);
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="idea"]')).toHaveCount(4);

  // Away from Ideate the page does not follow the session: the rest of the run happens unseen.
  await page.getByTestId('nav-graph').click();
  await expect(page.getByTestId('section-graph')).toBeVisible();
  await expect.poll(() => llm?.requests.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(18);
  await page.waitForTimeout(1_000);
  const before = calls.length;

  await page.getByTestId('nav-ideate').click();
  await expect(session.getByTestId('ideate-status')).toHaveText('Completed');
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="mentor"]')).toHaveCount(6);
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="idea"]')).toHaveCount(6);
  await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Round limit reached');
  const back = calls.slice(before);
  expect(back).toContain('ideator.since');
  expect(back).not.toContain('ideator.get');
});

test('after the event stream drops, its reconnect catches the open session up', async ({ page, llm }) => {
  test.setTimeout(90_000);
  const session = await startSixRounds(page);
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="idea"]')).toHaveCount(2);

  // The page comes back without its event stream (refused until unrouted), and opens the running session.
  await page.route('**/api/events', (route) => route.abort());
  await page.reload();
  await page.getByTestId('nav-ideate').click();
  await page.getByTestId('ideate-session-item').first().click();
  await expect(session.getByTestId('ideate-status')).toHaveText('Running');
  await expect.poll(() => llm?.requests.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(18);
  await page.waitForTimeout(1_000);
  await expect(session.getByTestId('ideate-status')).toHaveText('Running');

  await page.unroute('**/api/events');
  await expect(session.getByTestId('ideate-status')).toHaveText('Completed', { timeout: 10_000 });
  await expect(session.locator('[data-testid="ideate-turn"][data-kind="mentor"]')).toHaveCount(6);
  await expect(session.getByTestId('ideate-idea-outcome')).toHaveText('Round limit reached');
});
