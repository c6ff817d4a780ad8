import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isCloud, PrefectSettingsError, settingsFromEnv } from '../../src/prefect/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const API = { PREFECT_API_URL: 'http://127.0.0.1:4200/api/' };

describe('settingsFromEnv', () => {
  it('defaults as Prefect 3.9 has them', () => {
    expect(settingsFromEnv(API)).toEqual({
      apiUrl: 'http://127.0.0.1:4200/api',
      apiKey: undefined,
      authString: undefined,
      cloudApiUrl: 'https://api.prefect.cloud/api',
      csrfSupportEnabled: true,
      customHeaders: {},
      requestTimeoutMs: 60_000,
      tlsInsecureSkipVerify: false,
      sslCertFile: undefined,
      maxRetries: 5,
      retryJitterFactor: 0.2,
      retryExtraCodes: new Set(),
    });
  });

  it('reads every variable', () => {
    const settings = settingsFromEnv({
      PREFECT_API_URL: 'https://api.prefect.cloud/api/accounts/a/workspaces/w',
      PREFECT_API_KEY: 'pnu_x',
      PREFECT_API_AUTH_STRING: 'u:p',
      PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'off',
      PREFECT_CLIENT_CUSTOM_HEADERS: '{"X-A": "1"}',
      PREFECT_API_REQUEST_TIMEOUT: '2.5',
      PREFECT_API_TLS_INSECURE_SKIP_VERIFY: 'True',
      SSL_CERT_FILE: '/etc/ca.pem',
      PREFECT_CLIENT_MAX_RETRIES: '0',
      PREFECT_CLIENT_RETRY_JITTER_FACTOR: '0',
      PREFECT_CLIENT_RETRY_EXTRA_CODES: '500, 504',
    });
    expect(settings).toMatchObject({
      apiKey: 'pnu_x',
      authString: 'u:p',
      csrfSupportEnabled: false,
      customHeaders: { 'X-A': '1' },
      requestTimeoutMs: 2500,
      tlsInsecureSkipVerify: true,
      sslCertFile: '/etc/ca.pem',
      maxRetries: 0,
      retryJitterFactor: 0,
      retryExtraCodes: new Set([500, 504]),
    });
    expect(isCloud(settings)).toBe(true);
    expect(settingsFromEnv({ ...API, SSL_CERT_FILE: '/a', PREFECT_API_SSL_CERT_FILE: '/b' }).sslCertFile).toBe('/b');
    expect(settingsFromEnv({ ...API, PREFECT_CLOUD_API_URL: 'http://127.0.0.1:4200/api' }).apiUrl).toBe('http://127.0.0.1:4200/api');
    expect(isCloud(settingsFromEnv({ ...API, PREFECT_CLOUD_API_URL: 'http://127.0.0.1:4200/api' }))).toBe(true);
    expect(isCloud(settingsFromEnv(API))).toBe(false);
  });

  it('an explicit API URL wins over PREFECT_API_URL', () => {
    expect(settingsFromEnv(API, { apiUrl: 'http://localhost:1/api' }).apiUrl).toBe('http://localhost:1/api');
  });

  it.each([
    [{}, /PREFECT_API_URL is not set/],
    [{ PREFECT_API_URL: 'not a url' }, /PREFECT_API_URL="not a url" is not a URL/],
    [{ PREFECT_API_URL: 'ftp://x/api' }, /must be an http or https URL/],
    [{ ...API, PREFECT_CLIENT_MAX_RETRIES: '-1' }, /PREFECT_CLIENT_MAX_RETRIES="-1" is not an integer >= 0/],
    [{ ...API, PREFECT_CLIENT_MAX_RETRIES: '2.5' }, /is not an integer/],
    [{ ...API, PREFECT_CLIENT_RETRY_EXTRA_CODES: '500,abc' }, /"abc" is not an HTTP status code/],
    [{ ...API, PREFECT_CLIENT_CSRF_SUPPORT_ENABLED: 'maybe' }, /PREFECT_CLIENT_CSRF_SUPPORT_ENABLED="maybe" is not a boolean/],
    [{ ...API, PREFECT_CLIENT_CUSTOM_HEADERS: '{bad' }, /PREFECT_CLIENT_CUSTOM_HEADERS is not valid JSON/],
    [{ ...API, PREFECT_CLIENT_CUSTOM_HEADERS: '["a"]' }, /must be a JSON object/],
    [{ ...API, PREFECT_CLIENT_CUSTOM_HEADERS: '{"a": 1}' }, /the value of header "a" must be a string/],
  ])('rejects %j', (env, message) => {
    expect(() => settingsFromEnv(env)).toThrow(PrefectSettingsError);
    expect(() => settingsFromEnv(env)).toThrow(message);
  });

  it('never puts a secret in a settings error', () => {
    expect(() => settingsFromEnv({ PREFECT_API_KEY: 'pnu_secret' })).not.toThrow(/pnu_secret/);
  });
});

describe('generated API types', () => {
  it('src/prefect/openapi.d.ts is what scripts/generate-api-types.mjs makes from the saved document', async () => {
    const result = await promisify(execFile)(process.execPath, ['scripts/generate-api-types.mjs', '--check'], {
      cwd: repoRoot,
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result).toEqual({ code: 0, stderr: '' });
  });
});
