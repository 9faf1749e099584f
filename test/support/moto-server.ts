/**
 * Starts moto's standalone server (https://docs.getmoto.org) as a child process so integration
 * tests drive the unmodified AWS SDK v3 over real HTTP, the way the app talks to AWS.
 *
 * Accounts: moto answers as account 123456789012 unless told otherwise. Three ways, in moto's own
 * order of precedence (moto/core/responses.py `get_current_account`, moto 5.2.1):
 *   1. `MOTO_ACCOUNT_ID` in the server's environment (`startMoto({ accountId })`): every request, whatever its
 *      credentials, is that account. It overrides 2 and 3, so use it only for a whole-file single account.
 *   2. An `x-moto-account-id` request header (not reachable through plain SDK credentials).
 *   3. The access key id: keys that moto itself issued (STS AssumeRole, IAM CreateAccessKey) belong to the
 *      account they were issued in. AssumeRole on `arn:aws:iam::<account>:role/<any>` issues keys in
 *      `<account>`, and the role need not exist. `credentialsForAccount` uses this. Any other key
 *      (e.g. the static fake one below) is the default account.
 * `reset()` wipes moto's IAM state, including issued keys, so call `credentialsForAccount` again after it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

export const DEFAULT_ACCOUNT_ID = '123456789012';

/** Static credentials, shaped like the SDK's AwsCredentialIdentity (@aws-sdk/types is not a direct dependency). */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export const MOTO_INSTALL_HINT =
  "Install moto 5.2.1 with: python3 -m venv .venv-moto && .venv-moto/bin/pip install 'moto[server]==5.2.1' " +
  'then set MOTO_PYTHON=.venv-moto/bin/python (or install it into the python3 on PATH).';

export interface MotoServer {
  /** `http://127.0.0.1:<port>`: give it to SDK clients as `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Forget every resource in every account and region (moto's POST /moto-api/reset). */
  reset(): Promise<void>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Sets MOTO_ACCOUNT_ID for the server: every request then acts as this account (see above). */
  readonly accountId?: string;
}

const READY_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 100;
const KILL_GRACE_MS = 3_000;
/** moto (werkzeug) logs every request to stderr; keep only the tail for error messages. */
const STDERR_TAIL_CHARS = 4_000;

export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const python = process.env.MOTO_PYTHON ?? 'python3';
  await assertMotoImportable(python);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...(options.accountId ? { MOTO_ACCOUNT_ID: options.accountId } : {}) };
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A crashed or killed test worker must not leave moto running; kill() is synchronous, as 'exit' needs.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  try {
    await waitUntilAnswering(endpoint, child, () => stderrTail);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await stopChild(child, exited);
    throw error;
  }

  return {
    endpoint,
    port,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset answered HTTP ${response.status}`);
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child, exited);
    },
  };
}

/**
 * SDK client configuration for moto: static fake credentials (moto checks no signature), one attempt
 * so a failure shows at once. Spread `overrides` last, e.g. `{ maxAttempts: 4, retryMode: 'adaptive' }`.
 * S3 clients also want `forcePathStyle: true`, so bucket names stay out of the host name.
 */
export function motoClientConfig<Overrides extends object = Record<never, never>>(
  endpoint: string,
  region = 'us-east-1',
  overrides?: Overrides,
): MotoClientConfig & Overrides {
  return {
    endpoint,
    region,
    credentials: {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    maxAttempts: 1,
    ...(overrides ?? ({} as Overrides)),
  };
}

export interface MotoClientConfig {
  endpoint: string;
  region: string;
  credentials: StaticCredentials;
  maxAttempts: number;
}

/**
 * Credentials that moto treats as `accountId` on every request (see the header comment): the result of
 * assuming a role in that account. Valid until the next `reset()`.
 */
export async function credentialsForAccount(
  endpoint: string,
  accountId: string,
  region = 'us-east-1',
): Promise<StaticCredentials> {
  const sts = new STSClient(motoClientConfig(endpoint, region));
  try {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'dedicated-admin-tests',
      }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
      throw new Error('moto AssumeRole returned no credentials');
    }
    return {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      ...(Credentials.SessionToken ? { sessionToken: Credentials.SessionToken } : {}),
    };
  } finally {
    sts.destroy();
  }
}

async function assertMotoImportable(python: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(python, ['-c', 'import moto.server'], { timeout: 15_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const detail = String(stderr).trim().split('\n').at(-1) || error.message;
      reject(new Error(`moto is not importable with ${python} (${detail}). ${MOTO_INSTALL_HINT}`));
    });
  });
}

/** Binds port 0 to let the OS choose, then frees it for moto (a tiny race we accept in tests). */
export async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  stderrTail: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `moto exited (code ${child.exitCode ?? child.signalCode}) before answering:\n${stderrTail()}`,
      );
    }
    try {
      // Any HTTP answer means werkzeug is serving; the status does not matter.
      await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
  throw new Error(
    `moto did not answer on ${endpoint} within ${READY_TIMEOUT_MS} ms. stderr tail:\n${stderrTail()}`,
  );
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
