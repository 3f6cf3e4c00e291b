import type { Settings, SettingsPatch } from '../../../src-main/contract/index.ts';

export type LlmRoleName = keyof Settings['llm']['models'];
export const LLM_ROLE_NAMES: readonly LlmRoleName[] = [
  'researcher',
  'mentor',
  'judge',
  'extractor',
  'embeddings',
];

/** One value per LLM role, in LLM_ROLE_NAMES order. */
function perRole<T>(valueOf: (role: LlmRoleName) => T): Record<LlmRoleName, T> {
  return Object.fromEntries(LLM_ROLE_NAMES.map((role) => [role, valueOf(role)])) as Record<LlmRoleName, T>;
}

/** The editable fields of the settings page as plain strings, the way form inputs hold them. */
export interface SettingsDraft {
  theme: Settings['appearance']['theme'];
  density: Settings['appearance']['density'];
  displayName: string;
  ideasPerTopic: number;
  maxRounds: number;
  llmBaseUrl: string;
  llmModel: string;
  /** Per agent; '' = the model above. */
  llmRoleModels: Record<LlmRoleName, string>;
  /** Per agent; '' = the base URL above ("same as above"). */
  llmRoleEndpoints: Record<LlmRoleName, string>;
  neo4jUri: string;
  neo4jUser: string;
  neo4jDatabase: string;
}

export function draftFrom(settings: Settings): SettingsDraft {
  return {
    theme: settings.appearance.theme,
    density: settings.appearance.density,
    displayName: settings.profile.displayName,
    ideasPerTopic: settings.ideation.ideasPerTopic,
    maxRounds: settings.ideation.maxRounds,
    llmBaseUrl: settings.llm.baseUrl ?? '',
    llmModel: settings.llm.model ?? '',
    llmRoleModels: perRole((role) => settings.llm.models[role] ?? ''),
    llmRoleEndpoints: perRole((role) => settings.llm.endpoints[role] ?? ''),
    neo4jUri: settings.neo4j.uri ?? '',
    neo4jUser: settings.neo4j.user ?? '',
    neo4jDatabase: settings.neo4j.database ?? '',
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export function patchFrom(draft: SettingsDraft): SettingsPatch {
  return {
    appearance: { theme: draft.theme, density: draft.density },
    profile: { displayName: draft.displayName },
    ideation: { ideasPerTopic: Number(draft.ideasPerTopic), maxRounds: Number(draft.maxRounds) },
    llm: {
      baseUrl: orNull(draft.llmBaseUrl),
      model: orNull(draft.llmModel),
      models: perRole((role) => orNull(draft.llmRoleModels[role])),
      endpoints: perRole((role) => orNull(draft.llmRoleEndpoints[role])),
    },
    neo4j: {
      uri: orNull(draft.neo4jUri),
      user: orNull(draft.neo4jUser),
      database: orNull(draft.neo4jDatabase),
    },
  };
}

/** Field errors from a VALIDATION reply, keyed by the settings path ("ideation.maxRounds"). */
export function fieldErrors(details: unknown): Record<string, string> {
  const issues = (details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
}
