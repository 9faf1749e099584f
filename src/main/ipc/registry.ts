import type { z } from 'zod';
import { type AppError, fail, ok, type Result } from '../../shared/errors';
import {
  type Area,
  type InvokeSpec,
  ipcContract,
  type MethodOf,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import { AppErrorException } from '../core/errors/app-error';
import { describeError, type Logger } from '../core/log/logger';
import { payloadProblem } from './payload-guard';
import { declaredKeys, safeIssuePath } from './schema-keys';

export type Handler<A extends Area, M extends MethodOf<A>> = (
  request: RequestOf<A, M>,
) => Promise<ResponseOf<A, M>> | ResponseOf<A, M>;

interface Registered {
  readonly spec: InvokeSpec;
  readonly handler: (request: unknown) => unknown;
}

const INTERNAL_ERROR: AppError = {
  code: 'internal',
  message: 'Dedicated Admin hit an unexpected problem and did not finish this action.',
  nextStep: 'Try again. If it keeps happening, report it with the log file (Settings → About).',
};

/**
 * Summarises schema issues by path and kind only: the rejected values may hold secrets, and so
 * may keys the payload chose (a record's), which the path shows as `*`.
 */
function describeIssues(error: z.ZodError, schema: z.ZodType): string {
  const keys = declaredKeys(schema);
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? safeIssuePath(issue.path, keys) : 'payload'}: ${issue.code}`)
    .join('; ');
}

/**
 * The IPC handlers, keyed by contract channel. It validates every request before a handler
 * sees it and every response before it leaves, and turns failures into `AppError` values.
 * It knows nothing of Electron, so the same registry serves Electron's ipcMain and the test
 * bridge that stands in for it.
 */
export class IpcRegistry {
  private readonly handlers = new Map<string, Registered>();

  constructor(private readonly logger: Logger) {}

  handle<A extends Area, M extends MethodOf<A>>(area: A, method: M, handler: Handler<A, M>): void {
    // Own properties only: `toString`, `constructor` and friends are inherited, not contract methods.
    const methods: Record<string, InvokeSpec> | undefined = Object.hasOwn(ipcContract, area)
      ? ipcContract[area]
      : undefined;
    const spec = methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (!spec) {
      throw new Error(`IPC method ${area}.${method} is not in the contract`);
    }
    if (this.handlers.has(spec.channel)) {
      // Two handlers for one channel means two areas think they own it: fail loudly at start.
      throw new Error(`IPC channel ${spec.channel} already has a handler`);
    }
    this.handlers.set(spec.channel, { spec, handler: handler as (request: unknown) => unknown });
  }

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  has(channel: string): boolean {
    return this.handlers.has(channel);
  }

  async dispatch(channel: string, payload: unknown): Promise<Result<unknown>> {
    const registered = typeof channel === 'string' ? this.handlers.get(channel) : undefined;
    if (!registered) {
      this.logger.warn(`IPC: rejected a call to an unknown channel`);
      return fail({ code: 'unknown-channel', message: 'That action does not exist.' });
    }
    const unfit = payloadProblem(payload);
    const parsed = unfit === null ? registered.spec.request.safeParse(payload) : null;
    if (!parsed?.success) {
      const detail = parsed ? describeIssues(parsed.error, registered.spec.request) : `payload: ${unfit}`;
      this.logger.warn(`IPC: rejected malformed request on ${channel} (${detail})`);
      return fail({
        code: 'invalid-request',
        message: `The request for ${channel} was malformed and was not run (${detail}).`,
      });
    }
    let response: unknown;
    try {
      response = await registered.handler(parsed.data);
    } catch (error) {
      if (error instanceof AppErrorException) {
        this.logger.info(`IPC: ${channel} failed: ${error.appError.code}`);
        return fail(error.appError);
      }
      this.logger.error(`IPC: ${channel} threw ${describeError(error)}`);
      return fail(INTERNAL_ERROR);
    }
    const checked = registered.spec.response.safeParse(response);
    if (!checked.success) {
      this.logger.error(
        `IPC: ${channel} produced an invalid response (${describeIssues(checked.error, registered.spec.response)})`,
      );
      return fail(INTERNAL_ERROR);
    }
    return ok(checked.data);
  }
}
