/**
 * IPC fuzzing (issue 7, reliability suite): thousands of malformed, oversized and hostile
 * payloads, seeded so every run sends the same ones, against every invoke channel of the
 * contract, through the real registry and the real handlers over a real CoreRuntime, and through
 * the Electron binding with the typed ipcMain mock. Every handler is wrapped, so "no handler
 * ran" is observed, not assumed. The payloads come from an independent model of the contract
 * (support/contract-model.ts): where the contract is looser than the model, this suite fails.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindIpcMain } from '../../src/main/ipc/bind-ipc-main';
import { APP_ORIGIN } from '../../src/main/security/app-protocol-path';
import { appErrorSchema, type Result } from '../../src/shared/errors';
import { listInvokeChannels } from '../../src/shared/ipc/contract';
import { ipcMain, resetElectronMock } from '../mocks/electron';
import { CHANNEL_MODELS } from './support/contract-model';
import { SeededRandom } from './support/fuzz-random';
import { type FuzzTarget, openFuzzTarget } from './support/fuzz-runtime';
import {
  type HostilePayload,
  hostilePayloads,
  type PayloadFamily,
  SECRET_PROBE,
  validRequest,
} from './support/hostile-payloads';
import { recordTally } from './support/tally';

const SEED = 0x7e1ab1e;
/** Random near-valid payloads per channel, on top of the fixed malformed/oversized/prototype sets. */
const RANDOM_PER_CHANNEL = 140;
/** No single payload may hold the registry this long (a catastrophic regex would). */
const SLOWEST_DISPATCH_MS = 2_000;
const FAMILIES: readonly PayloadFamily[] = [
  'malformed',
  'oversized',
  'prototype',
  'wrong-type',
  'extra-key',
  'unicode',
  'near-valid',
];

interface Outcome {
  readonly channel: string;
  readonly family: PayloadFamily;
  readonly label: string;
  readonly result: Result<unknown> | null;
  readonly threw: string | null;
  readonly ms: number;
}

const channels = listInvokeChannels().map((entry) => entry.spec);
const outcomes: Outcome[] = [];
const crashes: string[] = [];
let target: FuzzTarget;
let runsAfterFuzz = -1;
let osCallsAfterFuzz: string[] = [];
let prototypesBefore: Record<string, string[]>;
const binding = { payloads: 0, refused: 0, rejected: 0 };

function prototypeKeys(): Record<string, string[]> {
  return {
    Object: Object.getOwnPropertyNames(Object.prototype).sort(),
    Array: Object.getOwnPropertyNames(Array.prototype).sort(),
    Function: Object.getOwnPropertyNames(Function.prototype).sort(),
    String: Object.getOwnPropertyNames(String.prototype).sort(),
  };
}

const onCrash = (error: unknown): void => {
  crashes.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
};

async function send(channel: string, hostile: HostilePayload): Promise<Outcome> {
  const started = performance.now();
  try {
    const result = await target.registry.dispatch(channel, hostile.payload);
    return {
      channel,
      family: hostile.family,
      label: hostile.label,
      result,
      threw: null,
      ms: performance.now() - started,
    };
  } catch (error) {
    const threw = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      channel,
      family: hostile.family,
      label: hostile.label,
      result: null,
      threw,
      ms: performance.now() - started,
    };
  }
}

/** Why an answer is not a clean validation refusal, or null when it is one. */
function notRejected(result: Result<unknown> | null, code: string): string | null {
  if (result === null) return 'dispatch threw';
  if (result.ok) return 'accepted';
  if (Object.keys(result).sort().join() !== 'error,ok') return 'extra keys beside ok and error';
  if (!appErrorSchema.safeParse(result.error).success) return 'error is not an AppError';
  return result.error.code === code ? null : `answered ${result.error.code}`;
}

function summarise(problems: readonly string[]): string {
  return `${problems.length} problem(s):\n${problems.slice(0, 15).join('\n')}`;
}

beforeAll(async () => {
  prototypesBefore = prototypeKeys();
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  target = await openFuzzTarget();
  const rnd = new SeededRandom(SEED);
  for (const spec of channels) {
    const model = CHANNEL_MODELS[spec.channel];
    if (!model) continue; // The coverage test names it.
    for (const hostile of hostilePayloads(model, rnd, RANDOM_PER_CHANNEL)) {
      outcomes.push(await send(spec.channel, hostile));
    }
  }
  // Let anything a stray handler might have started settle before the counts are read.
  await new Promise((resolve) => setTimeout(resolve, 20));
  runsAfterFuzz = target.registry.totalRuns();
  osCallsAfterFuzz = [...target.osCalls];
}, 120_000);

afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  const rejected = outcomes.filter(
    (outcome) => notRejected(outcome.result, 'invalid-request') === null,
  ).length;
  recordTally('ipc-fuzz', {
    suite: 'IPC fuzzing',
    counts: {
      channels: channels.length,
      payloads: outcomes.length + binding.payloads,
      rejected: rejected + binding.rejected,
      untrustedSenderRefused: binding.refused,
      handlerRuns: runsAfterFuzz,
    },
    summary: `${(outcomes.length + binding.payloads).toLocaleString('en-US')} hostile payloads on ${channels.length} channels: ${(rejected + binding.rejected + binding.refused).toLocaleString('en-US')} refused, ${runsAfterFuzz} handler runs`,
  });
  await target?.close();
});

describe('test/reliability/ipc-fuzz', () => {
  it('models every invoke channel, and the contract accepts the requests the model calls valid', () => {
    const problems: string[] = [];
    const rnd = new SeededRandom(SEED + 1);
    for (const spec of channels) {
      const model = CHANNEL_MODELS[spec.channel];
      if (!model) {
        problems.push(`${spec.channel}: no model in support/contract-model.ts`);
        continue;
      }
      if (!target.registry.has(spec.channel)) problems.push(`${spec.channel}: no handler registered`);
      for (let i = 0; i < 25; i++) {
        const parsed = spec.request.safeParse(validRequest(model, rnd));
        if (!parsed.success)
          problems.push(`${spec.channel}: a valid request was refused (${parsed.error.issues[0]?.code})`);
      }
    }
    expect(problems, summarise(problems)).toEqual([]);
    expect(Object.keys(CHANNEL_MODELS).sort()).toEqual(channels.map((spec) => spec.channel).sort());
  });

  it('sends thousands of payloads, every family to every channel that takes a request', () => {
    expect(outcomes.length).toBeGreaterThan(5_000);
    const missing: string[] = [];
    for (const spec of channels) {
      const families = new Set(outcomes.filter((o) => o.channel === spec.channel).map((o) => o.family));
      const expected: readonly PayloadFamily[] =
        CHANNEL_MODELS[spec.channel]?.kind === 'none' ? ['malformed', 'oversized', 'prototype'] : FAMILIES;
      for (const family of expected) if (!families.has(family)) missing.push(`${spec.channel}: no ${family}`);
    }
    expect(missing, summarise(missing)).toEqual([]);
  });

  it('rejects every one of them as invalid-request, in the AppError shape of the contract', () => {
    const problems = outcomes.flatMap((outcome) => {
      const why = notRejected(outcome.result, 'invalid-request');
      return why ? [`${outcome.channel} [${outcome.family}] ${outcome.label}: ${why}`] : [];
    });
    expect(problems, summarise(problems)).toEqual([]);
  });

  it('runs no handler body and reaches no OS edge for any of them', () => {
    expect(runsAfterFuzz).toBe(0);
    expect(osCallsAfterFuzz).toEqual([]);
  });

  it('never throws out of dispatch, never crashes the process, and stays fast on every payload', () => {
    expect(
      outcomes.filter((o) => o.threw !== null).map((o) => `${o.channel} ${o.label}: ${o.threw}`),
    ).toEqual([]);
    expect(crashes).toEqual([]);
    const slow = outcomes
      .filter((o) => o.ms > SLOWEST_DISPATCH_MS)
      .map((o) => `${o.channel} ${o.label}: ${Math.round(o.ms)} ms`);
    expect(slow).toEqual([]);
  });

  it('never repeats a planted secret in an error or a log line', () => {
    const inErrors = outcomes
      .filter((o) => JSON.stringify(o.result ?? o.threw).includes(SECRET_PROBE))
      .map((o) => `${o.channel} [${o.family}] ${o.label}`);
    expect(inErrors, summarise(inErrors)).toEqual([]);
    const inLogs = target.logger.lines
      .filter((line) => line.message.includes(SECRET_PROBE))
      .map((line) => line.message.slice(0, 200));
    expect(inLogs, summarise(inLogs)).toEqual([]);
  });

  it('leaves Object.prototype, Array.prototype, Function.prototype and String.prototype unpolluted', () => {
    expect(prototypeKeys()).toEqual(prototypesBefore);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
  });

  it('still answers valid requests afterwards, and the spy sees those handlers run', async () => {
    const valid: Array<[string, unknown]> = [
      ['app:get-info', undefined],
      ['status:get', undefined],
      ['cells:list', undefined],
      ['updates:list', undefined],
      ['preferences:get', undefined],
      ['app-status:get', undefined],
      ['apply:list', undefined],
      ['app:open-external', { url: 'https://www.gitpod.io/docs' }],
    ];
    for (const [channel, payload] of valid) {
      const before = target.registry.runs.get(channel) ?? 0;
      const result = await target.registry.dispatch(channel, payload);
      expect(result.ok, `${channel}: ${JSON.stringify(result).slice(0, 300)}`).toBe(true);
      expect(target.registry.runs.get(channel)).toBe(before + 1);
    }
    const cells = await target.registry.dispatch('cells:list', undefined);
    expect(cells).toMatchObject({ ok: true, value: { cells: [{ cell: { name: 'prod' } }] } });
    expect(target.osCalls).toEqual(['open https://www.gitpod.io/docs']);
  });
});

