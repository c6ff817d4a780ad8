/**
 * A small stateful GitHub API for the PR comment tests: issue comments (list with Link pagination,
 * create, update, delete), the pull requests of a commit, the authenticated user, and GraphQL
 * (`viewer`, `minimizeComment`). Every REST request is checked against GitHub's published OpenAPI
 * description (npm @octokit/openapi): the path and method must exist, path and query parameters
 * and the JSON body must validate against the operation's schemas (ajv), and the body may not carry
 * properties the operation does not define. Comment and user responses are validated against the
 * same description, so the fake answers in GitHub's shapes. Anything off is recorded in
 * `violations` (and answered 404/422 the way GitHub would), for tests to assert empty.
 *
 * GraphQL is not in the REST description: the two operations the action sends are checked by hand
 * against GitHub's GraphQL schema (`minimizeComment(input: MinimizeCommentInput!)`, whose
 * `classifier` is a ReportedContentClassifiers value).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Record<string, unknown>;
  $ref?: string;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

let cached: { spec: OpenApiDocument; ajv: Ajv; routes: Route[] } | undefined;

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function openApi() {
  if (cached) return cached;
  const spec = require('@octokit/openapi/generated/api.github.com.json') as OpenApiDocument;
  // OpenAPI 3.0 schemas: `nullable` is understood by ajv; formats and vendor keywords are not checked.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(spec, 'github');
  const routes = Object.keys(spec.paths).map((template) => {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\\{|\{([^}]+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    return { template, pattern, names };
  });
  cached = { spec, ajv, routes };
  return cached;
}

function schemaAt(...path: string[]): ValidateFunction {
  const { ajv } = openApi();
  const ref = `github#/${pointer(...path)}`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  return validate;
}

function resolveParameter(p: Parameter): Parameter {
  if (!p.$ref) return p;
  const name = p.$ref.replace('#/components/parameters/', '');
  return openApi().spec.components.parameters[name]!;
}

/** A query or path value as the schema's type: GitHub parses them the same way. */
function coerce(value: string, schema: Record<string, unknown>): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

export interface StoredComment {
  id: number;
  nodeId: string;
  repo: string;
  issue: number;
  author: string;
  body: string;
  created: string;
  updated: string;
  minimized?: string;
}

