import { PROTOCOL_PRESETS } from '../../../shared/protocol-presets.ts';
import type { ProtocolPresetName } from '../../../shared/protocol-presets.ts';
import type { RequestOf } from '../../../src-main/contract/index.ts';

/**
 * The protocol form's pure half: topics typed one per line or read from a CSV file (first column; a header
 * cell "topic" is skipped), the settings presets, seeds typed as "1, 2, 3", and the plan the channels take.
 * Every refusal names where (line, field), and a file too large or too long is refused before it is parsed.
 */

export type ProtocolPlan = RequestOf<'protocol.estimate'>;
export type ProtocolSetting = ProtocolPlan['settings'][number];

/** The same named settings the CLI offers (shared/protocol-presets.ts). */
export const PRESETS = PROTOCOL_PRESETS satisfies Record<string, ProtocolSetting>;
export type PresetName = ProtocolPresetName;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export const PRESET_LABELS: Record<PresetName, string> = {
  full: 'Full (graph + mentor)',
  'no-graph': 'No graph',
  'no-mentor': 'No mentor',
  neither: 'Neither',
  'titles-only': 'Literature titles only',
};

export const LIMITS = { topics: 100, topicChars: 500, fileBytes: 256 * 1024, seeds: 10 } as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One CSV record's cells (RFC 4180 quotes: "a, b" and "" inside quotes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function checkTopics(topics: { text: string; line: number }[], where: string): Parsed<string[]> {
  const seen = new Map<string, number>();
  for (const { text, line } of topics) {
    if (text.length > LIMITS.topicChars) {
      return {
        ok: false,
        error: `${where} line ${line}: a topic is at most ${LIMITS.topicChars} characters`,
      };
    }
    if (/\p{Cc}/u.test(text))
      return { ok: false, error: `${where} line ${line}: control characters in a topic` };
    const first = seen.get(text.toLowerCase());
    if (first !== undefined)
      return { ok: false, error: `${where} line ${line}: repeats the topic of line ${first}` };
    seen.set(text.toLowerCase(), line);
  }
  if (topics.length === 0) return { ok: false, error: `${where}: no topics` };
  if (topics.length > LIMITS.topics) {
    return { ok: false, error: `${where}: ${topics.length} topics, at most ${LIMITS.topics} per run` };
  }
  return { ok: true, value: topics.map((t) => t.text) };
}

/** Topics typed one per line (blank lines skipped). */
export function topicsFromText(text: string): Parsed<string[]> {
  const lines = text.split(/\r?\n/).map((raw, i) => ({ text: raw.trim(), line: i + 1 }));
  return checkTopics(
    lines.filter((l) => l.text !== ''),
    'Topics',
  );
}

/** A file too large to be a topic list, refused before its text is read. */
export function fileSizeProblem(fileName: string, bytes: number): string | null {
  return bytes > LIMITS.fileBytes
    ? `${fileName}: larger than ${LIMITS.fileBytes / 1024} KB, not a topic list`
    : null;
}

/** Topics from a CSV file's text: the first column of each record, a "topic" header skipped. */
export function topicsFromCsv(fileName: string, text: string): Parsed<string[]> {
  const tooLarge = fileSizeProblem(fileName, new TextEncoder().encode(text).length);
  if (tooLarge) return { ok: false, error: tooLarge };
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((raw, i) => ({ text: (csvCells(raw)[0] ?? '').trim(), line: i + 1 }))
    .filter((r) => r.text !== '');
  const body = rows[0]?.text.toLowerCase() === 'topic' ? rows.slice(1) : rows;
  return checkTopics(body, fileName);
}

/** Seeds typed as "1, 2, 3": distinct whole numbers 0–4294967295, at most ten. */
export function parseSeeds(text: string): Parsed<number[]> {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'Seeds: give at least one' };
  const seeds: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(n) || n > 0xffffffff) {
      return { ok: false, error: `Seeds: "${part}" is not a whole number from 0 to 4294967295` };
    }
    if (seeds.includes(n)) return { ok: false, error: `Seeds: ${n} repeats` };
    seeds.push(n);
  }
  if (seeds.length > LIMITS.seeds) return { ok: false, error: `Seeds: at most ${LIMITS.seeds}` };
  return { ok: true, value: seeds };
}

export interface ProtocolFormValues {
  topics: string[];
  presets: PresetName[];
  ideasPerTopic: number;
  seedsText: string;
  rounds: number;
  /** Another researcher model: each chosen preset runs again with it (blank: none). */
  otherModel?: string;
}

/** A setting's name from a preset and a model: "<preset>+<model>", with characters a name cannot hold as "-". */
export function settingWithModel(preset: PresetName, model: string): ProtocolSetting {
  const name = `${preset}+${model}`.replace(/[^A-Za-z0-9 ._+-]/g, '-').slice(0, 60);
  return { ...PRESETS[preset], name, model };
}

/** The plan the form describes, or the first thing wrong with it. */
export function planOf(form: ProtocolFormValues): Parsed<ProtocolPlan> {
  if (form.topics.length === 0) return { ok: false, error: 'Topics: type some or load a CSV file' };
  if (form.presets.length === 0) return { ok: false, error: 'Settings: choose at least one' };
  if (!Number.isInteger(form.ideasPerTopic) || form.ideasPerTopic < 1 || form.ideasPerTopic > 20) {
    return { ok: false, error: 'Ideas per topic: a whole number from 1 to 20' };
  }
  if (!Number.isInteger(form.rounds) || form.rounds < 1 || form.rounds > 20) {
    return { ok: false, error: 'Rounds: a whole number from 1 to 20' };
  }
  const seeds = parseSeeds(form.seedsText);
  if (!seeds.ok) return seeds;
  const model = form.otherModel?.trim() ?? '';
  if (model.length > 200) return { ok: false, error: 'Other model: at most 200 characters' };
  return {
    ok: true,
    value: {
      topics: form.topics,
      settings: [
        ...form.presets.map((p): ProtocolSetting => ({ ...PRESETS[p] })),
        ...(model ? form.presets.map((p) => settingWithModel(p, model)) : []),
      ],
      ideasPerTopic: form.ideasPerTopic,
      seeds: seeds.value,
      rounds: form.rounds,
    },
  };
}
