import type { LibraryStatus } from '../../lib/db/library-types.ts';

/** How a row writes its values (one place, so list, detail and compare agree). */

export const STATUS_LABEL: Record<LibraryStatus, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  round_limit: 'round limit',
  draft: 'draft',
};

export function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(1);
}

export function formatElo(elo: number | null): string {
  return elo === null ? '–' : String(Math.round(elo));
}

export function formatCost(usd: number | null): string {
  if (usd === null) return '–';
  return usd < 0.01 && usd > 0 ? '<$0.01' : `$${usd.toFixed(2)}`;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString();
}
