import { expect, type Page } from '@playwright/test';
import { seedIdeatorSessions } from '../src-main/judge/test-ideas.ts';
import { seedIdeateGraph } from './ideate-fixture.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * The library specs' app: browser mode on a data dir with the ideator's seeded graph and one earlier session on
 * SEEDED_TOPIC holding three written ideas (`id-alpha`, `id-beta`, `id-gamma`, "Idea <word> for the topic"),
 * written through the real session store.
 */
export const SEEDED_TOPIC = 'graph neural networks for drug discovery';

export const test = scriptedAppTest({
  section: 'ideas',
  seed: async (dataDir) => {
    await seedIdeateGraph(dataDir);
    seedIdeatorSessions(dataDir, SEEDED_TOPIC, ['alpha', 'beta', 'gamma']);
  },
});

export { expect };

/** The library's row of one idea. */
export function libraryRow(page: Page, ideaId: string): ReturnType<Page['locator']> {
  return page.locator(`[data-testid="library-row"][data-idea-id="${ideaId}"]`);
}

/** Opens one idea's detail from its row's title and waits for its versions. */
export async function openIdea(page: Page, ideaId: string): Promise<void> {
  await libraryRow(page, ideaId).getByTestId('library-row-title').click();
  await expect(page.locator(`[data-testid="idea-detail"][data-idea-id="${ideaId}"]`)).toBeVisible();
  await expect(page.getByTestId('idea-versions')).toBeVisible();
}
