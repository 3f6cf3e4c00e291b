/** Latency sampling for benchmarks: warm up, then time each call and report percentiles in milliseconds. */

export interface LatencySummary {
  p50: number;
  p95: number;
  mean: number;
  /** On-CPU time of this process per call: what the call costs when the machine is shared with other work. */
  cpuP50: number;
  cpuP95: number;
  samples: number;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export async function sampleLatency(
  run: (i: number) => Promise<unknown>,
  { samples, warmup }: { samples: number; warmup: number },
): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await run(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run(warmup + i);
    times.push(performance.now() - start);
    cpu.push(cpuMs(cpuStart));
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    samples: times.length,
  };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start, cpuMs: cpuMs(cpuStart) };
}
