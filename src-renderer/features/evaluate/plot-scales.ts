/**
 * The arithmetic behind the Evaluate plots (small SVGs, no chart library): linear scales, round tick values,
 * grouped bar bands, ± sd whiskers, line paths, and the text summary a screen reader gets. Pure.
 */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1] (an empty domain maps to the range's middle). */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k), the domain they span. */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
): { ticks: number[]; domain: [number, number] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [0, 1], domain: [0, 1] };
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.05 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const [lo, hi] = min < max ? [min, max] : [max, min];
  const rough = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { ticks, domain: [start, end] };
}

export interface Band {
  x: number;
  width: number;
}

/** `n` equal bands across `width` with `gap` (a share of a band, 0–1) between them. */
export function bands(n: number, width: number, gap = 0.25): Band[] {
  if (n <= 0) return [];
  const step = width / n;
  const bandWidth = step * (1 - gap);
  return Array.from({ length: n }, (_, i) => ({ x: i * step + (step - bandWidth) / 2, width: bandWidth }));
}

/** Bars of one group side by side inside its band. */
export function groupedBands(groups: number, series: number, width: number): Band[][] {
  return bands(groups, width, 0.2).map((group) =>
    bands(series, group.width, 0.1).map((bar) => ({ x: group.x + bar.x, width: bar.width })),
  );
}

/** A whisker from mean − sd to mean + sd, in pixels (top < bottom); none without a spread. */
export function whisker(mean: number, sd: number | null, y: Scale): { top: number; bottom: number } | null {
  if (sd === null || !(sd > 0)) return null;
  const a = y(mean + sd);
  const b = y(mean - sd);
  return { top: Math.min(a, b), bottom: Math.max(a, b) };
}

/** An SVG path through the points, skipping gaps (null values break the line). */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let path = '';
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    pen = true;
  }
  return path;
}

/** The extent of the values given, ignoring missing ones; null when there are none. */
export function extent(values: readonly (number | null | undefined)[]): [number, number] | null {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return null;
  return [Math.min(...finite), Math.max(...finite)];
}

/** A plot's text for screen readers: "label: a 8.4, b 7.9; …". */
export function plotSummary(
  groups: readonly {
    label: string;
    values: readonly { name: string; value: number | null; sd?: number | null }[];
  }[],
  digits = 1,
): string {
  return groups
    .map(
      (g) =>
        `${g.label}: ${g.values
          .map((v) =>
            v.value === null
              ? `${v.name} not measured`
              : `${v.name} ${v.value.toFixed(digits)}${v.sd ? ` ± ${v.sd.toFixed(digits)}` : ''}`,
          )
          .join(', ')}`,
    )
    .join('; ');
}

/** Many groups' labels do not fit side by side: they are tilted, with room made below the axis. */
export function axisLabels(groups: number): { tilt: boolean; bottom: number; extraHeight: number } {
  const tilt = groups > 4;
  return { tilt, bottom: tilt ? 78 : 34, extraHeight: tilt ? 44 : 0 };
}

/** A label cut to `max` characters (the full one goes in the element's title). */
export const shortLabel = (label: string, max = 22): string =>
  label.length > max ? `${label.slice(0, max - 1)}…` : label;
