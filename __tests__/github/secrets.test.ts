import { describe, expect, it } from 'vitest';
import { Secrets } from '../../src/github/secrets.js';
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
});
