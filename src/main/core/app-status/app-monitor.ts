import {
  type AppOrganization,
  type AppProblem,
  type CellAppStatus,
  MAX_NOTICE_LENGTH,
  type PollMode,
  STATUS_HISTORY_ENTRIES,
  TOKEN_HOW_TO,
} from '../../../shared/app-status/app-status';
import { describeError, type Logger } from '../log/logger';
import type { TimerPort } from '../refresh/timers';
import { type AppStatusEvent, type AppStatusNotice, noticeForAppEvent } from './app-events';
import { currentVersion, type LastMaintenance, recordMaintenance, recordVersion } from './app-history';
import type { AppHistoryStore } from './app-history-store';
import {
  DEFAULT_OUTAGE_AFTER,
  INITIAL_REACHABILITY,
  maintenanceEvents,
  nextReachability,
  type Reachability,
} from './app-transitions';
import { type CellClient, createCellClient } from './gitpod-api';
import { cellOrigin, GitpodHttp, type GitpodHttpOptions } from './gitpod-http';
import { resolveOrganization } from './organization';
import {
  MAX_BACKOFF_MS,
  nextPollDelayMs,
  type PollIntervals,
  pollIntervals,
  TRIGGER_GAP_MS,
} from './poll-schedule';
import { isAccessProblem, problem, scrub } from './problems';
import { isUsableToken, type TokenVault } from './token-vault';

/** The cell as the monitor needs it. */
export interface CellAppTarget {
  readonly cellId: string;
  readonly name: string;
  /** The cell's web host as stored (gitpod.example.com); an `http:` address is refused. */
  readonly domain: string;
  /** The organization to read maintenance for; found through ListOrganizations when absent. */
  readonly organizationId?: string;
}

/** What asks for a check now, besides the interval. */
export type AppCheckTrigger = 'wake' | 'network' | 'token' | 'settings' | 'manual';

export interface CellAppMonitorOptions {
  readonly tokens: TokenVault;
  readonly history: AppHistoryStore;
  readonly timers: TimerPort;
  readonly logger: Logger;
  /** Builds the client for the cell's origin; by default real HTTPS with `http`. */
  readonly createClient?: (origin: URL) => CellClient;
  readonly http?: GitpodHttpOptions;
  readonly mode?: PollMode;
  readonly intervals?: Partial<PollIntervals>;
  readonly maxBackoffMs?: number;
  /** Failed checks in a row that make an outage (2: one failed check is not an outage). */
  readonly outageAfter?: number;
  readonly onStatus?: (status: CellAppStatus) => void;
  readonly onNotice?: (notice: AppStatusNotice) => void;
}

function defaultClient(http: GitpodHttpOptions | undefined): (origin: URL) => CellClient {
  return (origin) => createCellClient(new GitpodHttp(origin, http));
}

/**
 * Watches one cell's application: version and health on an interval, maintenance when a token
 * is stored, and the changes between checks as notices. Checks never overlap; a check asked
 * for while one runs follows it. Nothing here throws at the caller: failures are states.
 */
export class CellAppMonitor {
  private readonly client: CellClient | null;
  private readonly configProblem: AppProblem | null;
  private readonly timers: TimerPort;
  private readonly logger: Logger;
  private readonly outageAfter: number;
  private readonly maxBackoffMs: number;
  private mode: PollMode;
  private intervals: PollIntervals;
  private organizationId: string | undefined;

  private reach: Reachability = INITIAL_REACHABILITY;
  private lastProblem: AppProblem | null = null;
  private responseMs: number | null = null;
  private checkedAt: string | null = null;
  private dedicated: boolean | null = null;
  private maintenance: boolean | null = null;
  private notice: string | null = null;
  private needsToken = false;
  private maintenanceProblem: AppProblem | null = null;
  private maintenanceCheckedAt: string | null = null;
  private organization: AppOrganization | null = null;

  private started = false;
  private running: Promise<CellAppStatus> | null = null;
  private timer: unknown;
  private nextAt: number | null = null;
  private lastStartAt: number | null = null;
  private triggered = false;

  constructor(
    private readonly target: CellAppTarget,
    private readonly options: CellAppMonitorOptions,
  ) {
    this.timers = options.timers;
    this.logger = options.logger;
    this.outageAfter = options.outageAfter ?? DEFAULT_OUTAGE_AFTER;
    this.maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
    this.mode = options.mode ?? 'tray';
    this.intervals = pollIntervals(options.intervals);
    this.organizationId = target.organizationId;
    const origin = cellOrigin(target.domain);
    if (origin.ok) {
      this.client = (options.createClient ?? defaultClient(options.http))(origin.value);
      this.configProblem = null;
    } else {
      this.client = null;
      this.configProblem = origin.problem;
    }
  }

