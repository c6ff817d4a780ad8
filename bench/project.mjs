// The synthetic project the benchmark deploys (also handy on its own: node -e "import('./bench/project.mjs').then((m) => m.generateProject('/tmp/p', 10))").
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const POOL = 'bench-pool';

/**
 * N flow files and a prefect.yaml with N deployments: parameters, a cron schedule with a slug,
 * tags, the bench work pool, a project-level git_clone pull step. Every third flow imports pandas,
 * which is not installed, so the reference falls back to its AST loader for it. With `triggers`,
 * each deployment also has a trigger (an automation on the server), every third one a second:
 * `expectedAutomations(n)` in all. With `prefix`, the flow, deployment and project names start with
 * it, so that several projects can share one server (bench/monorepo.mjs).
 */
export function generateProject(dir, n, { triggers = false, prefix = '' } = {}) {
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  const deployments = [];
  for (let i = 0; i < n; i++) {
    const heavy = i % 3 === 2;
    writeFileSync(
      path.join(dir, 'flows', `flow_${i}.py`),
      `from datetime import date
from typing import Literal, Optional

${heavy ? 'import pandas as pd\n' : ''}from prefect import flow, task


@task
def extract(region: str) -> list[int]:
    return [1, 2, 3]


@flow(name="${prefix}bench-flow-${i}", log_prints=True)
def flow_${i}(
    region: Literal["eu", "us", "apac"] = "eu",
    batch: int = ${i},
    day: Optional[date] = None,
    dry_run: bool = False,
    tables: list[str] = ["orders", "customers"],
):
    """Synthetic flow ${i} for the deploy benchmark.

    Args:
        region: Which region to load.
        batch: Batch number.
        day: Day to load, today when empty.
    """
    rows = extract(region)
    ${heavy ? 'return pd.DataFrame(rows)' : 'return rows'}
`,
    );
    deployments.push(`  - name: ${prefix}bench-${i}
    entrypoint: flows/flow_${i}.py:flow_${i}
    description: Benchmark deployment ${i}.
    tags: [bench, group-${i % 5}]
    parameters:
      region: ${['eu', 'us', 'apac'][i % 3]}
      batch: ${i}
      tables: [orders, "t${i}"]
    schedules:
      - cron: "${i % 60} ${i % 24} * * *"
        timezone: Europe/Paris
        slug: daily-${i}
    work_pool:
      name: ${POOL}
      work_queue_name: q${i % 4}
      job_variables:
        env: {BENCH_INDEX: "${i}"}
${triggers ? triggerYaml(i) : ''}`);
  }
  writeFileSync(
    path.join(dir, 'prefect.yaml'),
    `name: ${prefix}bench-${n}
prefect-version: 3.9.1

pull:
  - prefect.deployments.steps.git_clone:
      repository: https://github.com/acme/bench.git
      branch: main

deployments:
${deployments.join('\n')}`,
  );
}

/** The automations a project with triggers holds on the server: one per deployment, two for every third. */
export const expectedAutomations = (i) => (i % 3 === 0 ? 2 : 1);

function triggerYaml(i) {
  let out = `    triggers:
      - expect: [prefect.flow-run.Failed]
        match_related: {prefect.resource.id: "prefect.flow.*"}
`;
  if (expectedAutomations(i) === 2)
    out += `      - expect: [prefect.flow-run.Crashed]
        parameters: {batch: ${i}}
`;
  return out;
}
