import { z } from 'zod';
import { appInfoSchema, preferencesSchema } from '../app-info';
import {
  appStatusStateSchema,
  checkNowRequestSchema,
  clearTokenRequestSchema,
  setTokenRequestSchema,
} from '../app-status/app-status-ipc';
import {
  applyStackRefSchema,
  applyStartRequestSchema,
  applyStateSchema,
  reviewExportRequestSchema,
  runExportRequestSchema,
  savedFileSchema,
} from '../apply/apply-ipc';
import { changeSetReviewSchema } from '../apply/review';
import {
  applyConfirmationRequestSchema,
  applyInputRequestSchema,
  applyRecoveryRequestSchema,
  applyRunRefSchema,
  applyRunViewSchema,
} from '../apply/run';
import { cellDraftSchema, cellSchema } from '../cells/cell';
import {
  cellIdRequestSchema,
  cellsStateSchema,
  checkRequestSchema,
  discoverRequestSchema,
  eventsRequestSchema,
} from '../cells/cells-state';
import { discoveryReportSchema } from '../cells/discovery';
import { awsSetupSchema } from '../cells/profiles';
import { stackEventsSchema } from '../cells/stack-events';
import { monitoringSettingsSchema } from '../monitoring-settings';
import { statusSnapshotSchema } from '../status';
import { importOutcomeSchema, updatesStateSchema } from '../updates/pending-update';
import { calendarSavedSchema, importRequestSchema, updateIdRequestSchema } from '../updates/update-ipc';
import { snoozeRequestSchema } from '../updates/update-requests';
import { navigationTargetSchema } from '../views';

/**
 * The IPC contract: every channel between the dashboard and main, with the schema of what
 * each side sends. Main validates requests against it, the preload derives its named methods
 * from it, and the renderer's API type is derived from it, so the three cannot drift.
 *
 * Channel names are `area:kebab-case`, the area in kebab case too (`appStatus` →
 * `app-status:get`). Adding a channel here is the only way to add one.
 */

export interface InvokeSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly channel: string;
  readonly request: Req;
  readonly response: Res;
}

export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly channel: string;
  readonly payload: Payload;
}

function invoke<Req extends z.ZodType, Res extends z.ZodType>(
  channel: string,
  request: Req,
  response: Res,
): InvokeSpec<Req, Res> {
  return { channel, request, response };
}

function event<Payload extends z.ZodType>(channel: string, payload: Payload): EventSpec<Payload> {
  return { channel, payload };
}

/** Methods that take no argument accept exactly `undefined`: anything else is a malformed call. */
const noPayload = z.undefined();
const opened = z.object({ opened: z.literal(true) }).strict();

