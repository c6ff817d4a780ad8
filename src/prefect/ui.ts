/**
 * The Prefect UI address for links, derived from the API URL the way the reference does
 * (`PREFECT_UI_URL` wins; Cloud's `https://api…` becomes `https://app…`; `/api` is dropped).
 */
import { DEFAULT_CLOUD_API_URL } from './settings.js';

type Env = Readonly<Record<string, string | undefined>>;

function cloudUiUrl(env: Env): string {
  if (env.PREFECT_CLOUD_UI_URL) return env.PREFECT_CLOUD_UI_URL;
  let ui = env.PREFECT_CLOUD_API_URL || DEFAULT_CLOUD_API_URL;
  if (/^https:\/\/api[.\w]*.prefect.[^.]+\//.test(ui)) ui = ui.replace('https://api', 'https://app');
  return ui.endsWith('/api') ? ui.slice(0, -4) : ui;
}

/** The UI page of a deployment, when the UI address is known. */
export function deploymentUrl(ui: string | undefined, id: string | null | undefined): string | null {
  return ui && id ? `${ui}/deployments/deployment/${id}` : null;
}

/** The UI page of a flow run, when the UI address is known. */
export function flowRunUrl(ui: string | undefined, id: string | null | undefined): string | null {
  return ui && id ? `${ui}/runs/flow-run/${id}` : null;
}

export function uiUrl(apiUrl: string | undefined, env: Env): string | undefined {
  if (env.PREFECT_UI_URL) return env.PREFECT_UI_URL;
  if (!apiUrl) return undefined;
  let ui = apiUrl;
  const cloud = env.PREFECT_CLOUD_API_URL || DEFAULT_CLOUD_API_URL;
  if (apiUrl.startsWith(cloud)) ui = ui.replaceAll(cloud, cloudUiUrl(env));
  if (ui.endsWith('/api')) ui = ui.slice(0, -4);
  // Python's str.replace replaces every occurrence.
  return ui.replaceAll('/api/', '/').replaceAll('/accounts/', '/account/').replaceAll('/workspaces/', '/workspace/');
}
