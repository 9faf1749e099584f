import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { PromptAborted } from './cli-io';

/**
 * Asks on the terminal. The question goes to stderr, so stdout can be piped to a log without
 * losing the questions. A hidden answer is read with the echo sent nowhere: the characters
 * typed never reach the screen, the scrollback or a log.
 */
export function terminalPrompt(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): (question: string, options?: { readonly hidden?: boolean }) => Promise<string> {
  return (question, options = {}) =>
    new Promise<string>((resolve, reject) => {
      let muted = false;
      const echo = new Writable({
        write(chunk: Buffer | string, _encoding, callback): void {
          if (!muted) output.write(chunk);
          callback();
        },
      });
      const rl = createInterface({ input, output: echo, terminal: Boolean(input.isTTY) });
      let answered = false;
      rl.on('SIGINT', () => {
        rl.close();
      });
      rl.on('close', () => {
        if (muted) output.write('\n');
        if (!answered) reject(new PromptAborted('no answer was given'));
      });
      rl.question(question, (answer) => {
        answered = true;
        rl.close();
        resolve(answer);
      });
      // After the question is on screen: from here on, what readline echoes is the answer.
      if (options.hidden) muted = true;
    });
}
