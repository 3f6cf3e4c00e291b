import { parseArgs } from 'node:util';
import { ScenarioError } from './scenario.ts';
import { startScriptedLlm } from './server.ts';

/**
 * `node e2e/scripted-llm/cli.ts --scenario <file> [--port <n>] [--api-key <key>]`
 * Prints `SCRIPTED_LLM <baseUrl>` once listening (launchers wait for that line) and runs until SIGINT/SIGTERM.
 */

const USAGE = 'usage: node e2e/scripted-llm/cli.ts --scenario <file.json> [--port <n>] [--api-key <key>]';

async function main(): Promise<number> {
  let values: { scenario?: string; port?: string; 'api-key'?: string };
  try {
    ({ values } = parseArgs({
      options: { scenario: { type: 'string' }, port: { type: 'string' }, 'api-key': { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.scenario) {
    process.stderr.write(`missing --scenario\n${USAGE}\n`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer 0-65535\n${USAGE}\n`);
    return 2;
  }
  try {
    const server = await startScriptedLlm({
      scenario: values.scenario,
      port,
      ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    });
    const shutdown = () => {
      void server.stop().then(() => process.exit(0));
    };
    // Handlers first: a launcher may send SIGTERM the moment it reads the line below.
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    process.stdout.write(`SCRIPTED_LLM ${server.baseUrl}\n`);
    return -1;
  } catch (err) {
    process.stderr.write(`${err instanceof ScenarioError ? err.message : String(err)}\n`);
    return 1;
  }
}

const code = await main();
if (code >= 0) process.exit(code);
