/**
 * Vitest global setup of the `s3` project: one moto server (S3 and IAM emulator) on a free loopback
 * port, with request signing enforced so wrong credentials fail as they do on AWS. moto enforces
 * signatures after INITIAL_NO_AUTH_ACTION_COUNT unauthenticated actions; the bootstrap spends
 * exactly those on creating an IAM user with an allow-all policy and an access key, which the tests
 * use (handed over with `inject('s3')`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { REFERENCE_PYTHON, repoRoot, startPeer, type PeerProcess } from './peer-process.js';

export interface S3Peer {
  /** `http://127.0.0.1:<port>`: what MinIO users write in client_parameters.endpoint_url. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The reference venv's python (prefect 3.9.1 + prefect-aws 0.7.12). */
  referencePython: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3Peer;
  }
}

const MOTO = path.join(repoRoot, '.venv-peers/bin/moto_server');
const PEER_PYTHON = path.join(repoRoot, '.venv-peers/bin/python');

// The three IAM calls below; every later request must be signed with the key they create.
const BOOTSTRAP_ACTIONS = 3;
const BOOTSTRAP = `
import boto3, json, sys
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
iam.create_user(UserName="deployer")
iam.put_user_policy(UserName="deployer", PolicyName="all", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="deployer")["AccessKey"]
print(json.dumps({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}))
`;

/**
 * moto_server on a free loopback port, answering; `authActions` turns signature checks on after
 * that many unauthenticated actions (the benchmark runs without).
 */
export async function startMoto(options: { authActions?: number } = {}): Promise<PeerProcess & { endpoint: string }> {
  if (!existsSync(MOTO)) throw new Error(`${MOTO} is missing: run scripts/peers-install.sh`);
  // env(1) gives only moto the setting; startPeer passes the parent environment on unchanged.
  const env = options.authActions === undefined ? [] : [`INITIAL_NO_AUTH_ACTION_COUNT=${options.authActions}`];
  const peer = await startPeer({
    name: 'moto',
    executable: '/usr/bin/env',
    args: (port) => [...env, MOTO, '-H', '127.0.0.1', '-p', String(port)],
    // The moto API does not count as an unauthenticated action.
    ready: async (port) => (await fetch(`http://127.0.0.1:${port}/moto-api/data.json`, { signal: AbortSignal.timeout(2_000) })).ok,
  });
  return { ...peer, endpoint: `http://127.0.0.1:${peer.port}` };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMoto({ authActions: BOOTSTRAP_ACTIONS });
  try {
    const { stdout } = await promisify(execFile)(PEER_PYTHON, ['-c', BOOTSTRAP, moto.endpoint], { timeout: 60_000 });
    const key = JSON.parse(stdout) as { id: string; secret: string };
    project.provide('s3', { endpoint: moto.endpoint, accessKeyId: key.id, secretAccessKey: key.secret, referencePython: REFERENCE_PYTHON });
  } catch (error) {
    await moto.stop();
    throw new Error(`moto bootstrap (IAM user and access key) failed: ${(error as Error).message}`, { cause: error });
  }
  return () => moto.stop();
}
