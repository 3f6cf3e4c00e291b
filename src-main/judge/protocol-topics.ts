import { parse } from 'csv-parse/sync';
import { AppError } from '../shared/errors.ts';

/**
 * A protocol's topic list from CSV: a header row with a `topic` column (any case; other columns ignored), one
 * topic per row. Anything else is refused as a whole with the file and line: no header, an empty or overlong
 * topic, a repeated one, more topics than a run takes, or bytes that are not CSV text.
 */

export const MAX_TOPICS = 100;
export const MAX_TOPIC_CHARS = 500;
/** A topic list is a few kilobytes; more is a wrong file. */
export const MAX_TOPICS_FILE_BYTES = 1_000_000;

const refuse = (file: string, line: number, message: string, field = 'topic'): AppError =>
  new AppError('VALIDATION', `${file}:${line}: ${message}`, { file, line, field });

interface Row {
  record: string[];
  info: { lines: number };
}

export function topicsFromCsv(source: string, file: string): string[] {
  if (Buffer.byteLength(source) > MAX_TOPICS_FILE_BYTES) {
    throw refuse(
      file,
      1,
      `the file is over ${MAX_TOPICS_FILE_BYTES} bytes; a topic list is one topic per row`,
    );
  }
  if (source.includes('\u0000')) throw refuse(file, 1, 'this is not a CSV text file (it holds NUL bytes)');
  let rows: Row[];
  try {
    rows = parse(source.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Row[];
  } catch (err) {
    const line = Number((err as { lines?: number }).lines ?? 1);
    throw refuse(file, line, `not valid CSV (${(err as Error).message.split('\n')[0] ?? 'unreadable'})`);
  }
  const header = rows[0];
  const column = header?.record.findIndex((name) => name.trim().toLowerCase() === 'topic') ?? -1;
  if (!header || column < 0) throw refuse(file, 1, 'the header row has no "topic" column');
  const seen = new Map<string, number>();
  const topics: string[] = [];
  for (const row of rows.slice(1)) {
    const line = row.info.lines;
    const topic = (row.record[column] ?? '').trim();
    if (topic === '') throw refuse(file, line, 'the topic is empty');
    if (topic.length > MAX_TOPIC_CHARS) {
      throw refuse(file, line, `the topic is ${topic.length} characters long (at most ${MAX_TOPIC_CHARS})`);
    }
    const first = seen.get(topic.toLowerCase());
    if (first !== undefined) throw refuse(file, line, `"${topic.slice(0, 80)}" repeats line ${first}`);
    seen.set(topic.toLowerCase(), line);
    topics.push(topic);
    if (topics.length > MAX_TOPICS) throw refuse(file, line, `more than ${MAX_TOPICS} topics in one run`);
  }
  if (topics.length === 0) throw refuse(file, 2, 'no topics below the header');
  return topics;
}
