import { agentCommand, agentUsage } from './agent-command.ts';
import { CliError } from './cli-error.ts';
import { packCommand, packUsage } from './pack-command.ts';
import { replicateCommand, replicateUsage } from './replicate-command.ts';
import { reportCommand, reportUsage } from './report-command.ts';
import { oracleCommand, oracleUsage, runCommand, runUsage } from './run-command.ts';
import { scoreCommand, scoreUsage } from './score-command.ts';
import { targetsCommand } from './targets-command.ts';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  targets: targetsCommand,
  oracle: oracleCommand,
  run: runCommand,
  score: scoreCommand,
  pack: packCommand,
  agent: agentCommand,
  replicate: replicateCommand,
  report: reportCommand,
};

const usage = `usage:
  mirrorbox targets [--json]
  ${oracleUsage}
  ${runUsage}
  ${scoreUsage}
  ${packUsage}
  ${agentUsage}
  ${replicateUsage}
  ${reportUsage}

Python and JavaScript candidates run inside an OS sandbox (bubblewrap). Where it cannot run, run and score refuse
them (exit 2) unless given --unsandboxed, which runs them under Node's permission model alone.
`;

/** Runs one CLI command and returns its exit code. Expected problems print one line; only bugs print a stack. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`mirrorbox: unknown command '${name}'\n${usage}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`mirrorbox ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
