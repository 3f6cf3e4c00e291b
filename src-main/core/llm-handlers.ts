import { createLlmClient, displayUrl, LLM_ROLES, testConnection } from '../llm/index.ts';
import { checkLocalModel } from '../local-llm/local-model-check.ts';
import type { HandlerTable } from './handler-table.ts';
import type { ServiceHost } from './service-host.ts';

// A settings page button: answer within seconds, one try.
const TEST_TIMEOUT_MS = 10_000;

/**
 * `llm.test`: the endpoint as the agents would use it (env over settings over defaults), probed once.
 * `llm.checkLocalModel`: a model file the user picked, checked as the local engine would before loading it.
 */
export function createLlmHandlers(
  host: Pick<ServiceHost, 'llmConfig' | 'config'>,
): Pick<HandlerTable, 'llm.test' | 'llm.checkLocalModel'> {
  return {
    'llm.checkLocalModel': async (request) => checkLocalModel(request.path),
    'llm.test': async () => {
      const config = host.llmConfig();
      const client = createLlmClient(config, { timeoutMs: TEST_TIMEOUT_MS, retry: { maxAttempts: 1 } });
      const report = await testConnection(client, { timeoutMs: TEST_TIMEOUT_MS });
      if (!report.ok) return report;
      const listed = new Set(report.models);
      const perRole = host.config().llm.roles;
      const roles = LLM_ROLES.map((role) => {
        const own = perRole[role];
        if (own.ownEndpoint) {
          // Another endpoint than the one tested: its model as that endpoint would be asked, not checked here.
          const model = own.resolved?.models[role] ?? config.models[role];
          const endpoint = displayUrl(own.resolved?.baseUrl ?? own.givenBaseUrl ?? '');
          return { role, model, source: config.sources.models[role], listed: false, endpoint };
        }
        const model = config.models[role];
        return { role, model, source: config.sources.models[role], listed: listed.has(model) };
      });
      return { ok: true, baseUrl: report.baseUrl, latencyMs: report.latencyMs, models: report.models, roles };
    },
  };
}
