/** `prefect-deploy init`: prefect.yaml (and .prefectignore) from one of prefect init's recipes. */
import { type Command, Option } from 'commander';
import { collect, EXAMPLES } from '../flags.js';
import { initProject, loadRecipe, parseField, recipeNames } from '../../commands/init.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type GlobalFlags, type Session } from '../session.js';

type InitFlags = GlobalFlags & { recipe?: string; field?: string[]; name?: string; force?: boolean };

function safeRecipeNames(): string {
  try {
    return recipeNames().join(', ');
  } catch {
    return 'see recipes/';
  }
}

async function runInit(session: Session, cmd: Command): Promise<void> {
  const { flags, s } = session.context<InitFlags>(cmd);
  const { io } = session;
  const fail = (message: string, code: number) => {
    io.stderr(s.red(`error: ${message}`));
    const json = { error: message };
    if (flags.json) io.stdout(JSON.stringify(json, null, 2));
    session.done({ json }, code);
  };
  const fields: Record<string, string> = {};
  for (const field of flags.field ?? []) {
    const parsed = parseField(field);
    if (!parsed) return fail(`--field "${field}" is not key=value (for example --field image_name=ghcr.io/acme/etl)`, EXIT_USAGE);
    fields[parsed[0]] = parsed[1];
  }
  const prompt = io.isTTY ? io.prompt : undefined;
  const outcome = await initProject({
    cwd: io.cwd,
    env: io.env,
    recipe: flags.recipe,
    fields,
    name: flags.name,
    force: Boolean(flags.force),
    ask: prompt ? (field, description) => prompt(`${field} (${description}): `) : undefined,
    chooseRecipe: prompt
      ? async (names, guess) => {
          const width = Math.max(...names.map((n) => n.length));
          io.stdout(`Recipes:\n${names.map((n) => `  ${n.padEnd(width)}  ${loadRecipe(n)?.description ?? ''}`).join('\n')}`);
          return (await prompt(`Recipe (Enter for ${guess}): `)).trim();
        }
      : undefined,
  });
  if (!outcome.ok) return fail(outcome.message, EXIT_FAILED);
  for (const w of outcome.warnings) io.stderr(s.yellow(`warning: ${w}`));
  const { recipe, guessed, directory, files, warnings } = outcome;
  const json = { recipe, guessed, directory, files, warnings };
  if (flags.json) io.stdout(JSON.stringify(json, null, 2));
  else
    io.stdout(
      `Created project in ${directory} from the ${recipe} recipe${guessed ? ' (guessed; choose another with --recipe)' : ''} with the following new files:\n${files.join('\n')}`,
    );
  session.done({ json }, EXIT_OK);
}

export function registerInit(program: Command, session: Session): void {
  program
    .command('init')
    .description("write prefect.yaml (and .prefectignore) from one of prefect init's recipes")
    .option(
      '--recipe <name>',
      `the recipe (${safeRecipeNames()}); when omitted: chosen on a terminal, else guessed as prefect init does (a git remote gives git or docker-git, a Dockerfile docker, else local)`,
    )
    .addOption(
      new Option('-f, --field <key=value>', 'a recipe input such as image_name=ghcr.io/acme/etl (repeatable); asked for on a terminal when missing').argParser(collect),
    )
    .option('--name <name>', 'the project name written to prefect.yaml (default: the directory name)')
    .option('--force', 'overwrite an existing prefect.yaml')
    .addHelpText(
      'after',
      EXAMPLES([
        'prefect-deploy init',
        'prefect-deploy init --recipe docker-git --field image_name=ghcr.io/acme/etl --field tag=latest',
        'prefect-deploy init --recipe s3 -f bucket=acme-flows --force',
      ]),
    )
    .action((_flags, cmd: Command) => runInit(session, cmd));
}
