import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Secrets } from '../../src/github/secrets.js';
import { untrustedEnvironment } from '../../src/core/secrets.js';
import { applyValues } from '../../src/core/templating/index.js';
import type { BlockDocument } from '../../src/prefect/index.js';

describe('Secrets', () => {
  it('masks each value, each of its lines and its JSON-escaped form, and skips values too short to mask safely', () => {
    const masked: string[] = [];
    const s = new Secrets((v) => masked.push(v));
    s.add('line-one-secret\nline-two-secret');
    s.add('abc');
    s.add(undefined);
    expect(masked).toEqual(['line-one-secret\nline-two-secret', 'line-one-secret', 'line-two-secret', 'line-one-secret\\nline-two-secret']);
  });

  it('redacts secret values in text, the longest first', () => {
    const s = new Secrets(() => undefined);
    s.add('token-1234');
    s.add('token-1234-extended');
    expect(s.redactText('a token-1234-extended b token-1234 c')).toBe('a *** b *** c');
  });

  it.each([
    ['DB_PASSWORD', 'hunter22', '***'],
    ['apiKey', 'k-123456', '***'],
    ['access_token', 'abcdefgh', '***'],
    ['client-secret', 'abcdefgh', '***'],
    ['TOKEN', '{{ prefect.blocks.secret.gh }}', '{{ prefect.blocks.secret.gh }}'],
    ['max_tokens', '512', '512'],
    ['token_url', 'https://auth.example/token', 'https://auth.example/token'],
    ['region', 'eu', 'eu'],
  ])('a string under %s: %s → %s', (key, value, expected) => {
    expect(new Secrets(() => undefined).redactValue({ env: { [key]: value } })).toEqual({ env: { [key]: expected } });
  });

  it('keeps functions and class instances as they are', () => {
    const positionOf = () => undefined;
    const date = new Date(0);
    const out = new Secrets(() => undefined).redactValue({ positionOf, date, list: ['a'] });
    expect(out.positionOf).toBe(positionOf);
    expect(out.date).toBe(date);
  });

  it('collects the secret fields of block documents a client reads (schema secret_fields, wildcards, Secret blocks)', async () => {
    const masked: string[] = [];
    const s = new Secrets((v) => masked.push(v));
    const documents: Record<string, Partial<BlockDocument>> = {
      aws: {
        data: { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'very-secret-key', nested: { a: { password: 'pw-one-1' }, b: { password: 'pw-two-2' } } },
        block_schema: { fields: { secret_fields: ['aws_secret_access_key', 'nested.*.password'] } } as unknown as BlockDocument['block_schema'],
      },
      gh: { data: { value: 'ghp_secretvalue' }, block_type: { slug: 'secret' } as unknown as BlockDocument['block_type'] },
    };
    const client = {
      readBlockDocumentByName: async (_slug: string, name: string) => documents[name] as BlockDocument,
      readBlockDocument: async (id: string) => documents[id] as BlockDocument,
    };
    s.watchBlockDocuments(client);
    await client.readBlockDocumentByName('aws-credentials', 'aws');
    await client.readBlockDocument('gh');
    expect(masked).toEqual(['very-secret-key', 'pw-one-1', 'pw-two-2', 'ghp_secretvalue']);
    expect(s.redactText('AKIAEXAMPLE very-secret-key')).toBe('AKIAEXAMPLE ***');
  });

  it('learns the auth string (and its basic-auth form), the API key and credential-named environment variables, and nothing else', () => {
    const s = new Secrets(() => undefined);
    s.addEnvironment({
      PREFECT_API_AUTH_STRING: 'admin:pass-1',
      PREFECT_API_KEY: 'pnu_key_123',
      DB_PASSWORD: 'hunter22',
      GITHUB_TOKEN: 'ghs_token_1',
      HOME: '/home/runner',
      // the shell's working directories, whose names end in "pwd" like a password's
      PWD: '/home/runner/work/etl',
      OLDPWD: '/home/runner/work',
      IMAGE_TAG: 'release-42',
      USE_TOKEN: 'true',
    });
    const text = 'admin:pass-1 YWRtaW46cGFzcy0x pnu_key_123 hunter22 ghs_token_1 /home/runner/work/etl/prefect.yaml release-42';
    expect(s.redactText(text)).toBe('*** *** *** *** *** /home/runner/work/etl/prefect.yaml release-42');
    // A value under 6 characters is not a secret worth masking everywhere: JSON stays JSON.
    expect(s.redactText('{"paused": true}')).toBe('{"paused": true}');
  });

  it('learns the values of Prefect variables with credential names that a client reads', async () => {
    const s = new Secrets(() => undefined);
    const values: Record<string, unknown> = { db_password: 'var-secret-1', region: 'eu-west-1', api_token: { nested: ['var-secret-2'] } };
    const client = { readVariableByName: async (name: string) => ({ name, value: values[name] }) as never };
    s.watchVariables(client);
    for (const name of Object.keys(values)) await client.readVariableByName(name);
    expect(s.redactText('var-secret-1 eu-west-1 var-secret-2')).toBe('*** eu-west-1 ***');
  });

  it('redacts every line written to the log but the ::add-mask:: commands that carry the value to the runner', () => {
    const s = new Secrets((v) => stream.write(`::add-mask::${v}\n`));
    const written: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _e, done) => (written.push(chunk.toString()), done()) }) as unknown as NodeJS.WriteStream;
    const restore = s.redactLog(stream);
    s.add('printed-secret');
    stream.write('step says printed-secret\n');
    stream.write(Buffer.from('again printed-secret'));
    restore();
    stream.write('printed-secret after restore');
    expect(written).toEqual(['::add-mask::printed-secret\n', 'step says ***\n', 'again ***', 'printed-secret after restore']);
  });
});

describe('untrustedEnvironment', () => {
  const env = { IMAGE_TAG: 'v1.2.3', DB_PASSWORD: 'hunter22', HOME: '/home/runner' };

  it('shows a variable not allowed as (from $NAME) to every placeholder form, and reports the value it hid', () => {
    const hidden: (string | undefined)[] = [];
    const shown = untrustedEnvironment(env, new Set(['IMAGE_TAG']), (v) => hidden.push(v));
    const template = { image: 'acme:{{ $IMAGE_TAG }}', password: '{{ $DB_PASSWORD }}', home: '{{ HOME }}' };
    expect(applyValues(template, shown, { env: shown })).toEqual({ image: 'acme:v1.2.3', password: '(from $DB_PASSWORD)', home: '(from $HOME)' });
    expect([...new Set(hidden)].sort()).toEqual(['/home/runner', 'hunter22']);
  });

  it('reports nothing for variables no placeholder reads', () => {
    const hidden: (string | undefined)[] = [];
    untrustedEnvironment(env, new Set(), (v) => hidden.push(v));
    expect(hidden).toEqual([]);
  });
});
