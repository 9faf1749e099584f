import {
  type ChangeSetSummary,
  type CloudFormationClient,
  paginateListChangeSets,
} from '@aws-sdk/client-cloudformation';

/** More than this many change sets on one stack are not all kept (see `listChangeSets`). */
export const MAX_CHANGE_SETS_PER_STACK = 50;

export interface StackChangeSets {
  /** Newest first, at most MAX_CHANGE_SETS_PER_STACK. */
  readonly changeSets: readonly ChangeSetSummary[];
  /** False when there were more than could be kept: a change set missing from the list may still exist. */
  readonly complete: boolean;
}

/**
 * Every change set of one stack, page by page: one ListChangeSets call per stack and refresh
 * while the stack has fewer than a page of them (the usual case).
 *
 * Asked by StackId, and filtered by StackId too: AWS answers for that stack only, but moto
 * ignores StackName and lists every change set in the region, and a stack deleted and
 * re-created under the same name must not inherit its predecessor's change sets.
 */
export async function listChangeSets(
  cloudFormation: CloudFormationClient,
  stackId: string,
): Promise<StackChangeSets> {
  const found: ChangeSetSummary[] = [];
  for await (const page of paginateListChangeSets({ client: cloudFormation }, { StackName: stackId })) {
    found.push(...(page.Summaries ?? []).filter((summary) => summary.StackId === stackId));
  }
  const newestFirst = found.sort(
    (a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0),
  );
  return {
    changeSets: newestFirst.slice(0, MAX_CHANGE_SETS_PER_STACK),
    complete: newestFirst.length <= MAX_CHANGE_SETS_PER_STACK,
  };
}
