/** Where a command writes, and the environment it reads (so tests run it in-process). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** A failure the command explains in one line; exit code 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}
