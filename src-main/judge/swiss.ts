/**
 * Swiss pairing, pure and deterministic for a seed (our reading of Si et al.'s tournament_ranking.py):
 * round 1 pairs a seeded shuffle; later rounds sort by points and pair neighbours, avoiding rematches while
 * any rematch-free pairing exists; an odd one out gets a bye (the lowest-ranked without one so far), worth a
 * win in points and no rating change.
 */

export interface Pairing {
  pairs: [string, string][];
  bye: string | null;
}

export interface SwissState {
  /** Match points so far (win 1, draw 0.5, bye 1). */
  points: ReadonlyMap<string, number>;
  /** Pairs already played, as `pairKey`s. */
  played: ReadonlySet<string>;
  /** Ideas that already had a bye. */
  byes: ReadonlySet<string>;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Fisher–Yates with the given uniform [0, 1) source. */
export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** About log2(n)+2 rounds, as the issue suggests; the default stays 5 (Si et al.). */
export function suggestedRounds(n: number): number {
  return n < 2 ? 0 : Math.ceil(Math.log2(n)) + 2;
}

/** Backtracking budget: past it, rematches are allowed rather than searching on (n is small in practice). */
const SEARCH_BUDGET = 200_000;

/**
 * Pairs `ranked` (best first) with neighbours, first partner chosen as close in rank as possible, avoiding
 * played pairs; returns null when no rematch-free pairing exists within the budget.
 */
function pairWithoutRematch(
  ranked: readonly string[],
  played: ReadonlySet<string>,
): [string, string][] | null {
  let steps = 0;
  const used = new Set<string>();
  const pairs: [string, string][] = [];
  const search = (): boolean => {
    const top = ranked.find((id) => !used.has(id));
    if (top === undefined) return true;
    used.add(top);
    for (const other of ranked) {
      if (used.has(other) || played.has(pairKey(top, other))) continue;
      if (++steps > SEARCH_BUDGET) break;
      used.add(other);
      pairs.push([top, other]);
      if (search()) return true;
      pairs.pop();
      used.delete(other);
    }
    used.delete(top);
    return false;
  };
  return search() ? pairs : null;
}

/**
 * One round's pairing. `order` is the seeded shuffle of all ideas (fixed for the tournament): it is round 1's
 * pairing order and the tie-break between equal points afterwards.
 */
export function pairRound(order: readonly string[], round: number, state: SwissState): Pairing {
  const ranked =
    round === 1
      ? [...order]
      : [...order].sort((a, b) => (state.points.get(b) ?? 0) - (state.points.get(a) ?? 0));
  let bye: string | null = null;
  if (ranked.length % 2 === 1) {
    const lowestWithoutBye = [...ranked].reverse().find((id) => !state.byes.has(id));
    bye = lowestWithoutBye ?? (ranked[ranked.length - 1] as string);
    ranked.splice(ranked.indexOf(bye), 1);
  }
  if (round === 1) {
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < ranked.length; i += 2) pairs.push([ranked[i] as string, ranked[i + 1] as string]);
    return { pairs, bye };
  }
  const clean = pairWithoutRematch(ranked, state.played);
  if (clean) return { pairs: clean, bye };
  // Every idea has met every possible partner: plain neighbours, rematches unavoidable.
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < ranked.length; i += 2) pairs.push([ranked[i] as string, ranked[i + 1] as string]);
  return { pairs, bye };
}
