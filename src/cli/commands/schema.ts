/** `prefect-deploy schema`: the JSON schema of prefect.yaml. */
import type { Command } from 'commander';
import { EXAMPLES } from '../flags.js';
import { prefectYamlSchema, prefectYamlSchemaText } from '../schema.js';
import { EXIT_OK, type Session } from '../session.js';

export function registerSchema(program: Command, session: Session): void {
  program
    .command('schema')
    .description('print the JSON schema of prefect.yaml (for editor completion and validation)')
    .addHelpText(
      'after',
      EXAMPLES(['prefect-deploy schema > prefect-yaml.schema.json']) + '\n\nThen start prefect.yaml with:\n  # yaml-language-server: $schema=./prefect-yaml.schema.json',
    )
    .action((_flags, cmd: Command) => {
      session.context(cmd);
      session.io.stdout(prefectYamlSchemaText());
      session.done({ json: prefectYamlSchema() }, EXIT_OK);
    });
}
