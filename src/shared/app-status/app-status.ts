import { z } from 'zod';

/**
 * The cell's live application status as the Overview, the tray and `status --json` show it:
 * the Gitpod version it runs, whether it answers, and (with a personal access token) whether
 * its organization is in maintenance. Everything here is bounded and JSON-serialisable: it
 * crosses IPC and lands in the CLI's output. A token never appears in any of it.
 */

/** `/api/version` replies longer than this are not a version (an error page, say). */
export const MAX_VERSION_LENGTH = 100;
/** A maintenance notice is shown in a tooltip and a notification: longer text is cut. */
export const MAX_NOTICE_LENGTH = 1000;
/** Entries of each timeline kept on disk per cell; the oldest go first. */
export const MAX_HISTORY_ENTRIES = 100;
/** Entries of each timeline carried in a status: enough for the Overview's small timeline. */
export const STATUS_HISTORY_ENTRIES = 20;

const iso = z.string().datetime();

export const APP_PROBLEM_KINDS = [
  /** The domain is not an https address (an `http:` one is refused: the token would travel in clear). */
  'http-refused',
  /** The domain cannot be made into an https origin at all. */
  'invalid-domain',
  /** No connection: DNS, refused, reset, no route. Private cells are often behind a VPN. */
  'unreachable',
  'timeout',
  /** The certificate was not accepted: expired, self-signed, wrong host. Not "unreachable". */
  'tls',
  /** A 3xx reply; never followed, since the token must go only to the cell itself. */
  'redirect',
  /** A non-2xx HTTP status without a Connect error body. */
  'http-error',
  /** A reply that is HTML, too long, or not the expected shape. */
  'bad-reply',
  /** The cell's Connect API answered with an error code other than the ones below. */
  'connect-error',
  /** The cell does not offer this call (Connect `unimplemented`): an older Gitpod. */
  'unsupported',
  /** No personal access token is stored: maintenance needs one. */
  'token-missing',
  /** Connect `unauthenticated` or `permission_denied`: revoked, expired, or without the rights. */
  'token-rejected',
  /** The token sees no organization, or several and none was chosen, or the chosen one is gone. */
  'organization-needed',
  /** The cell has no domain configured. */
  'no-domain',
] as const;

export const appProblemKindSchema = z.enum(APP_PROBLEM_KINDS);
export type AppProblemKind = z.infer<typeof appProblemKindSchema>;

export const appProblemSchema = z
  .object({
    kind: appProblemKindSchema,
    /** What failed, naming the host. */
    message: z.string().min(1).max(600),
    /** The next step for the admin. */
    fix: z.string().max(600).nullable(),
    /** The machine code behind it: a Node error code (CERT_HAS_EXPIRED) or a Connect code. */
    code: z.string().max(64).nullable(),
  })
  .strict();
export type AppProblem = z.infer<typeof appProblemSchema>;

export const versionEntrySchema = z
  .object({
    version: z.string().min(1).max(MAX_VERSION_LENGTH),
    /** When this app first saw the cell run it. */
    since: iso,
  })
  .strict();
export type VersionEntry = z.infer<typeof versionEntrySchema>;

export const maintenancePeriodSchema = z
  .object({
    start: iso,
    /** Null while it lasts. */
    end: iso.nullable(),
  })
  .strict();
export type MaintenancePeriod = z.infer<typeof maintenancePeriodSchema>;

export const cellAppHistorySchema = z
  .object({
    /** Oldest first. */
    versions: z.array(versionEntrySchema).max(MAX_HISTORY_ENTRIES),
    /** Oldest first. */
    maintenance: z.array(maintenancePeriodSchema).max(MAX_HISTORY_ENTRIES),
  })
  .strict();
export type CellAppHistory = z.infer<typeof cellAppHistorySchema>;

export const appOrganizationSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().max(200).nullable(),
  })
  .strict();
export type AppOrganization = z.infer<typeof appOrganizationSchema>;

export const cellAppStatusSchema = z
  .object({
    cellId: z.string().min(1).max(64),
    name: z.string().min(1).max(100),
    /** The host (and port, if any) polled, e.g. gitpod.example.com. */
    domain: z.string().max(253).nullable(),
    /** What `/api/version` said last; kept while the cell is unreachable. */
    version: z.string().min(1).max(MAX_VERSION_LENGTH).nullable(),
    versionSince: iso.nullable(),
    /**
     * Debounced: false only after two failed checks in a row, true after one good one, null
     * before either. A single failure shows in `problem` and `failedChecks`, not here.
     */
    reachable: z.boolean().nullable(),
    /** Failed checks in a row. */
    failedChecks: z.number().int().min(0).max(100_000),
    /** When the first of the failed checks that made it unreachable happened. */
    unreachableSince: iso.nullable(),
    /** Why the last check failed; null after a good one. */
    problem: appProblemSchema.nullable(),
    /** How long `/api/version` took in the last good check. */
    responseMs: z.number().int().min(0).max(3_600_000).nullable(),
    /** When the last check ended, good or not. */
    checkedAt: iso.nullable(),
    /** Whether the cell says it is a Gitpod Dedicated installation; null until it has said. */
    dedicated: z.boolean().nullable(),
    /** Organization maintenance mode; null when unknown (no token, or not checked yet). */
    maintenance: z.boolean().nullable(),
    /** The scheduled-maintenance notice shown to users, when one is on ('' = on without text). */
    maintenanceNotice: z.string().max(MAX_NOTICE_LENGTH).nullable(),
    /** No token is stored for this cell: say how to create one. */
    maintenanceNeedsToken: z.boolean(),
    /** Why maintenance could not be read (token rejected, organization to choose, …). */
    maintenanceProblem: appProblemSchema.nullable(),
    maintenanceCheckedAt: iso.nullable(),
    /** The organization maintenance is read for, once known. */
    organization: appOrganizationSchema.nullable(),
    /** The newest entries of the cell's timelines. */
    history: cellAppHistorySchema,
    checking: z.boolean(),
    nextCheckAt: iso.nullable(),
  })
  .strict();
export type CellAppStatus = z.infer<typeof cellAppStatusSchema>;

export const POLL_MODES = ['dashboard', 'tray'] as const;
export const pollModeSchema = z.enum(POLL_MODES);
export type PollMode = z.infer<typeof pollModeSchema>;

export const appStatusSnapshotSchema = z
  .object({
    mode: pollModeSchema,
    cells: z.array(cellAppStatusSchema).max(50),
  })
  .strict();
export type AppStatusSnapshot = z.infer<typeof appStatusSnapshotSchema>;

/** The `"app"` object per cell in `status --json` (issue 6): null where unknown. */
export const appStatusJsonSchema = z
  .object({
    version: z.string().max(MAX_VERSION_LENGTH).nullable(),
    reachable: z.boolean().nullable(),
    checkedAt: iso.nullable(),
    maintenance: z.boolean().nullable(),
    maintenanceNotice: z.string().max(MAX_NOTICE_LENGTH).nullable(),
  })
  .strict();
export type AppStatusJson = z.infer<typeof appStatusJsonSchema>;

export function appStatusJson(status: CellAppStatus): AppStatusJson {
  return {
    version: status.version,
    reachable: status.reachable,
    checkedAt: status.checkedAt,
    maintenance: status.maintenance,
    maintenanceNotice: status.maintenanceNotice,
  };
}

/** Where to create the token maintenance status needs; shown wherever it is missing. */
export const TOKEN_HOW_TO =
  'Create a personal access token in Gitpod (your avatar → User settings → Access tokens) and store it in Dedicated Admin; an organization owner’s token can also switch maintenance on and off.';
