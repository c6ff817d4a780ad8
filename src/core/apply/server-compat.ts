/**
 * What the server can store: deployments whose prefect.yaml sets a field the server's release does
 * not know are refused before anything is written, naming the deployment, the field, the release
 * and what to do (the field table and its source are in `prefect/server-version.ts`).
 */
import { keyPath, type Diagnostic } from '../diagnostics.js';
import type { Plan } from '../plan/index.js';
import { compareServerVersions, OLDEST_TESTED_SERVER, unsupportedFields } from '../../prefect/server-version.js';

export function serverCompatibility(plan: Plan, version: string | undefined): Diagnostic[] {
  if (version === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  if (compareServerVersions(version, OLDEST_TESTED_SERVER) < 0) {
    diagnostics.push({
      severity: 'warning',
      file: plan.prefectFile,
      message: `the Prefect server runs ${version}, older than the oldest release this deploy is tested with (${OLDEST_TESTED_SERVER}); upgrade the server if it refuses a write`,
    });
  }
  for (const d of plan.deployments) {
    for (const u of unsupportedFields(d.payload, version)) {
      const yaml = keyPath(u.yamlPath);
      const consequence = u.field.older === 'refuses' ? 'would refuse the deployment' : 'would drop it without a word';
      const pos = plan.positionOf?.(['deployments', d.index, ...u.yamlPath]) ?? plan.positionOf?.(['deployments', d.index]);
      diagnostics.push({
        severity: 'error',
        file: plan.prefectFile,
        deployment: d.name,
        message: `${yaml} needs Prefect server ${u.field.since} or newer, and this server runs ${version} (it ${consequence}); upgrade the server or remove ${yaml}`,
        ...(pos ? { line: pos.line, column: pos.column } : {}),
      });
    }
  }
  return diagnostics;
}