  get cellId(): string {
    return this.target.cellId;
  }

  /** Checks at once, then on the interval until `stop`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.arm();
  }

  /** No further checks; one already running still finishes and reports. */
  stop(): void {
    this.started = false;
    this.disarm();
  }

  setMode(mode: PollMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.arm();
    this.publish();
  }

  setIntervals(intervals: Partial<PollIntervals>): void {
    this.intervals = pollIntervals({ ...this.intervals, ...intervals });
    this.arm();
    this.publish();
  }

  /** Checks now (or right after the running check), whatever the backoff says. */
  trigger(reason: AppCheckTrigger): void {
    if (!this.started) return;
    this.logger.debug(`app-status: ${this.target.name}: check asked for (${reason}).`);
    this.triggered = true;
    this.arm();
  }

  /** The stored token changed: forget what the old one found, and check again. */
  tokenChanged(): void {
    this.organization = null;
    this.maintenanceProblem = null;
    this.needsToken = false;
    this.trigger('token');
  }

  /** Another organization to follow (undefined: find it through the token). */
  setOrganization(organizationId: string | undefined): void {
    this.organizationId = organizationId;
    this.organization = null;
    this.trigger('settings');
  }

  /** Runs a check now (or joins the running one) and resolves with the status after it. */
  checkNow(): Promise<CellAppStatus> {
    return this.running ?? this.run();
  }

