import { main } from '../../src/main/cli/index';

/** Runs the `dedicated-admin` CLI in-process with the current env, capturing what it prints. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    env: process.env,
  });
  return { code, out, err };
}
