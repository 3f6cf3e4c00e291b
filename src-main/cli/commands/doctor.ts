import { parseCommandArgs } from '../command-args.ts';
import { createCore } from '../../core/create-core.ts';
import { dispatch } from '../../core/dispatch.ts';
import type { DoctorReport } from '../../contract/doctor.ts';
import type { CliIo } from '../io.ts';
import { replyErrorText } from '../report-error.ts';

export const doctorHelp = `motiv doctor [--json]

Shows what is configured (and where each value came from: env, settings, secret store or default; secrets only as
"set") and checks what is reachable: the data directory, the LLM endpoint, Neo4j when configured.
Exit code 1 when a check fails.`;

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { flags: ['json'] });
  // Read-only: looking at a machine must not create the per-user app folder or append to its log.
  const core = createCore({ env: io.env, readOnly: true });
  try {
    const reply = await dispatch(core.handlers, 'doctor.run', {}, { transport: 'cli' }, core.logger);
    if ('error' in reply) {
      io.err(`doctor failed: ${replyErrorText(reply.error, core.logger.file)}\n`);
      return 1;
    }
    const report = reply.result as DoctorReport;
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.checks.some((check) => check.status === 'fail') ? 1 : 0;
  } finally {
    await core.close();
  }
}

function formatReport(report: DoctorReport): string {
  const lines = [
    `MotivGraph Studio ${report.version} on Node ${report.node} (${report.platform})`,
    `store: ${report.store}`,
    '',
    'configuration:',
  ];
  const width = Math.max(...report.config.map((entry) => entry.key.length));
  for (const entry of report.config) {
    const shown = entry.secret ? (entry.value ? 'set' : 'not set') : (entry.value ?? '(none)');
    const source = entry.envVar ? `env:${entry.envVar}` : entry.source;
    lines.push(`  ${entry.key.padEnd(width)}  ${shown}  [${source}]`);
  }
  lines.push('', 'checks:');
  for (const check of report.checks)
    lines.push(`  ${check.status.toUpperCase().padEnd(7)} ${check.name}: ${check.detail}`);
  return `${lines.join('\n')}\n`;
}