export const ipcContract = {
  app: {
    getInfo: invoke('app:get-info', noPayload, appInfoSchema),
    /** Opens an https: link in the user's browser; main refuses every other scheme. */
    openExternal: invoke(
      'app:open-external',
      z.object({ url: z.string().min(1).max(2048) }).strict(),
      opened,
    ),
    openLogFolder: invoke('app:open-log-folder', noPayload, opened),
  },
  status: {
    get: invoke('status:get', noPayload, statusSnapshotSchema),
    checkNow: invoke('status:check-now', noPayload, statusSnapshotSchema),
  },
  aws: {
    /** Profiles (names and kinds only, never a secret), regions and defaults, read afresh. */
    getSetup: invoke('aws:get-setup', noPayload, awsSetupSchema),
  },
  cells: {
    list: invoke('cells:list', noPayload, cellsStateSchema),
    /** Who the profile is in that region, and the stacks that look like a cell's. Reads only. */
    discover: invoke('cells:discover', discoverRequestSchema, discoveryReportSchema),
    add: invoke('cells:add', cellDraftSchema, cellsStateSchema),
    update: invoke('cells:update', cellSchema, cellsStateSchema),
    remove: invoke('cells:remove', cellIdRequestSchema, cellsStateSchema),
    /** Checks one cell, or every cell when no id is given. */
    check: invoke('cells:check', checkRequestSchema, cellsStateSchema),
    /** The newest events of one of the cell's stacks (one DescribeStackEvents page). */
    events: invoke('cells:events', eventsRequestSchema, stackEventsSchema),
    dismissNotice: invoke('cells:dismiss-notice', noPayload, cellsStateSchema),
  },
  updates: {
    list: invoke('updates:list', noPayload, updatesStateSchema),
    /** Imports one or two templates (files or addresses) for a cell. Reads only; changes no stack. */
    import: invoke('updates:import', importRequestSchema, importOutcomeSchema),
    removeImport: invoke('updates:remove-import', updateIdRequestSchema, updatesStateSchema),
    /** Holds an update's reminders back until then, never past its deadline. */
    snooze: invoke('updates:snooze', snoozeRequestSchema, updatesStateSchema),
    unsnooze: invoke('updates:unsnooze', updateIdRequestSchema, updatesStateSchema),
    /** Asks where to save an .ics event at the update's deadline, then writes it. */
    saveCalendar: invoke('updates:save-calendar', updateIdRequestSchema, calendarSavedSchema),
    dismissNotice: invoke('updates:dismiss-notice', noPayload, updatesStateSchema),
  },
  preferences: {
    get: invoke('preferences:get', noPayload, preferencesSchema),
    setStartAtLogin: invoke(
      'preferences:set-start-at-login',
      z.object({ enabled: z.boolean() }).strict(),
      preferencesSchema,
    ),
    setMonitoring: invoke('preferences:set-monitoring', monitoringSettingsSchema, preferencesSchema),
  },
  appStatus: {
    /** Each cell's Gitpod version, reachability and maintenance, as last checked. */
    get: invoke('app-status:get', noPayload, appStatusStateSchema),
    /** Checks one cell's application now, or every cell's when no id is given. */
    checkNow: invoke('app-status:check-now', checkNowRequestSchema, appStatusStateSchema),
    /** Stores the cell's personal access token in the OS keychain. It is never sent back. */
    setToken: invoke('app-status:set-token', setTokenRequestSchema, appStatusStateSchema),
    clearToken: invoke('app-status:clear-token', clearTokenRequestSchema, appStatusStateSchema),
  },
  apply: {
    /** Unfinished runs in full, every run listed. */
    list: invoke('apply:list', noPayload, applyStateSchema),
    get: invoke('apply:get', applyRunRefSchema, applyRunViewSchema),
    /** Starts the guided apply of the cell's update to apply: preflight reads only. */
    start: invoke('apply:start', applyStartRequestSchema, applyRunViewSchema),
    /** Values for new parameters, and the acknowledgement of IAM capabilities. */
    provideInput: invoke('apply:provide-input', applyInputRequestSchema, applyRunViewSchema),
    /** The full review of a stack's change set: every change, IAM and security-group tables, diff. */
    getReview: invoke('apply:get-review', applyStackRefSchema, changeSetReviewSchema),
    /** Executes, only when the stack name and account id match what the run awaits. */
    confirm: invoke('apply:confirm', applyConfirmationRequestSchema, applyRunViewSchema),
    /** ContinueUpdateRollback, skipping the resources the admin chose. */
    recover: invoke('apply:recover', applyRecoveryRequestSchema, applyRunViewSchema),
    /** Goes on after a pause (expired credentials, say) once its cause is fixed. */
    resume: invoke('apply:resume', applyRunRefSchema, applyRunViewSchema),
    /** Before execute only: deletes the change set the run created. */
    cancel: invoke('apply:cancel', applyRunRefSchema, applyRunViewSchema),
    /** Switches off the Gitpod maintenance a finished run switched on but could not switch off. */
    endMaintenance: invoke('apply:end-maintenance', applyRunRefSchema, applyRunViewSchema),
    exportRun: invoke('apply:export-run', runExportRequestSchema, savedFileSchema),
    exportReview: invoke('apply:export-review', reviewExportRequestSchema, savedFileSchema),
  },
} as const;

/** Messages main pushes to the dashboard. */
export const ipcEvents = {
  /** A notification or the tray asks the dashboard to show a view. */
  navigate: event('nav:navigate', navigationTargetSchema),
  statusChanged: event('status:changed', statusSnapshotSchema),
  /** A cell was checked, added, edited or removed. */
  cellsChanged: event('cells:changed', cellsStateSchema),
  updatesChanged: event('updates:changed', updatesStateSchema),
  /** A run moved on: a step finished, progress, new stack events, an end state. */
  applyChanged: event('apply:changed', applyRunViewSchema),
  /** A cell's application status changed: a check began or ended, a token was stored or removed. */
  appStatusChanged: event('app-status:changed', appStatusStateSchema),
} as const;

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL = 'dedicatedAdmin';

export type IpcContract = typeof ipcContract;
export type IpcEvents = typeof ipcEvents;
export type Area = keyof IpcContract;
export type MethodOf<A extends Area> = keyof IpcContract[A] & string;
export type EventName = keyof IpcEvents;

type SpecOf<A extends Area, M extends MethodOf<A>> = IpcContract[A][M] extends InvokeSpec
  ? IpcContract[A][M]
  : never;

/** What the handler in main receives, after validation. */
export type RequestOf<A extends Area, M extends MethodOf<A>> = z.output<SpecOf<A, M>['request']>;
/** What the renderer passes. */
export type RequestInputOf<A extends Area, M extends MethodOf<A>> = z.input<SpecOf<A, M>['request']>;
export type ResponseOf<A extends Area, M extends MethodOf<A>> = z.output<SpecOf<A, M>['response']>;
export type EventPayloadOf<E extends EventName> = z.output<IpcEvents[E]['payload']>;

export interface ChannelEntry {
  readonly area: Area;
  readonly method: string;
  readonly spec: InvokeSpec;
}

/** Every invoke channel, flattened: for the preload, the registry and the tests. */
export function listInvokeChannels(): ChannelEntry[] {
  const entries: ChannelEntry[] = [];
  for (const area of Object.keys(ipcContract) as Area[]) {
    for (const [method, spec] of Object.entries(ipcContract[area])) {
      entries.push({ area, method, spec: spec as InvokeSpec });
    }
  }
  return entries;
}
