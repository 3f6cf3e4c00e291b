import { z } from 'zod';
import type { TurnRecord } from './types.ts';

/**
 * Which aspect the mentor questions each round, and when its verdict counts (issue 16).
 *
 * `cycle` (mentor.v1 sessions, recorded before policies existed): clarity, innovation, feasibility, rationality,
 * clarity… one per round, and a verdict counts from round 1.
 * `weakest` (new sessions): clarity is a check inside every round, not a round of its own; the mentor questions
 * the weakest aspect it has not questioned yet (all three once each have been), names it on its first line, and
 * its ACCEPT/REJECT counts only once every aspect in `verdictAfter` has been questioned.
 * Plain zod, no Node APIs: the contract reuses these schemas.
 */

export const ASPECTS = ['clarity', 'innovation', 'feasibility', 'rationality'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const CORE_ASPECTS = ['innovation', 'feasibility', 'rationality'] as const;
export type CoreAspect = (typeof CORE_ASPECTS)[number];

export const MentorPolicySchema = z.strictObject({
  order: z.enum(['cycle', 'weakest']),
  /** The verdict is honoured only after each of these has been questioned at least once. */
  verdictAfter: z.array(z.enum(CORE_ASPECTS)).max(CORE_ASPECTS.length),
});
export type MentorPolicy = z.output<typeof MentorPolicySchema>;

/** The mentor's persona (issue 16), chosen per session. */
export const MentorPersonaSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('supervisor') }),
  /** Insists on a null hypothesis and a falsifying experiment. */
  z.strictObject({ kind: z.literal('skeptic') }),
  /** Judges the idea as a submission to a named venue would be judged. */
  z.strictObject({ kind: z.literal('reviewer'), venue: z.string().trim().min(1).max(120) }),
]);
export type MentorPersona = z.output<typeof MentorPersonaSchema>;

/** What sessions made before policies existed ran: no config field means this. */
export const LEGACY_POLICY: MentorPolicy = { order: 'cycle', verdictAfter: [] };
export const DEFAULT_POLICY: MentorPolicy = { order: 'weakest', verdictAfter: [...CORE_ASPECTS] };

export const policyOf = (config: { mentorPolicy?: MentorPolicy }): MentorPolicy =>
  config.mentorPolicy ?? LEGACY_POLICY;

/** The fixed cycle of the `cycle` order. */
export const aspectOf = (round: number): Aspect =>
  ASPECTS[(Math.max(1, round) - 1) % ASPECTS.length] ?? 'clarity';

const isAspect = (value: unknown): value is Aspect => ASPECTS.some((a) => a === value);

/** Aspects the mentor has questioned in this idea's earlier rounds (as recorded on its turns). */
export function questionedAspects(turns: readonly TurnRecord[]): Set<Aspect> {
  const asked = new Set<Aspect>();
  for (const t of turns) if (t.kind === 'mentor' && isAspect(t.meta.aspect)) asked.add(t.meta.aspect);
  return asked;
}

/** The core aspects still to be questioned; all three again once each has been. */
export function remainingAspects(asked: ReadonlySet<Aspect>): CoreAspect[] {
  const left = CORE_ASPECTS.filter((a) => !asked.has(a));
  return left.length > 0 ? left : [...CORE_ASPECTS];
}

/** The aspect a reply names on its first line (`Aspect: feasibility`), or null. */
export function declaredAspect(reply: string): Aspect | null {
  const first = reply.trim().split('\n')[0] ?? '';
  const match = /^\W*aspect\W*:\W*([a-z]+)/i.exec(first);
  const word = match?.[1]?.toLowerCase();
  return isAspect(word) ? word : null;
}

/**
 * The aspect this round questioned. Under `weakest` the mentor's own choice when it names clarity or a remaining
 * aspect; otherwise (no or another name) the first remaining one, so the record never claims a repeat it skipped.
 */
export function roundAspect(
  policy: MentorPolicy,
  round: number,
  asked: ReadonlySet<Aspect>,
  reply: string,
): Aspect {
  if (policy.order === 'cycle') return aspectOf(round);
  const remaining = remainingAspects(asked);
  const named = declaredAspect(reply);
  if (named === 'clarity' || remaining.some((a) => a === named)) return named ?? 'clarity';
  return remaining[0] ?? 'innovation';
}

/** Required aspects not yet questioned once this round's aspect counts. Empty: a verdict is honoured. */
export function verdictBlockers(policy: MentorPolicy, asked: ReadonlySet<Aspect>): CoreAspect[] {
  return policy.verdictAfter.filter((a) => !asked.has(a));
}