export interface PullRequest {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface Identity {
  login: string;
  /** An Actions/App installation token: `GET /user` is refused, GraphQL's viewer answers. */
  installation?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  operation: string;
  body: unknown;
}

export interface StoredRelease {
  id: number;
  repo: string;
  /** The request body of `POST /repos/{o}/{r}/releases`, as sent. */
  request: { tag_name: string; name?: string; body?: string; draft?: boolean; prerelease?: boolean; make_latest?: string; target_commitish?: string };
  author: string;
}

export interface FakeGitHub {
  /** What GITHUB_API_URL is set to. */
  url: string;
  comments: StoredComment[];
  releases: StoredRelease[];
  /** Pull requests by commit SHA, for `GET /repos/{o}/{r}/commits/{sha}/pulls`. */
  pullsByCommit: Map<string, PullRequest[]>;
  requests: RecordedRequest[];
  violations: string[];
  /** Seeds a comment as if `author` had written it. */
  addComment(repo: string, issue: number, author: string, body: string): StoredComment;
  /** The next requests matching method and operation id answer `status` with `message`. */
  refuse(method: string, operationId: string, status: number, message: string): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(tokens: Record<string, Identity>): Promise<FakeGitHub> {
  openApi();
  let nextId = 1000;
  const refusals: { method: string; operation: string; status: number; message: string }[] = [];
  const state: Omit<FakeGitHub, 'url' | 'close'> = {
    comments: [],
    releases: [],
    pullsByCommit: new Map(),
    requests: [],
    violations: [],
    addComment(repo, issue, author, body) {
      const id = nextId++;
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, id % 60)).toISOString().replace('.000', '');
      const c: StoredComment = { id, nodeId: `IC_kw${id}`, repo, issue, author, body, created: at, updated: at };
      state.comments.push(c);
      return c;
    },
    refuse(method, operation, status, message) {
      refusals.push({ method, operation, status, message });
    },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        state.violations.push(`server error: ${(e as Error).stack}`);
        send(res, 500, { message: (e as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const user = (login: string) => {
    const id = [...login].reduce((a, ch) => a * 31 + ch.charCodeAt(0), 7) % 1e7;
    const u = `${base}/users/${login}`;
    return {
      login,
      id,
      node_id: `U_${id}`,
      avatar_url: `https://avatars.example/u/${id}`,
      gravatar_id: '',
      url: u,
      html_url: `https://github.com/${login}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      site_admin: false,
    };
  };
  const commentJson = (c: StoredComment) => ({
    id: c.id,
    node_id: c.nodeId,
    url: `${base}/repos/${c.repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${c.repo}/issues/${c.issue}`,
    body: c.body,
    user: user(c.author),
    created_at: c.created,
    updated_at: c.updated,
    author_association: 'NONE',
  });

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  function checkResponse(operation: Operation, template: string, method: string, status: number, body: unknown): void {
    if (!operation.responses[String(status)]?.content) return;
    const validate = schemaAt('paths', template, method, 'responses', String(status), 'content', 'application/json', 'schema');
    if (!validate(body)) state.violations.push(`${operation.operationId} response ${status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toLowerCase();
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '');
    const identity = auth ? tokens[auth[1]!] : undefined;
    if (!identity) return send(res, 401, { message: 'Bad credentials' });

    if (url.pathname === '/graphql' && method === 'post') return graphql(res, raw, identity);

    const { spec, routes } = openApi();
    const route = routes.find((r) => r.pattern.test(url.pathname) && spec.paths[r.template]![method]);
    if (!route) {
      state.violations.push(`${method.toUpperCase()} ${url.pathname}: no such operation in GitHub's REST API`);
      return send(res, 404, { message: 'Not Found' });
    }
    const operation = spec.paths[route.template]![method]!;
    const params: Record<string, string> = {};
    route.pattern
      .exec(url.pathname)!
      .slice(1)
      .forEach((v, i) => (params[route.names[i]!] = decodeURIComponent(v)));
    const problems: string[] = [];
    const declared = (operation.parameters ?? []).map(resolveParameter);
    for (const p of declared) {
      const value = p.in === 'path' ? params[p.name] : p.in === 'query' ? (url.searchParams.get(p.name) ?? undefined) : undefined;
      if (value === undefined) {
        if (p.required) problems.push(`missing ${p.in} parameter ${p.name}`);
        continue;
      }
      const { ajv } = openApi();
      if (!ajv.validate(p.schema, coerce(value, p.schema))) problems.push(`${p.in} parameter ${p.name}=${value}: ${ajv.errorsText()}`);
    }
    for (const name of url.searchParams.keys()) {
      if (!declared.some((p) => p.in === 'query' && p.name === name)) problems.push(`unknown query parameter ${name}`);
    }
    let body: unknown;
    const content = operation.requestBody?.content['application/json'];
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        problems.push('body is not JSON');
      }
      if (!content) problems.push('body sent to an operation that takes none');
      else {
        const validate = schemaAt('paths', route.template, method, 'requestBody', 'content', 'application/json', 'schema');
        if (!validate(body)) problems.push(`body: ${JSON.stringify(validate.errors)}`);
        const known = Object.keys(content.schema.properties ?? {});
        for (const k of Object.keys(body as object)) if (known.length && !known.includes(k)) problems.push(`body property ${k} is not part of ${operation.operationId}`);
      }
    } else if (operation.requestBody && (operation.requestBody as { required?: boolean }).required) {
      problems.push('missing request body');
    }
    state.requests.push({ method: method.toUpperCase(), path: url.pathname + url.search, operation: operation.operationId, body });
    if (problems.length) {
      state.violations.push(`${operation.operationId} (${method.toUpperCase()} ${url.pathname}${url.search}): ${problems.join('; ')}`);
      return send(res, 422, { message: 'Validation Failed', errors: problems });
    }
    const refusal = refusals.findIndex((r) => r.method.toLowerCase() === method && r.operation === operation.operationId);
    if (refusal >= 0) {
      const [r] = refusals.splice(refusal, 1);
      return send(res, r!.status, { message: r!.message, documentation_url: 'https://docs.github.com/rest' });
    }
    const reply = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      checkResponse(operation, route.template, method, status, payload);
      send(res, status, payload, headers);
    };
    const repo = `${params.owner}/${params.repo}`;

    switch (operation.operationId) {
      case 'users/get-authenticated': {
        if (identity.installation) return send(res, 403, { message: 'Resource not accessible by integration' });
        return reply(200, {
          ...user(identity.login),
          name: null,
          company: null,
          blog: '',
          location: null,
          email: null,
          hireable: null,
          bio: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2020-01-01T00:00:00Z',
        });
      }
      case 'issues/list-comments': {
        const all = state.comments.filter((c) => c.repo === repo && c.issue === Number(params.issue_number));
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
        const page = Number(url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number) => `<${base}${url.pathname}?per_page=${perPage}&page=${p}>`;
        const links = [
          ...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []),
          ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : []),
        ];
        return reply(200, all.slice((page - 1) * perPage, page * perPage).map(commentJson), links.length ? { link: links.join(', ') } : {});
      }
      case 'issues/create-comment': {
        const c = state.addComment(repo, Number(params.issue_number), identity.login, (body as { body: string }).body);
        return reply(201, commentJson(c), { location: commentJson(c).url });
      }
      case 'issues/update-comment':
      case 'issues/delete-comment':
      case 'issues/get-comment': {
        const c = state.comments.find((x) => x.repo === repo && x.id === Number(params.comment_id));
        if (!c) return send(res, 404, { message: 'Not Found' });
        if (operation.operationId === 'issues/get-comment') return reply(200, commentJson(c));
        if (c.author !== identity.login) return send(res, 403, { message: 'Must have admin rights to Repository.' });
        if (operation.operationId === 'issues/delete-comment') {
          state.comments.splice(state.comments.indexOf(c), 1);
          return reply(204);
        }
        c.body = (body as { body: string }).body;
        c.updated = new Date().toISOString();
        return reply(200, commentJson(c));
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const pulls = state.pullsByCommit.get(params.commit_sha!) ?? [];
        // Only the fields the action reads are filled: the full pull-request-simple shape is not faked.
        return send(
          res,
          200,
          pulls.map((p) => ({ ...p, html_url: `https://github.com/${repo}/pull/${p.number}`, state: p.merged_at ? 'closed' : 'open' })),
        );
      }
      case 'repos/create-release': {
        const request = body as StoredRelease['request'];
        if (state.releases.some((r) => r.repo === repo && r.request.tag_name === request.tag_name)) {
          return reply(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
            documentation_url: 'https://docs.github.com/rest/releases/releases#create-a-release',
          });
        }
        const release: StoredRelease = { id: nextId++, repo, request, author: identity.login };
        state.releases.push(release);
        const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const url = `${base}/repos/${repo}/releases/${release.id}`;
        return reply(201, {
          url,
          html_url: `https://github.com/${repo}/releases/tag/${request.tag_name}`,
          assets_url: `${url}/assets`,
          upload_url: `${base}/repos/${repo}/releases/${release.id}/assets{?name,label}`,
          tarball_url: `${base}/repos/${repo}/tarball/${request.tag_name}`,
          zipball_url: `${base}/repos/${repo}/zipball/${request.tag_name}`,
          id: release.id,
          node_id: `RE_kw${release.id}`,
          tag_name: request.tag_name,
          target_commitish: request.target_commitish ?? 'main',
          name: request.name ?? null,
          body: request.body ?? null,
          draft: request.draft ?? false,
          prerelease: request.prerelease ?? false,
          created_at: at,
          published_at: at,
          author: user(identity.login),
          assets: [],
        });
      }
      default:
        state.violations.push(`${operation.operationId}: valid, but not faked`);
        return send(res, 501, { message: 'not faked' });
    }
  }

