import { APP_VERSION } from '../core/app-version.ts';
import { annotationsCommand, annotationsHelp } from './commands/annotations.ts';
import { doctorCommand, doctorHelp } from './commands/doctor.ts';
import { embedCommand, embedHelp } from './commands/embed.ts';
import { exportCommand, exportHelp } from './commands/export.ts';
import { graphCommand, graphHelp } from './commands/graph.ts';
import { hierarchyCommand, hierarchyHelp } from './commands/hierarchy.ts';
import { ideasCommand, ideasHelp } from './commands/ideas.ts';
import { ideateCommand, ideateHelp } from './commands/ideate.ts';
import { importCommand, importHelp } from './commands/import.ts';
import { judgeCommand, judgeHelp, tournamentCommand, tournamentHelp } from './commands/judge.ts';
import { protocolCommand, protocolHelp } from './commands/protocol.ts';
import { mineCommand, mineHelp } from './commands/mine.ts';
import { rateCommand, rateHelp, ratingsCommand, ratingsHelp } from './commands/rate.ts';
import { searchCommand, searchHelp } from './commands/search.ts';
import { secretsCommand, secretsHelp } from './commands/secrets.ts';
import { serveCommand, serveHelp } from './commands/serve.ts';
import { processIo, UsageError, type CliIo } from './io.ts';
import { reportCommandError } from './report-error.ts';

interface Command {
  summary: string;
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const commands: Record<string, Command> = {
  serve: { summary: 'serve the app in browser mode on 127.0.0.1', help: serveHelp, run: serveCommand },
  doctor: { summary: 'show configuration and check what is reachable', help: doctorHelp, run: doctorCommand },
  graph: {
    summary: 'inspect, dump, restore, migrate and push the motivational graph',
    help: graphHelp,
    run: graphCommand,
  },
  search: {
    summary: 'search the graph: lexical, vector or hybrid (local embeddings need no endpoint)',
    help: searchHelp,
    run: searchCommand,
  },
  embed: {
    summary: 'give graph nodes local all-MiniLM-L6-v2 vectors (resumable; fetches the model once)',
    help: embedHelp,
    run: embedCommand,
  },
  import: {
    summary: 'import papers (BibTeX, RIS, CSL-JSON, CSV, text, PDF, DOI/arXiv)',
    help: importHelp,
    run: importCommand,
  },
  mine: {
    summary: 'mine problem/challenge/solution triples from papers (resumable job)',
    help: mineHelp,
    run: mineCommand,
  },
  hierarchy: {
    summary: 'add abstract parent problems and challenges',
    help: hierarchyHelp,
    run: hierarchyCommand,
  },
  ideate: {
    summary: 'run the Socratic researcher/mentor ideator on a topic',
    help: ideateHelp,
    run: ideateCommand,
  },
  ideas: {
    summary: "the ideas library: list, search, archive, restore, tag (yours and your lab members')",
    help: ideasHelp,
    run: ideasCommand,
  },
  judge: {
    summary: 'score ideas 0–10 per dimension with the judge model (stored, reused, with cost)',
    help: judgeHelp,
    run: judgeCommand,
  },
  tournament: {
    summary: "rank a topic's ideas by a seeded Swiss tournament of pairwise judgments (ELO)",
    help: tournamentHelp,
    run: tournamentCommand,
  },
  rate: {
    summary: 'rate an idea 0–10 per dimension as a named rater (revisioned, never overwrites unseen edits)',
    help: rateHelp,
    run: rateCommand,
  },
  ratings: {
    summary: "a topic's human standings (blind-pair ELO, ratings) and their agreement with the judge",
    help: ratingsHelp,
    run: ratingsCommand,
  },
  protocol: {
    summary: "run the paper's evaluation on your topics (settings × ideas → scores, ELO, diversity, cost)",
    help: protocolHelp,
    run: protocolCommand,
  },
  export: {
    summary: 'export ideas as Markdown, HTML, PDF, JSON or BibTeX (the report the app exports)',
    help: exportHelp,
    run: exportCommand,
  },
  annotations: {
    summary: 'dump or restore your method annotations and added methods (not part of graph dump)',
    help: annotationsHelp,
    run: annotationsCommand,
  },
  secrets: {
    summary: 'store or clear encrypted API keys and passwords (shows only set / not set)',
    help: secretsHelp,
    run: (args, io) => secretsCommand(args, io),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `motiv ${APP_VERSION}: MotivGraph Studio on the command line

Usage: motiv <command> [options]

Commands:
${rows.join('\n')}

Run "motiv <command> --help" for a command's options.
Configuration: the settings file in the data directory, overridden by MOTIV_DATA_DIR, MOTIV_LLM_BASE_URL,
MOTIV_LLM_API_KEY, MOTIV_LLM_MODEL, MOTIV_NEO4J_URI, MOTIV_NEO4J_USER, MOTIV_NEO4J_PASSWORD, MOTIV_NEO4J_DATABASE.
`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return 0;
  }
  if (name === '--version') {
    io.out(`${APP_VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`motiv: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      io.err(`motiv ${name}: ${err.message}\n`);
      return 2;
    }
    return reportCommandError(name, err, io);
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
