/**
 * The faults of the reliability suite's fault matrix (issue 7), as the fault proxy injects them in
 * front of moto, and the rules every phase of the matrix shares: how long the clients wait, how
 * fast the app's clock runs, and what counts as a call that reached moto.
 *
 * Each fault comes in the strength that matters: one the SDK's own retries absorb (the app must
 * show nothing), and, where the difference matters, one that outlasts them (the app must retry by
 * itself, or report it with a next step).
 */
import { DEFAULT_MAX_ATTEMPTS } from '../../../src/main/core/aws/clients';
import type { FaultProxy, FaultRule, ProxiedCall } from '../../support/fault-proxy';
import type { ScaledTimers } from './scaled-timers';

/** The app's clock runs this many times faster than the wall clock (see ScaledTimers). */
export const TIME_SCALE = 30;

/**
 * The clients' request timeout in the matrix, and how long a 'timeout' fault holds a request
 * (beyond it). The app's default is 20 s; a short one (an option of createAwsClients) lets "slower
 * than the client waits" take a second or two instead of twenty.
 */
export interface ClientTiming {
  readonly requestTimeoutMs: number;
  readonly slowMs: number;
}

/** A status refresh only reads, and moto answers those at once. */
export const STATUS_TIMING: ClientTiming = { requestTimeoutMs: 1_000, slowMs: 1_500 };
/** An apply's preflight calls ValidateTemplate, which moto answers in up to a second (cfn-lint). */
export const APPLY_TIMING: ClientTiming = { requestTimeoutMs: 2_000, slowMs: 2_600 };

/** "The endpoint disappearing for a minute", on the app's clock. */
export const OUTAGE_APP_MS = 60_000;

export type FaultId =
  | 'throttle'
  | 'throttle-persistent'
  | 'server-error'
  | 'server-error-persistent'
  | 'reset'
  | 'reset-persistent'
  | 'timeout'
  | 'timeout-persistent'
  | 'expired-token'
  | 'outage';

export interface FaultSpec {
  readonly id: FaultId;
  /** How the matrix names it. */
  readonly title: string;
  /**
   * 'within-sdk': fails fewer times than the SDK tries (DEFAULT_MAX_ATTEMPTS), so its retries absorb it;
   * 'beyond-sdk': outlasts them, so the app's own handling shows; 'not-retried': the SDK gives up at once.
   */
  readonly strength: 'within-sdk' | 'beyond-sdk' | 'not-retried';
  /** The proxy rule for calls of `action`; absent for the outage, which takes the whole endpoint down. */
  readonly rule?: (action: string, timing: ClientTiming) => FaultRule;
}

const ATTEMPTS = DEFAULT_MAX_ATTEMPTS;

export const FAULTS: Readonly<Record<FaultId, FaultSpec>> = {
  throttle: {
    id: 'throttle',
    title: 'throttling (Rate exceeded) twice',
    strength: 'within-sdk',
    rule: (action) => ({ action, times: 2, fault: 'throttle' }),
  },
  'throttle-persistent': {
    id: 'throttle-persistent',
    title: `throttling on all ${ATTEMPTS} attempts`,
    strength: 'beyond-sdk',
    rule: (action) => ({ action, times: ATTEMPTS, fault: 'throttle' }),
  },
  'server-error': {
    id: 'server-error',
    title: 'HTTP 500 twice',
    strength: 'within-sdk',
    rule: (action) => ({ action, times: 2, fault: 'server-error' }),
  },
  'server-error-persistent': {
    id: 'server-error-persistent',
    title: `HTTP 500 on all ${ATTEMPTS} attempts`,
    strength: 'beyond-sdk',
    rule: (action) => ({ action, times: ATTEMPTS, fault: 'server-error' }),
  },
  reset: {
    id: 'reset',
    title: 'connection reset twice',
    strength: 'within-sdk',
    rule: (action) => ({ action, times: 2, fault: 'reset' }),
  },
  'reset-persistent': {
    id: 'reset-persistent',
    title: `connection reset on all ${ATTEMPTS} attempts`,
    strength: 'beyond-sdk',
    rule: (action) => ({ action, times: ATTEMPTS, fault: 'reset' }),
  },
  timeout: {
    id: 'timeout',
    title: "one call slower than the client's request timeout",
    strength: 'within-sdk',
    rule: (action, timing) => ({ action, times: 1, fault: 'slow', delayMs: timing.slowMs }),
  },
  'timeout-persistent': {
    id: 'timeout-persistent',
    title: `every attempt slower than the client's request timeout (${ATTEMPTS} attempts)`,
    strength: 'beyond-sdk',
    rule: (action, timing) => ({ action, times: ATTEMPTS, fault: 'slow', delayMs: timing.slowMs }),
  },
  'expired-token': {
    id: 'expired-token',
    title: 'expired credentials (ExpiredToken)',
    strength: 'not-retried',
    rule: (action) => ({ action, times: 1, fault: 'expired-token' }),
  },
  outage: {
    id: 'outage',
    title: 'the endpoint gone for a minute',
    strength: 'beyond-sdk',
  },
};

/**
 * Arms `fault` on calls of `action`. The outage starts at once and lasts OUTAGE_APP_MS on the app's
 * clock, i.e. OUTAGE_APP_MS / TIME_SCALE real milliseconds: 2 s, longer than the SDK's whole retry
 * schedule (at most 50+100+200+400 ms of backoff), so every SDK call in it fails and the app's own
 * waits (on ScaledTimers) carry it through. The promise resolves when the endpoint is back.
 */
export function armFault(
  proxy: FaultProxy,
  fault: FaultSpec,
  action: string,
  timing: ClientTiming,
  timers: Pick<ScaledTimers, 'realMs'>,
): Promise<void> {
  if (fault.rule) {
    proxy.inject(fault.rule(action, timing));
    return Promise.resolve();
  }
  return proxy.down(timers.realMs(OUTAGE_APP_MS));
}

/** moto received the call and answered it with success (faulted calls never reach moto, except 'slow'). */
export function reachedMotoOk(call: ProxiedCall): boolean {
  return call.status >= 200 && call.status < 300 && (call.fault === undefined || call.fault === 'slow');
}

/** Calls of `action` that moto carried out. */
export function motoSucceeded(calls: readonly ProxiedCall[], action: string): number {
  return calls.filter((call) => call.action === action && reachedMotoOk(call)).length;
}
