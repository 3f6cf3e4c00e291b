import type { Reproducibility } from '../contract/reports.ts';

/**
 * The reproducibility appendix as label/value rows: enough to rerun the session (app, endpoints and models per
 * role, prompt versions, parameters, seed) and to account for it (tokens, cost, dates). The providers carry no
 * key and no URL credentials (the dossier never holds them).
 */
export function reproducibilityRows(r: Reproducibility): Array<[string, string]> {
  const p = r.parameters;
  const usage = r.usage;
  const unpriced = usage.cost.unpricedModels.length
    ? ` (unpriced: ${usage.cost.unpricedModels.join(', ')})`
    : '';
  return [
    ['App', `${r.appName} ${r.appVersion}`],
    ...r.providers.map((provider): [string, string] => [
      `Model (${provider.role})`,
      `${provider.model || '(unknown)'} via ${provider.providerType}${provider.baseUrl ? ` at ${provider.baseUrl}` : ''}`,
    ]),
    ['Prompt versions', `researcher ${r.prompts.researcher}, mentor ${r.prompts.mentor}`],
    ['Topic', p.topic],
    [
      'Parameters',
      `ideas ${p.ideas}, max rounds ${p.maxRounds}, graph ${p.noGraph ? 'off' : 'on'}, mentor ${p.noMentor ? 'off' : 'on'}, ` +
        `prompt budget ${p.promptBudgetTokens} tokens, tool steps ${p.maxToolSteps}, tool result ${p.maxToolResultChars} chars` +
        `${p.isolated ? ', isolated' : ''}${p.researcherModel ? `, researcher model ${p.researcherModel}` : ''}`,
    ],
    ['Seed', String(r.seed)],
    [
      'Token usage',
      `${usage.calls} calls (${usage.cachedCalls} from cache), ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens`,
    ],
    ['Cost', `$${usage.cost.usd.toFixed(4)}${unpriced}`],
    ['Session', `created ${r.dates.sessionCreatedAt}, last change ${r.dates.sessionUpdatedAt}`],
    ['Idea', `created ${r.dates.ideaCreatedAt}, last change ${r.dates.ideaUpdatedAt}`],
    ['Report generated', r.dates.generatedAt],
  ];
}
