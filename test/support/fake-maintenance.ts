import type { MaintenancePort, MaintenanceSwitchName } from '../../src/main/core/apply/run/run-ports';
import type { AppError, Result } from '../../src/shared/errors';

/**
 * Gitpod's two maintenance switches for apply-run tests: state, a log of every call in order
 * (interleaved with the run's AWS calls through `log`), and failures on demand.
 */
export class FakeMaintenance implements MaintenancePort {
  readonly state = { notice: false, mode: false };
  noticeText: string | undefined;
  /** Calls in order, e.g. `isOn:notice`, `set:mode:on`. Tests may push their own entries. */
  readonly log: string[];
  /** Fails the next call whose log entry starts with the key, `times` times. */
  private readonly failures = new Map<string, number>();
  /** Runs after a set took effect and before it returns: a test "crashes" the runner here. */
  afterSet: ((which: MaintenanceSwitchName, on: boolean) => void) | undefined;

  constructor(log: string[] = []) {
    this.log = log;
  }

  fail(prefix: string, times = 1): void {
    this.failures.set(prefix, times);
  }

  async isOn(_cell: unknown, which: MaintenanceSwitchName): Promise<Result<boolean>> {
    const entry = `isOn:${which}`;
    this.log.push(entry);
    const failure = this.failure(entry);
    if (failure) return { ok: false, error: failure };
    return { ok: true, value: this.state[which] };
  }

  async set(_cell: unknown, which: MaintenanceSwitchName, on: boolean, text?: string): Promise<Result<void>> {
    const entry = `set:${which}:${on ? 'on' : 'off'}`;
    this.log.push(entry);
    const failure = this.failure(entry);
    if (failure) return { ok: false, error: failure };
    this.state[which] = on;
    if (which === 'notice') this.noticeText = on ? text : undefined;
    this.afterSet?.(which, on);
    return { ok: true, value: undefined };
  }

  private failure(entry: string): AppError | undefined {
    for (const [prefix, times] of this.failures) {
      if (!entry.startsWith(prefix) || times <= 0) continue;
      this.failures.set(prefix, times - 1);
      return {
        code: 'unreachable',
        message: 'gitpod.example.com could not be reached.',
        nextStep: 'Check the VPN.',
      };
    }
    return undefined;
  }
}
