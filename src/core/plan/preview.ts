/**
 * Preview deployments: the selected deployments registered as copies named `<name>-<ID>` (same
 * flow), so a pull request can be tried on the server without touching the real ones. A copy's
 * schedules are inactive and its triggers left out unless asked (a preview must not start runs by
 * itself), it is tagged `preview:<ID>`, and it is marked as owned by `<project identity>#preview:<ID>`:
 * a mark no normal deploy carries, so a normal prune never deletes a preview (it deletes only its
 * own exact mark) and `preview down` never deletes a real deployment.
 */
import type { DesiredDeployment } from './desired.js';
import type { Plan } from './index.js';

/** The environment variable the build/push steps and templating see the preview id in. */
export const PREVIEW_ID_ENV = 'PREFECT_DEPLOY_PREVIEW_ID';

export interface PreviewOptions {
  /** The preview's id (`pr-42`): the name suffix, the tag and the mark. */
  id: string;
  /** Keep the schedules as configured (active) instead of turning them all off. */
  withSchedules?: boolean;
  /** Register the deployments' triggers as automations too. */
  withTriggers?: boolean;
}

/** Letters, digits, `.`, `_`, `-`: safe in a deployment name, a tag, a label and an image tag. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Why `id` cannot be a preview id, or undefined when it can. */
export function previewIdProblem(id: string): string | undefined {
  if (ID_PATTERN.test(id)) return undefined;
  return `preview id "${id}" must be 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. pr-42)`;
}

export function previewName(name: string, id: string): string {
  return `${name}-${id}`;
}

export function previewTag(id: string): string {
  return `preview:${id}`;
}

/** The mark (`deploy-action.owner` label value) of the previews of `id` made from the project `identity`. */
export function previewOwner(identity: string, id: string): string {
  return `${identity}#preview:${id}`;
}

/** One deployment as its preview copy. */
export function previewDeployment(d: DesiredDeployment, options: PreviewOptions): DesiredDeployment {
  const name = previewName(d.name, options.id);
  const tag = previewTag(options.id);
  const tags = Array.isArray(d.payload.tags) ? (d.payload.tags as unknown[]) : [];
  const schedules = options.withSchedules
    ? d.schedules
    : d.schedules.map((s) => ({ ...s, create: { ...s.create, active: false }, update: { ...s.update, active: false } }));
  return {
    ...d,
    name,
    payload: {
      ...d.payload,
      name,
      tags: tags.includes(tag) ? tags : [...tags, tag],
      schedules: schedules.map((s) => s.create),
    },
    schedules,
    triggers: options.withTriggers ? d.triggers : [],
    // SLAs alert on a deployment's runs; a preview's runs are trials.
    slas: undefined,
  };
}

/** The plan with every deployment replaced by its preview copy. */
export function previewPlan(plan: Plan, options: PreviewOptions): Plan {
  return { ...plan, deployments: plan.deployments.map((d) => previewDeployment(d, options)) };
}