  /** Resolves when no check is running. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  status(): CellAppStatus {
    const record = this.options.history.get(this.target.cellId);
    const current = currentVersion(record);
    return {
      cellId: this.target.cellId.slice(0, 64),
      name: this.target.name.slice(0, 100) || 'cell',
      domain: this.client?.host ?? (this.target.domain.slice(0, 253) || null),
      version: current?.version ?? null,
      versionSince: current?.since ?? null,
      reachable: this.reach.reachable,
      failedChecks: Math.min(this.reach.failedChecks, 100_000),
      unreachableSince: this.reach.reachable === false ? this.reach.failingSince : null,
      problem: this.configProblem ?? this.lastProblem,
      responseMs: this.responseMs,
      checkedAt: this.checkedAt,
      dedicated: this.dedicated,
      maintenance: this.maintenance,
      maintenanceNotice: this.notice,
      maintenanceNeedsToken: this.needsToken,
      maintenanceProblem: this.maintenanceProblem,
      maintenanceCheckedAt: this.maintenanceCheckedAt,
      organization: this.organization,
      history: {
        versions: record.versions.slice(-STATUS_HISTORY_ENTRIES),
        maintenance: record.maintenance.slice(-STATUS_HISTORY_ENTRIES),
      },
      checking: this.running !== null,
      nextCheckAt: this.nextAt === null ? null : new Date(this.nextAt).toISOString(),
    };
  }

  private isoNow(): string {
    return new Date(this.timers.now()).toISOString();
  }

  /** (Re)sets the one timer for the next check, or starts it now when it is due. */
  private arm(): void {
    this.disarm();
    if (!this.started || this.running !== null || this.client === null) return;
    const now = this.timers.now();
    let at = now;
    if (this.lastStartAt !== null) {
      at =
        this.lastStartAt +
        nextPollDelayMs(this.mode, this.intervals, this.reach.failedChecks, this.maxBackoffMs);
      if (this.triggered) at = Math.min(at, this.lastStartAt + TRIGGER_GAP_MS);
    }
    if (at <= now) {
      void this.run();
      return;
    }
    this.nextAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.nextAt = null;
      this.arm();
    }, at - now);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = null;
  }

  private run(): Promise<CellAppStatus> {
    this.disarm();
    this.lastStartAt = this.timers.now();
    this.triggered = false;
    const run = (async (): Promise<CellAppStatus> => {
      try {
        await this.check();
      } catch (error) {
        this.logger.error(
          `app-status: ${this.target.name}: the check failed unexpectedly (${describeError(error)}).`,
        );
      }
      this.running = null;
      this.arm();
      const status = this.status();
      this.options.onStatus?.(status);
      return status;
    })();
    this.running = run;
    this.publish();
    return run;
  }

  private publish(): void {
    this.options.onStatus?.(this.status());
  }

  private async check(): Promise<void> {
    const client = this.client;
    if (client === null) return;
    const [version, health] = await Promise.all([client.version(), client.health()]);
    const at = this.isoNow();
    const events: AppStatusEvent[] = [];
    const failure = !version.ok ? version.problem : !health.ok ? health.problem : null;
    const step = nextReachability(
      this.reach,
      { problem: failure, version: version.ok ? version.value.version : null },
      at,
      this.outageAfter,
    );
    this.reach = step.state;
    if (step.event !== null) events.push(step.event);
    this.lastProblem = failure;
    this.checkedAt = at;
    if (failure !== null) {
      this.logger.info(
        `app-status: ${this.target.name}: check ${this.reach.failedChecks} failed: ${failure.message}`,
      );
    }

    if (version.ok) {
      this.responseMs = version.value.ms;
      const noted = recordVersion(this.options.history.get(this.target.cellId), version.value.version, at);
      if (noted.changed) {
        await this.options.history.update(this.target.cellId, () => noted.record);
        this.logger.info(`app-status: ${this.target.name} runs ${version.value.version}.`);
      }
      if (noted.previous !== null) {
        events.push({ kind: 'version-changed', from: noted.previous, to: version.value.version });
      }
    }

    if (failure === null) {
      if (this.dedicated === null) await this.confirmDedicated(client);
      events.push(...(await this.readMaintenance(client, at)));
    }
    this.announce(events, at);
  }

  private async confirmDedicated(client: CellClient): Promise<void> {
    const answer = await client.isDedicated();
    if (!answer.ok) {
      this.logger.info(
        `app-status: ${this.target.name}: installation type unknown: ${answer.problem.message}`,
      );
      return;
    }
    this.dedicated = answer.value;
    if (!answer.value) {
      this.logger.warn(
        `app-status: ${this.target.name}: ${client.host} does not say it is a Dedicated installation.`,
      );
    }
  }

  private unknownMaintenance(found: AppProblem): AppStatusEvent[] {
    this.maintenanceProblem = found;
    // Token and organization problems make maintenance unknown; a passing failure (a timeout)
    // keeps the last reading, with its time, rather than blanking the Overview.
    if (isAccessProblem(found.kind)) {
      this.maintenance = null;
      this.notice = null;
    }
    return [];
  }

  private async readMaintenance(client: CellClient, at: string): Promise<AppStatusEvent[]> {
    let token: string | null;
    try {
      token = await this.options.tokens.get(this.target.cellId);
    } catch (error) {
      this.logger.warn(
        `app-status: ${this.target.name}: the token could not be read (${describeError(error)}).`,
      );
      return this.unknownMaintenance(
        problem(
          'token-missing',
          'The personal access token could not be read from the keychain.',
          TOKEN_HOW_TO,
        ),
      );
    }
    this.needsToken = token === null;
    if (token === null) {
      return this.unknownMaintenance(
        problem('token-missing', 'Maintenance status needs a Gitpod personal access token.', TOKEN_HOW_TO),
      );
    }
    if (!isUsableToken(token)) {
      return this.unknownMaintenance(
        problem(
          'token-rejected',
          'The stored personal access token is not a valid token.',
          TOKEN_HOW_TO,
          'format',
        ),
      );
    }
    if (this.organization === null) {
      const found = await resolveOrganization(client, token, this.organizationId);
      if (!found.ok) return this.unknownMaintenance(found.problem);
      this.organization = found.value;
    }
    const organizationId = this.organization.id;
    const [mode, notification] = await Promise.all([
      client.maintenanceMode(token, organizationId),
      client.maintenanceNotification(token, organizationId),
    ]);
    if (!mode.ok || !notification.ok) {
      let found = !mode.ok ? mode.problem : (notification as { problem: AppProblem }).problem;
      if (found.code === 'not_found' || found.code === 'invalid_argument') {
        found = problem(
          'organization-needed',
          `${client.host} does not know the organization ${organizationId} (${found.code}).`,
          'Check the organization in the cell’s settings, or leave it empty to use the only one the token sees.',
          found.code,
        );
      }
      // Found again next time: the token, or its organizations, may change.
      if (isAccessProblem(found.kind)) this.organization = null;
      return this.unknownMaintenance(found);
    }
    // The notice is the admins' own text, but it is shown everywhere: it must not carry the token either.
    const reading: LastMaintenance = {
      on: mode.value,
      notice: notification.value.enabled
        ? scrub(notification.value.message ?? '', token).slice(0, MAX_NOTICE_LENGTH)
        : null,
    };
    this.maintenance = reading.on;
    this.notice = reading.notice;
    this.maintenanceProblem = null;
    this.maintenanceCheckedAt = at;
    const previous = this.options.history.get(this.target.cellId).lastMaintenance;
    await this.options.history.update(this.target.cellId, (record) => recordMaintenance(record, reading, at));
    return maintenanceEvents(previous, reading);
  }

  private announce(events: readonly AppStatusEvent[], at: string): void {
    const cell = { cellId: this.target.cellId, name: this.target.name, domain: this.client?.host ?? '' };
    for (const event of events) {
      const notification = noticeForAppEvent(cell, event, at);
      this.logger.info(`app-status: ${notification.title}`);
      this.options.onNotice?.({ cellId: this.target.cellId, event, notification, at });
    }
  }
}
