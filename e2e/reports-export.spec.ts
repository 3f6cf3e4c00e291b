import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { IdeaExportJsonSchema } from '../src-main/contract/reports.ts';
import { htmlHazards, readBibtex, readPdf } from '../src-main/test-support/export-parsers.ts';
import {
  addReportPaper,
  REPORT_TEST_API_KEY,
  REPORT_TEST_PAPER,
} from '../src-main/test-support/reported-idea-core.ts';
import { openSection } from './app-page.ts';
import { captureScreenshot } from './fixtures.ts';
import { cycleSessionToCompletion, seedIdeateGraph } from './ideate-fixture.ts';
import { scriptedAppTest } from './scripted-app-fixture.ts';

/**
 * Issue 14 reports in a real Chromium over browser mode: a session runs to ACCEPT against the scripted LLM, and
 * the Ideas row's Export menu downloads the idea in each of the five formats (`ideas.export`, a Blob URL
 * download); every file is parsed back and none holds the API key the app runs with.
 */

const test = scriptedAppTest({
  section: 'ideate',
  seed: async (dataDir) => {
    await seedIdeateGraph(dataDir);
    await addReportPaper(dataDir);
  },
});
test.use({ scenarioFile: 'ideator-accept.json', appEnv: { MOTIV_LLM_API_KEY: REPORT_TEST_API_KEY } });

const TITLE = 'Graph-grounded Socratic ideation, version 2';

test('the Export menu downloads md, html, pdf, json and bibtex that parse back', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await cycleSessionToCompletion(page);

  await openSection(page, 'ideas');
  const row = page.getByTestId('library-row');
  await expect(row).toHaveCount(1);
  await row.getByTestId('library-row-title').click();
  const menu = page.getByTestId('idea-detail').getByTestId('export-menu');
  const files = new Map<string, { name: string; bytes: Buffer }>();
  for (const format of ['md', 'html', 'pdf', 'json', 'bibtex']) {
    await menu.getByTestId('export-menu-toggle').click();
    if (format === 'md') await captureScreenshot(page, 'reports-export-menu', testInfo);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      menu.getByTestId(`export-as-${format}`).click(),
    ]);
    files.set(format, { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) });
    // The menu closes after a download.
    await expect(menu.getByTestId(`export-as-${format}`)).toHaveCount(0);
  }
  await expect(menu.getByTestId('export-menu-error')).toHaveCount(0);

  const text = (format: string): string => files.get(format)?.bytes.toString('utf8') ?? '';
  expect([...files.values()].map((f) => f.name)).toEqual(
    ['md', 'html', 'pdf', 'json', 'bib'].map((ext) => `kg_guided_socratic_ideation_v2-v2.${ext}`),
  );
  expect(text('md')).toContain(`# ${TITLE}`);
  expect(htmlHazards(text('html'))).toEqual([]);
  expect(text('html')).toContain('<svg');

  const pdf = await readPdf(files.get('pdf')?.bytes ?? Buffer.alloc(0));
  expect(pdf.title).toBe(TITLE);
  expect(pdf.pages.length).toBeGreaterThan(1);
  expect(
    pdf.pages
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' '),
  ).toContain(TITLE);
  expect(pdf.pages.flatMap((p) => p.outside)).toEqual([]);

  const json = IdeaExportJsonSchema.parse(JSON.parse(text('json')));
  expect(json.ideas[0]?.versions).toHaveLength(2);
  expect(readBibtex(text('bibtex')).map((e) => e.DOI)).toEqual([REPORT_TEST_PAPER.doi]);

  for (const [format, file] of files) {
    expect(file.bytes.toString('latin1'), format).not.toContain(REPORT_TEST_API_KEY);
  }

  // The HTML report as a reader sees it: open the downloaded file's text in a page of its own.
  const report = await page.context().newPage();
  await report.setContent(text('html'));
  await expect(report.getByRole('heading', { level: 1 }).first()).toContainText(TITLE);
  await captureScreenshot(report, 'reports-export-html', testInfo);
  await report.close();
});
