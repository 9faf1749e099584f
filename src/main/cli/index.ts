import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppErrorException } from '../core/errors/app-error';
import { redact } from '../core/log/redact';
import { type ApplyDeps, runApply } from './apply-command';
import { CliFailure, type CliIo } from './cli-io';
import { runImport } from './import-command';
import { parseCliArgs, USAGE, UsageError } from './parse-args';
import { runStatus, type StatusDeps } from './status-command';
import { terminalPrompt } from './terminal-prompt';

declare const __APP_VERSION__: string | undefined;

export interface CliDeps {
  /** For tests: the Gitpod test server's CA, which a real run takes from NODE_EXTRA_CA_CERTS. */
  readonly status?: StatusDeps;
  readonly apply?: ApplyDeps;
}

/**
 * Runs the CLI; returns the exit code: 0 all well, 1 a check failed, 2 a usage error (and for
 * apply, 3 cancelled by the admin).
 */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    switch (command.kind) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'development');
        return 0;
      case 'status':
        return await runStatus(command, io, deps.status);
      case 'import':
        return await runImport(command, io);
      case 'apply':
        return await runApply(command, io, deps.apply);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      // Redacted too: a secret pasted into some other flag must not be echoed back.
      io.err(`dedicated-admin: ${redact(error.message)}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppErrorException) {
      const { message, nextStep } = error.appError;
      io.err(`dedicated-admin: ${redact(message)}${nextStep ? `\n  ${redact(nextStep)}` : ''}`);
      return 1;
    }
    if (error instanceof CliFailure) {
      io.err(`dedicated-admin: ${error.message}`);
      return 1;
    }
    // One line, never a stack trace, never a secret.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`dedicated-admin: unexpected failure: ${redact(message).split('\n')[0]}`);
    return 1;
  }
}

/** True when Node runs this file itself (directly or through the npm bin link), not a test. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    isTty: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true },
    ...(process.stdin.isTTY ? { prompt: terminalPrompt(process.stdin, process.stderr) } : {}),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
