/** `prefect-deploy list`: the selected deployments, for people and CI matrices (no server needed). */
import { type Command, Option } from 'commander';
import { list } from '../../commands/index.js';
import { planToJson, skippedToJson, skippedToText } from '../../core/report/index.js';
import { changedSinceOption, collect, EXAMPLES, projectOption, type SelectionFlags } from '../flags.js';
import { listDeployments, listToText, matrixJson } from '../list.js';
import { listProjects } from '../projects.js';
import { TerminalReporter } from '../reporter.js';
import { EXIT_FAILED, EXIT_OK, status, type Session } from '../session.js';

type ListFlags = Pick<SelectionFlags, 'prefectFile' | 'json' | 'outputFile' | 'debug' | 'color' | 'all' | 'name' | 'dotenv' | 'changedSince' | 'project'> & {
  matrix?: boolean;
};

async function runList(session: Session, cmd: Command): Promise<void> {
  const { flags, s } = session.context<ListFlags>(cmd);
  const { io } = session;
  session.dotenvFile = flags.dotenv;
  const request = {
    prefectFile: flags.prefectFile,
    selection: { all: Boolean(flags.all), names: flags.name ?? [] },
    cwd: io.cwd,
    env: io.env,
    now: io.now(),
    secrets: session.secrets,
    ...(flags.changedSince ? { changedSince: flags.changedSince } : {}),
  };
  if (flags.project?.length) return listProjects(session, s, flags, request, flags.project, new TerminalReporter(session, s, Boolean(flags.json)));
  const result = await list(request, new TerminalReporter(session, s, Boolean(flags.json)));
  const plan = result.plan!;
  const failed = session.printProblems(s, plan.diagnostics, 'listed');
  const listed = failed ? [] : listDeployments(plan);
  // A matrix holds the changed deployments only; the skipped ones are listed beside them otherwise.
  const json = flags.matrix ? matrixJson(listed) : { deployments: listed, ...(result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {}) };
  if (!failed) {
    if (flags.matrix) io.stdout(JSON.stringify(json));
    else if (flags.json) io.stdout(JSON.stringify(json, null, 2));
    else {
      io.stdout(listToText(listed));
      const skipped = skippedToText(result.changedSince);
      if (skipped) io.stdout(skipped);
    }
  }
  const errors = planToJson(plan).errors;
  const output = {
    json: failed ? { ...json, errors } : json,
    dotenv: { scalars: status(result.failureReason), lists: [['DEPLOYMENTS_SELECTED', listed.map((d) => d.deployment)]] as Array<[string, string[]]> },
  };
  session.done(output, failed ? EXIT_FAILED : EXIT_OK);
}

export function registerList(program: Command, session: Session): void {
  program
    .command('list')
    .description('list the selected deployments of prefect.yaml (no server needed)')
    .option('--all', 'select every deployment in the file (the default when no -n is given)')
    .addOption(projectOption())
    .addOption(new Option('-n, --name <name>', 'a deployment name, flow/name, or * pattern (repeatable)').argParser(collect))
    .option('--matrix', 'print {"include": [...]} for a CI matrix (GitHub strategy.matrix, GitLab parallel:matrix)')
    .option('--dotenv <path>', 'write a GitLab dotenv report (DEPLOYMENTS_SELECTED)')
    .addOption(changedSinceOption())
    .addHelpText(
      'after',
      EXAMPLES(['prefect-deploy list', 'prefect-deploy list -n "etl-*" --json', 'echo "matrix=$(prefect-deploy list --all --matrix)" >> "$GITHUB_OUTPUT"']),
    )
    .action((_flags, cmd: Command) => runList(session, cmd));
}
