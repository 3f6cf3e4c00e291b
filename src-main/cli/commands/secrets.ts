import { parseCommandArgs } from '../command-args.ts';
import type { Readable, Writable } from 'node:stream';
import { SECRET_NAMES } from '../../contract/secrets.ts';
import type { SecretsStatus } from '../../contract/secrets.ts';
import { createCore } from '../../core/create-core.ts';
import { currentLlmOrigin } from '../../core/llm-key-binding.ts';
import { dispatch } from '../../core/dispatch.ts';
import { promptHidden, type TerminalInput } from '../hidden-prompt.ts';
import { UsageError, type CliIo } from '../io.ts';
import { replyErrorText } from '../report-error.ts';

export const secretsHelp = `motiv secrets [status] [--json]
motiv secrets set NAME               (asks for the value; typing is not shown)
motiv secrets set NAME < file        (or: printf %s "$KEY" | motiv secrets set NAME)
motiv secrets clear NAME
motiv secrets confirm llm.apiKey     (send the stored key to the LLM endpoint in use now)

The encrypted secret store in the data directory. NAME is one of: ${SECRET_NAMES.join(', ')}.
status shows only "set / not set" and where the value in force comes from (env wins over the store); values are
never printed. set reads the value from standard input, never from the command line (where shell history and
the process list would keep it): on a terminal it asks without echoing what you type (Ctrl+C stores nothing).
The stored LLM key is sent only to the endpoint it was stored or confirmed for; after the endpoint changes,
confirm shows the new one and allows it.`;

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function formatStatus(status: SecretsStatus): string {
  const protection = {
    os: 'encrypted, data key held by the OS keychain',
    'key-file':
      'encrypted, data key in a 0600 file in the data directory (guards against casual disclosure only)',
    none: 'nothing stored yet',
  }[status.protection];
  const lines = [
    `secret store: ${protection}${status.locked ? '; locked here (stored by the desktop app)' : ''}`,
  ];
  if (status.problem) lines.push(`problem: ${status.problem}`);
  for (const e of status.entries) {
    const state = e.source === 'env' ? `set by ${e.envVar}` : e.source ? 'set (secret store)' : 'not set';
    const shadow = e.envOverride && e.stored ? ' (a stored value exists; the environment wins)' : '';
    lines.push(`  ${e.name.padEnd(16)} ${state}${shadow}`);
    if (e.stored && !e.envOverride && e.endpoint && !e.endpoint.ok) {
      lines.push(
        `  ${''.padEnd(16)} not sent to ${e.endpoint.current ?? '(invalid URL)'}: confirmed for ` +
          `${e.endpoint.confirmed ?? 'no endpoint'}; run "motiv secrets confirm ${e.name}" to allow it`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function secretsCommand(
  args: string[],
  io: CliIo,
  input: TerminalInput = process.stdin,
  /** Where the terminal prompt goes: stderr, so stdout stays the command's answer (e.g. --json). */
  prompt: Writable = process.stderr,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { flags: ['json'], positionals: true });
  const [action = 'status', name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (action !== 'status' && action !== 'set' && action !== 'clear' && action !== 'confirm') {
    throw new UsageError(`unknown action "${action}" (status, set, clear or confirm)\n\n${secretsHelp}`);
  }
  if (action !== 'status' && !name)
    throw new UsageError(`${action} needs a NAME (${SECRET_NAMES.join(', ')})`);
  let value = '';
  if (action === 'set') {
    // An unknown NAME is refused by the handler below before anyone types a key for nothing.
    const knownName = (SECRET_NAMES as readonly string[]).includes(name ?? '');
    if (input.isTTY && !knownName) value = '';
    else if (input.isTTY) {
      const typed = await promptHidden(`${name} (input hidden): `, input, prompt);
      if (typed === null) {
        io.err('motiv secrets: cancelled; nothing was stored\n');
        return 130;
      }
      value = typed.trim();
    } else value = (await readAll(input)).trim();
  }
  const core = createCore({ env: io.env });
  try {
    const call = (
      channel: 'secrets.status' | 'secrets.set' | 'secrets.clear' | 'secrets.confirmEndpoint',
      payload: unknown,
    ) => dispatch(core.handlers, channel, payload, { transport: 'cli' }, core.logger);
    const reply =
      action === 'status'
        ? await call('secrets.status', {})
        : action === 'set'
          ? await call('secrets.set', { name, value })
          : action === 'clear'
            ? await call('secrets.clear', { name })
            : // The CLI user sees the endpoint in the reply and in `motiv secrets status`.
              await call('secrets.confirmEndpoint', {
                name,
                origin: currentLlmOrigin(core.settings.get(), io.env) ?? '',
              });
    if (action === 'confirm' && 'result' in reply) {
      const entry = (reply.result as SecretsStatus).entries.find((e) => e.name === name);
      io.err(`motiv secrets: ${name} may now be sent to ${entry?.endpoint?.confirmed ?? '?'}\n`);
    }
    if ('error' in reply) {
      io.err(`motiv secrets: ${replyErrorText(reply.error, core.logger.file)}\n`);
      return reply.error.code === 'VALIDATION' ? 2 : 1;
    }
    const status = reply.result as SecretsStatus;
    io.out(values.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    return 0;
  } finally {
    await core.close();
  }
}
