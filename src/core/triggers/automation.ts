/**
 * The body of `POST /automations/` for one deployment trigger: what the reference's
 * `trigger.as_automation()` dumps with `model_dump(mode="json")` after `set_deployment_id` (spec §5.9).
 */
import type { DeploymentTrigger, Trigger } from './types.js';

export function ownerResource(deploymentId: string): string {
  return `prefect.deployment.${deploymentId}`;
}

export function automationBody(trigger: DeploymentTrigger, deploymentId: string): Record<string, unknown> {
  return {
    // `name or …`: an empty name falls back too.
    name: trigger.name || `Automation for deployment ${deploymentId}`,
    description: trigger.description,
    enabled: trigger.enabled,
    tags: [],
    trigger: triggerBody(trigger.trigger),
    actions: [
      {
        type: 'run-deployment',
        source: 'selected',
        deployment_id: deploymentId,
        parameters: trigger.parameters === null ? null : structuredClone(trigger.parameters),
        job_variables: trigger.jobVariables === null ? null : structuredClone(trigger.jobVariables),
        schedule_after: trigger.scheduleAfter,
      },
    ],
    actions_on_trigger: [],
    actions_on_resolve: [],
    owner_resource: ownerResource(deploymentId),
  };
}

/** A copy in the wire form (the validated objects already hold the reference's key order). */
function triggerBody(trigger: Trigger): Record<string, unknown> {
  return structuredClone(trigger) as unknown as Record<string, unknown>;
}
