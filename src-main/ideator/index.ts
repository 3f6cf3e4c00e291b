// The ideator's public surface; the core wires channels to IdeatorManager.
export { IdeatorManager } from './manager.ts';
export type { IdeatorOptions, SessionDetail } from './manager.ts';
export { buildConfig, DEFAULT_CONFIG, SessionOptionsSchema, StartInputSchema } from './session-config.ts';
export type { SessionOptions, StartInput } from './session-config.ts';
export { IdeaSchema, ideaToMarkdown } from './idea-schema.ts';
export type { Idea } from './idea-schema.ts';
export type { Citation } from './citations.ts';
export { MENTOR_PROMPT_VERSION, RESEARCHER_PROMPT_VERSION } from './prompts.ts';
export { TOOL_NAMES } from './tools.ts';
export type { LiteraturePaper, LiteratureProvider } from './literature-tool.ts';
export type * from './types.ts';
export { worstCaseCalls, worstCaseMentorCalls, worstCaseToolSteps, worstCaseUsage } from './estimate.ts';
export { agentsAfter, agentsBefore } from './agent-ledger.ts';
export type { AgentUsage } from './agent-ledger.ts';
export type { BranchCut, BranchRequest } from './branch-session.ts';
export { roundsLeft } from './branch-session.ts';
