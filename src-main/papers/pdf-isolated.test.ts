import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flateOfZeros, textContent, writePdf } from '../test-support/pdf-writer.ts';
import { parsePaperBytes } from './parse-file.ts';
import { DEFAULT_PDF_LIMITS } from './pdf-limits.ts';

/**
 * PDFs are read in a worker thread under limits: a decompression bomb is refused with a typed error naming the
 * file, the page and the limit, the caller's memory stays flat, and its event loop keeps answering meanwhile.
 */

const MB = 1024 * 1024;

/** A two-page PDF: a real first page, and a second page whose content stream inflates to `inflated` bytes. */
async function bombPdf(inflated: number): Promise<Buffer> {
  return writePdf([
    { content: textContent(['A Paper With a Bomb on Its Second Page']) },
    { content: await flateOfZeros(inflated), flate: true },
  ]);
}

/** Runs `work` while sampling this process's RSS and how late a 10 ms timer fires. */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ outcome: T; rssGrowthMb: number; maxLagMs: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  let maxLag = 0;
  let expected = Date.now() + 10;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    maxLag = Math.max(maxLag, Date.now() - expected);
    expected = Date.now() + 10;
  }, 10);
  try {
    const outcome = await work();
    return { outcome, rssGrowthMb: (peak - base) / MB, maxLagMs: maxLag };
  } finally {
    clearInterval(sampler);
  }
}

describe('PDF reading is isolated and limited', () => {
  it('refuses a 300 MB Flate bomb by page and limit, without growing this process', async () => {
    const pdf = await bombPdf(300 * MB);
    expect(pdf.byteLength).toBeLessThan(1 * MB);
    const { outcome, rssGrowthMb, maxLagMs } = await measure(() =>
      parsePaperBytes('bomb.pdf', pdf).then(
        () => null,
        (err: unknown) => err,
      ),
    );
    expect(outcome).toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      message: expect.stringMatching(/^bomb\.pdf page 2: .*limit: inflated stream size/u),
      details: { file: 'bomb.pdf', page: 2, limit: 'streamBytes', max: DEFAULT_PDF_LIMITS.maxStreamBytes },
    });
    console.info(`bomb: RSS growth ${rssGrowthMb.toFixed(0)} MB, worst timer lag ${maxLagMs} ms`);
    expect(rssGrowthMb).toBeLessThan(200);
    expect(maxLagMs).toBeLessThan(1_000);
  });

  it('counts through chained Flate filters: a bomb deflated twice is refused too', async () => {
    const twice = deflateSync(await flateOfZeros(300 * MB));
    const pdf = writePdf([
      { content: textContent(['A Paper With a Nested Bomb']) },
      { content: twice, flate: true, filters: ['FlateDecode', 'FlateDecode'] },
    ]);
    expect(pdf.byteLength).toBeLessThan(100 * 1024);
    await expect(parsePaperBytes('nested.pdf', pdf)).rejects.toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      details: { file: 'nested.pdf', page: 2, limit: 'streamBytes' },
    });
  });

  it('stops a worker past its memory limit and names the page it was on', async () => {
    const pdf = await bombPdf(150 * MB);
    const limits = {
      ...DEFAULT_PDF_LIMITS,
      maxStreamBytes: 1024 * MB,
      maxTotalStreamBytes: 1024 * MB,
      maxMemoryMb: 64,
    };
    const { outcome, rssGrowthMb } = await measure(() =>
      parsePaperBytes('heavy.pdf', pdf, { pdfLimits: limits }).then(
        () => null,
        (err: unknown) => err,
      ),
    );
    expect(outcome).toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      message: expect.stringMatching(/^heavy\.pdf page 2: .*limit: memory/u),
      details: { file: 'heavy.pdf', page: 2, limit: 'memory' },
    });
    console.info(`memory limit: RSS growth ${rssGrowthMb.toFixed(0)} MB`);
    expect(rssGrowthMb).toBeLessThan(300);
  });

  it('stops a worker past its time limit and names the page it was on', async () => {
    // 4 million transform operators a page (60 MB inflated, under the stream limit): seconds of work each
    const operators = deflateSync(Buffer.from('1 0 0 1 0 0 cm\n'.repeat(4_000_000), 'latin1'));
    const pdf = writePdf([
      { content: textContent(['A Paper That Takes Long to Read']) },
      { content: operators, flate: true },
      { content: operators, flate: true },
    ]);
    const limits = { ...DEFAULT_PDF_LIMITS, maxMemoryMb: 1024, timeoutMs: 3_000 };
    const error: unknown = await parsePaperBytes('slow.pdf', pdf, { pdfLimits: limits }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      message: expect.stringMatching(/^slow\.pdf page [23]: reading it took over 3 s \(limit: time\)/u),
      details: { file: 'slow.pdf', limit: 'time', max: 3_000 },
    });
    // page 1 is a single line: the time runs out on one of the heavy pages
    expect([2, 3]).toContain((error as { details: { page: number } }).details.page);
  });

  it('still reads a well-formed PDF, and two at once', async () => {
    const make = (title: string): Buffer =>
      writePdf([
        { content: textContent([title], 18) },
        { content: textContent(['Body text of the paper.'], 10) },
      ]);
    const [a, b] = await Promise.all([
      parsePaperBytes('a.pdf', make('Isolated Reading of the First Paper')),
      parsePaperBytes('b.pdf', make('Isolated Reading of the Second Paper')),
    ]);
    expect(a.papers[0]?.record.title).toBe('Isolated Reading of the First Paper');
    expect(b.papers[0]?.record.title).toBe('Isolated Reading of the Second Paper');
  });
});
