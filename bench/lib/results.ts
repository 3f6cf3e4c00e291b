import { cpus, totalmem } from 'node:os';
import { writeFileAtomic } from '../../src-main/shared/atomic-write.ts';

/** The shared benchmark result file: `{ area, machine, date, metrics: [{ name, value, unit, target, met }] }`. */

export interface Metric {
  name: string;
  value: number | null;
  unit: string;
  /** e.g. "<= 5"; null when the metric is informative only. */
  target: string | null;
  met: boolean | null;
}

export interface BenchResults {
  area: string;
  machine: string;
  date: string;
  metrics: Metric[];
}

export function machineDescription(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const memGb = (totalmem() / 2 ** 30).toFixed(0);
  return `${process.platform} ${process.arch}, ${cpu.length} × ${model}, ${memGb} GB RAM, Node ${process.version}`;
}

/** An area's results, measured now on this machine. */
export function benchResults(area: string, metrics: Metric[]): BenchResults {
  return { area, machine: machineDescription(), date: new Date().toISOString(), metrics };
}

/** A metric with an upper-bound target (`value <= max`). */
export function atMost(name: string, value: number | null, unit: string, max: number | null): Metric {
  if (max === null || value === null) return { name, value, unit, target: null, met: null };
  return { name, value, unit, target: `<= ${max}`, met: value <= max };
}

export function printTable(results: BenchResults): void {
  const rows = results.metrics.map((m) => [
    m.name,
    m.value === null ? 'n/a' : formatValue(m.value),
    m.unit,
    m.target ?? '',
    m.met === null ? '' : m.met ? 'yes' : 'NO',
  ]);
  const header = ['metric', 'value', 'unit', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${results.area} benchmark — ${results.machine} — ${results.date}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

export function writeResults(path: string, results: BenchResults): void {
  writeFileAtomic(path, `${JSON.stringify(results, null, 2)}\n`, 0o644);
}
