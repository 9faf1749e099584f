import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  MAX_OTHER_CHANGE_SETS,
  type OtherChangeSet,
  type PreflightCheck,
} from '../../../../shared/apply/preflight';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';
import { listChangeSets } from '../../updates/list-change-sets';
import { listSome, passed, warning } from './check';

export interface OtherChangeSetsResult {
  readonly check: PreflightCheck;
  readonly others: OtherChangeSet[];
}

/** Change sets that could still be executed (or soon could): executing ours makes them obsolete. */
function isPending(status: string, executionStatus: string): boolean {
  if (status === 'CREATE_PENDING' || status === 'CREATE_IN_PROGRESS') return true;
  return status === 'CREATE_COMPLETE' && executionStatus === 'AVAILABLE';
}

/**
 * The other change sets pending on the stack. Executing one change set makes all others on the
 * stack OBSOLETE, so a pending one (another admin's, or an older vendor change set) is worth a
 * warning before it silently becomes useless. `listChangeSets` asks by StackId and filters by
 * it too, because moto's ListChangeSets ignores StackName and lists the whole region.
 */
export async function checkOtherChangeSets(
  cloudFormation: CloudFormationClient,
  input: { stackId: string; exceptChangeSetId?: string },
  context: AwsErrorContext,
): Promise<OtherChangeSetsResult> {
  try {
    const { changeSets } = await listChangeSets(cloudFormation, input.stackId);
    const others = changeSets
      .filter((summary) => summary.ChangeSetId !== input.exceptChangeSetId)
      .filter((summary) => isPending(summary.Status ?? '', summary.ExecutionStatus ?? ''))
      .slice(0, MAX_OTHER_CHANGE_SETS)
      .map(
        (summary): OtherChangeSet => ({
          name: summary.ChangeSetName ?? '',
          id: summary.ChangeSetId ?? '',
          status: summary.Status ?? 'UNKNOWN',
          executionStatus: summary.ExecutionStatus ?? 'UNKNOWN',
          ...(summary.CreationTime ? { createdAt: summary.CreationTime.toISOString() } : {}),
          ...(summary.Description ? { description: summary.Description.slice(0, 1024) } : {}),
        }),
      );
    if (others.length === 0) {
      return { check: passed('other-change-sets', 'No other change set is pending on the stack.'), others };
    }
    const names = others.map((other) => other.name);
    const count = others.length === 1 ? 'Another change set is' : `${others.length} other change sets are`;
    return {
      check: warning(
        'other-change-sets',
        `${count} pending on the stack: ${listSome(names)}. Executing this update makes ${others.length === 1 ? 'it' : 'them'} obsolete; ${others.length === 1 ? 'it' : 'they'} can then no longer be executed.`,
        'If one of them is another admin’s work in progress, agree with them first. Otherwise go on.',
      ),
      others,
    };
  } catch (error) {
    const translated = translateAwsError(error, context);
    return {
      check: warning(
        'other-change-sets',
        `Could not list the stack's other change sets: ${translated.message}`,
        translated.nextStep,
      ),
      others: [],
    };
  }
}
