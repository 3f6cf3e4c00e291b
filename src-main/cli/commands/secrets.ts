import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { SECRET_NAMES } from '../../contract/secrets.ts';
import type { SecretsStatus } from '../../contract/secrets.ts';
import { createCore } from '../../core/create-core.ts';
import { dispatch } from '../../core/dispatch.ts';
import { promptHidden, type TerminalInput } from '../hidden-prompt.ts';
import { UsageError, type CliIo } from '../io.ts';

export const secretsHelp = `motiv secrets [status] [--json]
motiv secrets set NAME               (asks for the value; typing is not shown)
motiv secrets set NAME < file        (or: printf %s "$KEY" | motiv secrets set NAME)
motiv secrets clear NAME

The encrypted secret store in the data directory. NAME is one of: ${SECRET_NAMES.join(', ')}.
status shows only "set / not set" and where the value in force comes from (env wins over the store); values are
never printed. set reads the value from standard input, never from the command line (where shell history and
the process list would keep it): on a terminal it asks without echoing what you type (Ctrl+C stores nothing).`;

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
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action = 'status', name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (action !== 'status' && action !== 'set' && action !== 'clear') {
    throw new UsageError(`unknown action "${action}" (status, set or clear)\n\n${secretsHelp}`);
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
    const reply =
      action === 'status'
        ? await dispatch(core.handlers, 'secrets.status', {}, { transport: 'cli' }, core.logger)
        : action === 'set'
          ? await dispatch(core.handlers, 'secrets.set', { name, value }, { transport: 'cli' }, core.logger)
          : await dispatch(core.handlers, 'secrets.clear', { name }, { transport: 'cli' }, core.logger);
    if ('error' in reply) {
      io.err(`motiv secrets: ${reply.error.message}\n`);
      return reply.error.code === 'VALIDATION' ? 2 : 1;
    }
    const status = reply.result as SecretsStatus;
    io.out(values.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    return 0;
  } finally {
    await core.close();
  }
}
