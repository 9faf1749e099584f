import type { StatusExplanation } from '../../../shared/cells/stack-report';

/**
 * CloudFormation stack statuses in plain words, and what each means for an update.
 * Source: the StackStatus enum of the CloudFormation API.
 */
const IN_PROGRESS_WORDS: Record<string, string> = {
  CREATE_IN_PROGRESS: 'being created',
  UPDATE_IN_PROGRESS: 'being updated',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'finishing an update (removing replaced resources)',
  UPDATE_ROLLBACK_IN_PROGRESS: 'rolling back a failed update',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'finishing a rollback',
  ROLLBACK_IN_PROGRESS: 'rolling back a failed creation',
  DELETE_IN_PROGRESS: 'being deleted',
  IMPORT_IN_PROGRESS: 'importing resources',
  IMPORT_ROLLBACK_IN_PROGRESS: 'rolling back a resource import',
  REVIEW_IN_PROGRESS: 'waiting for its first change set to be executed',
};

export function explainStackStatus(status: string): StatusExplanation {
  // Own keys only: a status such as "constructor" must not find Object.prototype's members.
  const inProgress = Object.hasOwn(IN_PROGRESS_WORDS, status) ? IN_PROGRESS_WORDS[status] : undefined;
  if (inProgress) {
    return {
      category: 'in-progress',
      words: `The stack is ${inProgress}.`,
      blocksUpdate: true,
      nextStep: 'Wait until it finishes; an update can start only then.',
    };
  }
  switch (status) {
    case 'CREATE_COMPLETE':
    case 'UPDATE_COMPLETE':
    case 'IMPORT_COMPLETE':
      return { category: 'stable', words: 'The stack is stable.', blocksUpdate: false };
    case 'UPDATE_ROLLBACK_COMPLETE':
    case 'IMPORT_ROLLBACK_COMPLETE':
      return {
        category: 'rolled-back',
        words: 'The last update failed and was rolled back; the stack runs its previous version.',
        blocksUpdate: false,
        nextStep: 'Look at the stack events for the cause, then apply the update again.',
      };
    case 'UPDATE_ROLLBACK_FAILED':
      return {
        category: 'needs-continue-rollback',
        words: 'A rollback failed: the stack is stuck until the rollback is continued.',
        blocksUpdate: true,
        nextStep:
          'Continue the rollback (ContinueUpdateRollback), skipping the resources that cannot roll back.',
      };
    case 'ROLLBACK_COMPLETE':
      return {
        category: 'failed',
        words: 'The stack failed to create and was rolled back; it cannot be updated.',
        blocksUpdate: true,
        nextStep: 'Delete the stack and create it again, with Gitpod support.',
      };
    case 'CREATE_FAILED':
    case 'ROLLBACK_FAILED':
    case 'DELETE_FAILED':
    case 'UPDATE_FAILED':
    case 'IMPORT_ROLLBACK_FAILED':
      return {
        category: 'failed',
        words: `The stack is in a failed state (${status}).`,
        blocksUpdate: true,
        nextStep: 'Look at the stack events for the cause and contact Gitpod support.',
      };
    case 'DELETE_COMPLETE':
      return {
        category: 'deleted',
        words: 'The stack has been deleted.',
        blocksUpdate: true,
        nextStep: 'Check the cell settings: this stack no longer exists.',
      };
    default:
      return {
        category: 'unknown',
        words: `The stack reports a status this version does not know (${status}).`,
        blocksUpdate: true,
        nextStep: 'Check the stack in the AWS console.',
      };
  }
}
