/**
 * Secrets a run handles: API keys, tokens, and every secret field of a block document read from
 * Prefect. Whatever a run prints, writes or sends (log, JSON result, comment, outputs) passes
 * through `redactText` / `redactValue` once the block documents have been watched, since the
 * templated payload holds their values in clear. Engine-neutral: the GitHub action adds log
 * masking through the `mask` callback (src/github/secrets.ts).
 */
import type { BlockDocument, ClientHooks, PrefectClient } from '../prefect/index.js';
import type { Environment } from './templating/index.js';

export const REDACTED = '***';

/** Keys whose string values are credentials whatever their source (`DB_PASSWORD`, `apiKey`, `access_token`). */
const SECRET_KEY = /(^|_)(secret|password|passwd|pwd|token|api_?key|private_?key|access_?key|secret_?key|client_?secret|connection_?string|credentials?|sas)$/;

// Values are redacted wherever they occur, so a short one would garble ordinary text: `true`,
// `false`, `null`, `admin`, `1234` (an env var `USE_TOKEN=true` would break every JSON output). A
// value this short is guessable anyway, so masking it would protect nothing.
export const MIN_LENGTH = 6;

/** Environment variables that hold credentials without a credential-like name. */
const SECRET_ENV = new Set(['PREFECT_API_AUTH_STRING']);

/** The shell's working directories: `pwd` there is "print working directory", not a password. */
const NOT_SECRET_ENV = new Set(['PWD', 'OLDPWD']);

/** A credential by its name: `DB_PASSWORD`, `apiKey`, `access_token`, `PREFECT_API_AUTH_STRING`. */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET_ENV.has(name)) return false;
  return SECRET_ENV.has(name) || SECRET_KEY.test(snakeCase(name));
}

export class Secrets {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  /** `mask` hears each new secret value as it is found (the action hands it to the runner's log masking); the CLI has none. */
  constructor(private readonly mask: (value: string) => void = () => undefined) {}

  /** Masks a value from now on; each line of a multi-line value is masked too (the runner masks per line). */
  add(value: unknown): void {
    if (typeof value === 'number' || typeof value === 'bigint') value = String(value);
    if (typeof value !== 'string') return;
    const parts = [value, ...value.split(/\r?\n/), JSON.stringify(value).slice(1, -1)];
    for (const part of parts) {
      const v = part.trim();
      if (v.length < MIN_LENGTH || this.values.has(v)) continue;
      this.values.add(v);
      this.pattern = undefined;
      this.mask(v);
    }
  }

  /** The API key, the auth string and every environment variable with a credential-like name. */
  addEnvironment(env: Readonly<Record<string, string | undefined>>): void {
    for (const [name, value] of Object.entries(env)) if (isSecretName(name)) this.add(value);
    // Sent as HTTP basic auth: what a debug log of the headers would show.
    const auth = env.PREFECT_API_AUTH_STRING;
    if (auth) this.add(Buffer.from(auth, 'utf8').toString('base64'));
  }

  /** Every secret value in `text` replaced by `***`. */
  redactText(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map((part) => RegExp.escape(part))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }

  /**
   * A copy of `value` with secrets redacted in every string, and the string values of
   * credential-named keys blanked unless they are still a `{{ placeholder }}`. Objects that are not
   * plain data (functions, class instances) are kept as they are.
   */
  redactValue<T>(value: T): T {
    return this.walk(value, undefined) as T;
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === 'string') {
      if (key !== undefined && value !== '' && !value.includes('{{') && SECRET_KEY.test(snakeCase(key))) return REDACTED;
      return this.redactText(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, undefined));
    if (value !== null && typeof value === 'object' && isPlain(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, k);
      return out;
    }
    return value;
  }

  /**
   * Client hooks that learn the secret fields of every block document read (the schema's
   * `secret_fields`, and the whole value of a Secret block) and the value of every variable whose
   * name is a credential's (`db_password`), so templating never holds a secret the log would print
   * in clear. Given to the client when it is made (`new PrefectClient({ hooks })`).
   */
  clientHooks(): Required<Pick<ClientHooks, 'onBlockDocument' | 'onVariable'>> {
    return {
      onBlockDocument: (document) => void this.collect(document),
      onVariable: (variable) => {
        if (isSecretName(variable.name)) for (const v of leaves(variable.value)) this.add(v);
      },
    };
  }

  /** The block-document hook of `clientHooks`, on a client made without it (a stand-in with the same reads). */
  watchBlockDocuments(client: Pick<PrefectClient, 'readBlockDocumentByName' | 'readBlockDocument'>): void {
    const byName = client.readBlockDocumentByName.bind(client);
    const byId = client.readBlockDocument.bind(client);
    client.readBlockDocumentByName = async (slug, name) => this.collect(await byName(slug, name));
    client.readBlockDocument = async (id) => this.collect(await byId(id));
  }

  /** The variable hook of `clientHooks`, on a client made without it. */
  watchVariables(client: Pick<PrefectClient, 'readVariableByName'>): void {
    const read = client.readVariableByName.bind(client);
    const { onVariable } = this.clientHooks();
    client.readVariableByName = async (name) => {
      const variable = await read(name);
      if (variable) onVariable({ ...variable, name });
      return variable;
    };
  }

  private collect(document: BlockDocument | undefined): BlockDocument | undefined {
    if (!document?.data) return document;
    for (const p of blockSecretFields(document)) for (const v of leavesAt(document.data, p.split('.'))) this.add(v);
    return document;
  }
}

/**
 * The environment a plan's placeholders see when prefect.yaml may come from a pull request: every
 * variable not in `allow` reads as `(from $NAME)`, so a plan comment cannot be made to publish a
 * secret by naming it. `onRead` hears each hidden value that was asked for (its real value), which
 * the caller redacts, so a diff against the server does not show it on the other side either.
 */
export function untrustedEnvironment(env: Environment, allow: ReadonlySet<string>, onRead: (value: string | undefined) => void): Environment {
  const shown: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (allow.has(name)) shown[name] = value;
    else
      Object.defineProperty(shown, name, {
        enumerable: true,
        get: () => {
          onRead(value);
          return `(from $${name})`;
        },
      });
  }
  return shown;
}

/** The dotted paths of a block document's secret fields (`*` for any key): its schema's `secret_fields`, and the whole value of a Secret block. */
export function blockSecretFields(document: Pick<BlockDocument, 'block_schema' | 'block_type'>): string[] {
  const fields = document.block_schema?.fields as { secret_fields?: unknown } | undefined;
  const paths = Array.isArray(fields?.secret_fields) ? fields.secret_fields.filter((p): p is string => typeof p === 'string') : [];
  if (document.block_type?.slug === 'secret' && !paths.includes('value')) paths.push('value');
  return paths;
}

/** Every scalar under `path` in `data`; `*` matches any key. */
function leavesAt(data: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return leaves(data);
  if (data === null || typeof data !== 'object') return [];
  const [head, ...rest] = path;
  const record = data as Record<string, unknown>;
  const next = head === '*' ? Object.values(record) : head !== undefined && head in record ? [record[head]] : [];
  return next.flatMap((v) => leavesAt(v, rest));
}

function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [value];
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}