// ── The Electron binding: who may call, and what they may send ─────────────────────────

const TRUSTED_FRAME = { url: 'app://dashboard/index.html', parent: null };
const UNTRUSTED_FRAMES: ReadonlyArray<[string, { url: string; parent: unknown } | null]> = [
  ['a subframe of the dashboard', { url: 'app://dashboard/index.html', parent: TRUSTED_FRAME }],
  ['a web page', { url: 'https://evil.example/', parent: null }],
  ['another app host', { url: 'app://evil/index.html', parent: null }],
  ['a look-alike host', { url: 'app://dashboard.evil/index.html', parent: null }],
  ['a host ending in dashboard', { url: 'app://evil.dashboard/index.html', parent: null }],
  ['the app host on a port', { url: 'app://dashboard:444/index.html', parent: null }],
  ['http with the app host', { url: 'http://dashboard/index.html', parent: null }],
  ['https with the app host', { url: 'https://dashboard/index.html', parent: null }],
  ['a file: page', { url: 'file:///tmp/index.html', parent: null }],
  ['a data: page', { url: 'data:text/html,<script>1</script>', parent: null }],
  ['about:blank', { url: 'about:blank', parent: null }],
  ['a javascript: URL', { url: 'javascript:alert(1)', parent: null }],
  [
    'a blob: URL of the app',
    { url: 'blob:app://dashboard/6f1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d11', parent: null },
  ],
  ['devtools', { url: 'devtools://devtools/bundled/inspector.html', parent: null }],
  ['an extension', { url: 'chrome-extension://abcdefghijklmnop/index.html', parent: null }],
  ['a NUL in the host', { url: 'app://dashboard\u0000.evil/index.html', parent: null }],
  ['an empty URL', { url: '', parent: null }],
  ['an unparsable URL', { url: '::not a url::', parent: null }],
  ['a frame with no parent field', { url: 'app://dashboard/index.html', parent: undefined }],
  ['a destroyed frame (null)', null],
];

function eventFrom(senderFrame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { senderFrame } as unknown as IpcMainInvokeEvent;
}

async function invoke(
  channel: string,
  event: IpcMainInvokeEvent,
  payload: unknown,
): Promise<Result<unknown>> {
  const listener = ipcMain.handlers.get(channel);
  if (!listener) throw new Error(`no ipcMain handler for ${channel}`);
  return (await listener(event, payload)) as Result<unknown>;
}

describe('test/reliability/ipc-fuzz: the Electron binding', () => {
  let dispose: () => void = () => undefined;

  beforeAll(() => {
    resetElectronMock();
    dispose = bindIpcMain(ipcMain, target.registry, [APP_ORIGIN], target.logger);
  });

  afterAll(() => dispose());

  it('binds exactly the contract channels to ipcMain', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channels.map((spec) => spec.channel).sort());
  });

  it('refuses every channel from every untrusted frame, even with a valid request, and runs no handler', async () => {
    const rnd = new SeededRandom(SEED + 2);
    const runsBefore = target.registry.totalRuns();
    const problems: string[] = [];
    for (const spec of channels) {
      const model = CHANNEL_MODELS[spec.channel];
      if (!model) continue;
      for (const [name, frame] of UNTRUSTED_FRAMES) {
        binding.payloads += 1;
        const why = notRejected(
          await invoke(spec.channel, eventFrom(frame), validRequest(model, rnd)),
          'untrusted-sender',
        );
        if (why) problems.push(`${spec.channel} from ${name}: ${why}`);
        else binding.refused += 1;
      }
    }
    expect(problems, summarise(problems)).toEqual([]);
    expect(target.registry.totalRuns()).toBe(runsBefore);
  });

  it('rejects hostile payloads from the trusted dashboard frame as invalid-request, and runs no handler', async () => {
    const rnd = new SeededRandom(SEED + 3);
    const runsBefore = target.registry.totalRuns();
    const problems: string[] = [];
    for (const spec of channels) {
      const model = CHANNEL_MODELS[spec.channel];
      if (!model) continue;
      // The oversized values in every field were sent above already; here the whole-payload ones.
      const sample = hostilePayloads(model, rnd, 10).filter(
        (hostile) => hostile.family !== 'oversized' || hostile.label.startsWith('payload:'),
      );
      for (const hostile of sample) {
        binding.payloads += 1;
        const why = notRejected(
          await invoke(spec.channel, eventFrom(TRUSTED_FRAME), hostile.payload),
          'invalid-request',
        );
        if (why) problems.push(`${spec.channel} [${hostile.family}] ${hostile.label}: ${why}`);
        else binding.rejected += 1;
      }
    }
    expect(problems, summarise(problems)).toEqual([]);
    expect(target.registry.totalRuns()).toBe(runsBefore);
  }, 30_000);

  it('answers a valid request from the trusted dashboard frame', async () => {
    const result = await invoke('status:get', eventFrom(TRUSTED_FRAME), undefined);
    expect(result).toMatchObject({ ok: true, value: { state: expect.any(String) } });
  });
});