  const CLASSIFIERS = ['ABUSE', 'DUPLICATE', 'OFF_TOPIC', 'OUTDATED', 'RESOLVED', 'SPAM'];

  function graphql(res: ServerResponse, raw: string, identity: Identity): void {
    let request: { query?: unknown; variables?: Record<string, unknown> };
    try {
      request = JSON.parse(raw) as typeof request;
    } catch {
      state.violations.push('graphql: body is not JSON');
      return send(res, 400, { message: 'Problems parsing JSON' });
    }
    const query = typeof request.query === 'string' ? request.query.replace(/\s+/g, ' ').trim() : '';
    state.requests.push({ method: 'POST', path: '/graphql', operation: 'graphql', body: request });
    if (/^query \{ viewer \{ login \} \}$/.test(query)) {
      return send(res, 200, { data: { viewer: { login: identity.login } } });
    }
    const minimize =
      /^mutation\s*\(\$(\w+): ID!\) \{ minimizeComment\(input: \{subjectId: \$(\w+), classifier: (\w+)\}\) \{ minimizedComment \{ isMinimized \} \} \}$/.exec(query);
    if (minimize && minimize[1] === minimize[2]) {
      const id = request.variables?.[minimize[1]!];
      if (!CLASSIFIERS.includes(minimize[3]!)) state.violations.push(`graphql: ${minimize[3]} is not a ReportedContentClassifiers value`);
      const c = state.comments.find((x) => x.nodeId === id);
      if (!c)
        return send(res, 200, {
          data: { minimizeComment: null },
          errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${String(id)}'` }],
        });
      c.minimized = minimize[3]!;
      return send(res, 200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
    }
    state.violations.push(`graphql: operation not known to the fake: ${query}`);
    return send(res, 200, { errors: [{ message: 'unknown operation' }] });
  }

  return Object.assign(state, { url: base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}
