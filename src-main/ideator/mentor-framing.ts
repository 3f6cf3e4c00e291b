import { neutraliseTags } from '../shared/untrusted-text.ts';
import type { MentorPersona } from './mentor-policy.ts';
import { aspectOf, policyOf, questionedAspects, remainingAspects, verdictBlockers } from './mentor-policy.ts';
import { render } from './prompts.ts';
import type { PromptSections } from './prompts.ts';
import type { SessionConfig, TurnRecord } from './types.ts';

/**
 * The parts of a mentor prompt that depend on the session's persona and policy: the system message and the
 * round's focus, verdict and last-round lines. mentor.v1 has none of the newer sections and renders as it did.
 */

/** Sessions without a recorded persona ran the supervisor. */
export const personaOf = (config: Pick<SessionConfig, 'persona'>): MentorPersona =>
  config.persona ?? { kind: 'supervisor' };

/** What a mentor turn records of the persona (shown in the transcript); nothing for sessions without one. */
export function personaMeta(config: Pick<SessionConfig, 'persona'>): Record<string, string> {
  const persona = config.persona;
  if (!persona) return {};
  return persona.kind === 'reviewer'
    ? { persona: persona.kind, venue: persona.venue }
    : { persona: persona.kind };
}

/** Whether a prompt version quotes the idea and the dialogue as data (mentor.v2 on). */
export const quotesData = (prompts: PromptSections): boolean => prompts.has('persona-supervisor');

export interface MentorFraming {
  system: string;
  round: Record<string, string>;
  /** How dialogue text is put inside the quoted block (look-alike brackets from v2 on). */
  quote: (text: string) => string;
}

export function mentorFraming(p: {
  config: SessionConfig;
  prompts: PromptSections;
  turns: readonly TurnRecord[];
  round: number;
}): MentorFraming {
  const { config, prompts, round } = p;
  const lastRound = round >= config.maxRounds;
  if (!quotesData(prompts)) {
    return {
      system: render(prompts, 'system'),
      round: {
        aspect: aspectOf(round),
        final: lastRound ? `\n\n${render(prompts, 'final')}` : '',
      },
      quote: (text) => text,
    };
  }
  const persona = personaOf(config);
  const policy = policyOf(config);
  const asked = questionedAspects(p.turns);
  const remaining = remainingAspects(asked);
  const blockers = verdictBlockers(policy, asked);
  const focus =
    policy.order === 'cycle'
      ? render(prompts, 'focus-fixed', { aspect: aspectOf(round) })
      : render(prompts, 'focus-weakest', { remaining: remaining.join(', '), example: remaining[0] ?? '' });
  return {
    system: render(prompts, 'system', {
      persona: render(prompts, `persona-${persona.kind}`, {
        venue: persona.kind === 'reviewer' ? neutraliseTags(persona.venue) : '',
      }),
    }),
    round: {
      focus,
      verdict:
        blockers.length > 0
          ? render(prompts, 'verdict-closed', { blockers: blockers.join(', ') })
          : render(prompts, 'verdict-open'),
      final: lastRound && blockers.length === 0 ? `\n\n${render(prompts, 'final')}` : '',
    },
    quote: neutraliseTags,
  };
}
