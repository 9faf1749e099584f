/**
 * Records every attempt a CloudFormation client sends, after the SDK's retry middleware, so a
 * retried CreateChangeSet or ExecuteChangeSet shows up once per attempt with the idempotency
 * token it carried. The fault proxy counts calls per action but cannot see request bodies; this
 * is how the matrix proves that two calls reaching moto were one request retried with the same
 * token, which AWS treats as one call.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';

export interface RecordedAttempt {
  /** The operation, e.g. "CreateChangeSet". */
  readonly action: string;
  readonly changeSetName?: string;
  /** ClientToken (CreateChangeSet) or ClientRequestToken (ExecuteChangeSet, ContinueUpdateRollback). */
  readonly token?: string;
}

const MUTATING = new Set([
  'CreateChangeSet',
  'ExecuteChangeSet',
  'DeleteChangeSet',
  'ContinueUpdateRollback',
]);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export class CallRecorder {
  readonly attempts: RecordedAttempt[] = [];

  /** Adds the recording middleware; each attempt of each call through `client` is kept. */
  attach(client: CloudFormationClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const action = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        const input = (args.input ?? {}) as Record<string, unknown>;
        const changeSetName = text(input.ChangeSetName);
        const token = text(input.ClientToken) ?? text(input.ClientRequestToken);
        this.attempts.push({
          action,
          ...(changeSetName ? { changeSetName } : {}),
          ...(token ? { token } : {}),
        });
        return next(args);
      },
      // finalizeRequest runs once per attempt: the retry middleware sits above it, at high priority.
      { step: 'finalizeRequest', priority: 'low', name: 'faultMatrixCallRecorder' },
    );
  }

  /** The distinct tokens the attempts of `action` carried. */
  tokensOf(action: string): string[] {
    return [
      ...new Set(this.attempts.filter((a) => a.action === action).flatMap((a) => (a.token ? [a.token] : []))),
    ];
  }

  countOf(action: string): number {
    return this.attempts.filter((a) => a.action === action).length;
  }

  mutatingAttempts(): RecordedAttempt[] {
    return this.attempts.filter((a) => MUTATING.has(a.action));
  }

  clear(): void {
    this.attempts.length = 0;
  }
}
