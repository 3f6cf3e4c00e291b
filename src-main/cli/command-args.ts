import { parseArgs } from 'node:util';

/** The options a command takes, by name: `--name VALUE` strings and `--name` flags (false when absent). */
interface CommandOptionNames<S extends string, F extends string> {
  strings?: readonly S[];
  flags?: readonly F[];
  /** Whether bare arguments (ids, files, subcommand operands) are allowed; otherwise one is a usage error. */
  positionals?: boolean;
}

export interface CommandArgs<S extends string, F extends string> {
  values: { [K in S]?: string } & { [K in F]: boolean };
  positionals: string[];
}

/**
 * A command's arguments parsed strictly (an unknown option is a usage error, node's parseArgs throws it),
 * from the option names alone instead of one parseArgs config object per command.
 */
export function parseCommandArgs<S extends string = never, F extends string = never>(
  args: readonly string[],
  names: CommandOptionNames<S, F>,
): CommandArgs<S, F> {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; default: boolean }> = {};
  for (const name of names.strings ?? []) options[name] = { type: 'string' };
  for (const name of names.flags ?? []) options[name] = { type: 'boolean', default: false };
  const parsed = parseArgs({
    args: [...args],
    options,
    strict: true,
    allowPositionals: names.positionals ?? false,
  });
  // strict parsing accepts only the names above: each string name maps to a string or nothing, each flag
  // to a boolean (default false).
  return { values: parsed.values as CommandArgs<S, F>['values'], positionals: parsed.positionals };
}
