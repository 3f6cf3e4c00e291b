import { createDeflate } from 'node:zlib';
import type { AuditServer } from '../server.ts';
import { answersPing, invoke, peakRssMb, startServer } from '../server.ts';
import type { Tally } from '../tally.ts';
import type { Outcome } from '../verdict.ts';
import { envelopeOf, leakIn, survived } from '../verdict.ts';

/**
 * Hostile files through `papers.import`, each on a fresh server: a PDF stream that inflates to ~300 MB, a
 * 100 MB one-line text file (refused by the upload cap) and a 7 MB one under it, and three BibTeX bombs. Survived =
 * a clear typed answer in time, the server's peak RSS (VmHWM) grows by at most RSS_BUDGET_MB, and it still
 * answers a ping.
 */

const RSS_BUDGET_MB = 256;
const BOMB_TIMEOUT_MS = 30_000;
/** A bounded answer: a report, not an expanded bomb. */
const MAX_ANSWER_BYTES = 1024 * 1024;

async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++)
    if (!deflate.write(block)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/** A well-formed one-page PDF whose content stream inflates to `megabytes` of spaces. */
export async function pdfBomb(megabytes: number): Promise<Buffer> {
  const stream = await deflatedZeros(megabytes);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Buffer): void => {
    const buffer = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(buffer);
    length += buffer.length;
  };
  const object = (body: string | Buffer[]): void => {
    offsets.push(length);
    push(`${offsets.length} 0 obj\n`);
    if (typeof body === 'string') push(body);
    else for (const piece of body) push(piece);
    push('\nendobj\n');
  };
  push('%PDF-1.7\n');
  object('<< /Type /Catalog /Pages 2 0 R >>');
  object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>');
  object([
    Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream', 'latin1'),
  ]);
  const xref = length;
  push(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) push(`${String(offset).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

function bibtexBombs(): { name: string; text: string }[] {
  const cycle = [
    '@book{a, title = {Volume A}, crossref = {b}, year = {2001}}',
    '@book{b, title = {Volume B}, crossref = {c}, year = {2002}}',
    '@book{c, title = {Volume C}, crossref = {a}, year = {2003}}',
    '@inproceedings{self, title = {Self}, crossref = {self}, year = {2004}}',
  ].join('\n\n');
  const braces =
    `@article{deep, title = {${'{'.repeat(200_000)}x${'}'.repeat(200_000)}}, year = {2020}}\n` +
    `@article{open, title = {${'{'.repeat(300_000)}, year = {2020}}\n`;
  const macros = ['@string{m0 = "ABCDEFGHIJ"}'];
  for (let i = 1; i <= 60; i++) macros.push(`@string{m${i} = m${i - 1} # m${i - 1}}`);
  macros.push('@article{boom, title = m60, year = {2020}}');
  return [
    { name: 'crossref-cycle.bib', text: cycle },
    { name: 'brace-bomb.bib', text: braces },
    { name: 'string-macro-bomb.bib', text: macros.join('\n') },
  ];
}

async function judgeBomb(
  server: AuditServer,
  baselineMb: number,
  file: { name: string; bytes: Buffer },
): Promise<Outcome> {
  const payload = { files: [{ name: file.name, contentBase64: file.bytes.toString('base64') }] };
  const answer = await invoke(server, 'papers.import', payload, BOMB_TIMEOUT_MS);
  const peakGrowth = server.alive() ? peakRssMb(server.pid) - baselineMb : Number.NaN;
  const leak = leakIn(answer.body, server);
  if (leak) return { verdict: 'leaked', reason: `answer holds ${leak}` };
  if (!server.alive()) return { verdict: 'failed', reason: 'the server died' };
  if (answer.failure)
    return { verdict: 'failed', reason: `no answer in ${BOMB_TIMEOUT_MS / 1000} s (${answer.failure})` };
  if (!(await answersPing(server))) return { verdict: 'failed', reason: 'no ping answer afterwards' };
  if (peakGrowth > RSS_BUDGET_MB) {
    return {
      verdict: 'failed',
      reason: `peak RSS grew by ${peakGrowth.toFixed(0)} MB (budget ${RSS_BUDGET_MB})`,
    };
  }
  const envelope = envelopeOf(answer);
  if (answer.status >= 500 || !envelope)
    return { verdict: 'failed', reason: `HTTP ${answer.status} ${answer.body.slice(0, 60)}` };
  if (envelope.error) {
    return envelope.error.code === 'INTERNAL' ? { verdict: 'failed', reason: 'INTERNAL error' } : survived;
  }
  if (answer.body.length > MAX_ANSWER_BYTES) {
    return {
      verdict: 'failed',
      reason: `answer of ${(answer.body.length / 2 ** 20).toFixed(1)} MB: the bomb was expanded`,
    };
  }
  return survived;
}

export async function importBombs(tally: Tally): Promise<void> {
  const files = [
    { name: 'inflate-300mb.pdf', bytes: await pdfBomb(300) },
    // 100 MB is over the 10 MB upload cap: expect a clear 413. The 7 MB one gets through to the importer.
    { name: 'one-line-100mb.txt', bytes: Buffer.alloc(100 * 1024 * 1024, 0x61) },
    { name: 'one-line-7mb.txt', bytes: Buffer.alloc(7 * 1024 * 1024, 0x61) },
    ...bibtexBombs().map((b) => ({ name: b.name, bytes: Buffer.from(b.text) })),
  ];
  for (const file of files) {
    const server = await startServer();
    try {
      await answersPing(server);
      const baseline = peakRssMb(server.pid);
      tally.add('bombs via papers.import', await judgeBomb(server, baseline, file), file.name);
    } finally {
      await server.stop();
    }
  }
}
