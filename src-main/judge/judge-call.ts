import type { z } from 'zod';
import { chatStructured, estimateCost } from '../llm/index.ts';
import type { ChatMessage, LlmClient, PriceTable } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import type { JudgmentKind, JudgmentStore, StoredJudgment } from './judgment-store.ts';
import { promptHash } from './rubric.ts';

/**
 * One question to the judge model, answered from the judgments store when it was asked before (same kind,
 * rubric, model and prompt), else asked at temperature 0 as structured output (one repair turn), then stored.
 */

export interface JudgeDeps {
  llm: LlmClient;
  store: JudgmentStore;
  prices: PriceTable;
  signal?: AbortSignal;
}

export interface JudgeQuestion<T> {
  kind: JudgmentKind;
  rubricVersion: string;
  ideaIds: string[];
  messages: { role: 'system' | 'user'; content: string }[];
  schema: z.ZodType<T>;
}

export interface JudgeAnswer<T> {
  value: T;
  judgment: StoredJudgment;
  /** True when the answer came from the store and cost nothing now. */
  reused: boolean;
}

export async function askJudge<T>(deps: JudgeDeps, question: JudgeQuestion<T>): Promise<JudgeAnswer<T>> {
  const model = deps.llm.config.models.judge;
  const identity = {
    kind: question.kind,
    rubricVersion: question.rubricVersion,
    model,
    promptHash: promptHash(question.messages),
  };
  const known = deps.store.get(identity);
  if (known) {
    const parsed = question.schema.safeParse(known.result);
    if (parsed.success) return { value: parsed.data, judgment: known, reused: true };
    // Unusable stored answer: ask again rather than keep returning it (put would otherwise keep the old row).
    deps.store.remove(identity);
  }
  let reply;
  try {
    reply = await chatStructured(deps.llm, question.schema, {
      role: 'judge',
      messages: question.messages satisfies ChatMessage[],
      temperature: 0,
      maxRepairs: 1,
      schemaName: `${question.kind}_judgment`,
      tags: { ideaId: question.ideaIds.join(',') },
      // The store is the judge's cache; the response cache would hide a repaired reply's cost.
      useCache: false,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'LLM_BAD_OUTPUT') {
      throw new AppError(
        'JUDGE_BAD_OUTPUT',
        `The judge (${model}) gave no usable ${question.kind} verdict for idea(s) ${question.ideaIds.join(', ')} ` +
          `under rubric ${question.rubricVersion}: ${(err as Error).message}`,
        { ideaIds: question.ideaIds, rubricVersion: question.rubricVersion, model },
      );
    }
    throw err;
  }
  const counts = reply.calls.map((call) => ({
    model: call.model || model,
    promptTokens: call.usage.promptTokens,
    completionTokens: call.usage.completionTokens,
  }));
  const judgment = deps.store.put({
    ...identity,
    ideaIds: question.ideaIds,
    result: reply.value,
    promptTokens: counts.reduce((sum, c) => sum + c.promptTokens, 0),
    completionTokens: counts.reduce((sum, c) => sum + c.completionTokens, 0),
    costUsd: estimateCost(deps.prices, counts).usd,
    repairs: reply.repairs,
  });
  return { value: reply.value, judgment, reused: false };
}
