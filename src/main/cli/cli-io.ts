/** Where a command writes, and the environment it reads (so tests run it in-process). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /**
   * Asks the admin and resolves with the answer (without its line break). `hidden`: the answer
   * is not echoed (NoEcho parameters). Rejects with PromptAborted when the admin ends the input
   * (Ctrl-C, Ctrl-D). Absent: nothing can be asked, as when stdin is not a terminal.
   */
  prompt?(question: string, options?: { readonly hidden?: boolean }): Promise<string>;
  /**
   * Whether stdin (someone can answer) and stdout (a line can be redrawn) are terminals.
   * Absent: neither.
   */
  isTty?: { readonly stdin: boolean; readonly stdout: boolean };
}

/** A failure the command explains in one line; exit code 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/** The admin ended the input at a question (Ctrl-C, Ctrl-D) instead of answering. */
export class PromptAborted extends Error {
  override readonly name = 'PromptAborted';
}
