import type { ReactElement } from 'react';
import type { UpdateStack } from '../../../../shared/updates/pending-update';
import { STACK_KIND_LABELS } from '../../cells/stack-labels';
import { CopyValue } from '../../components/CopyValue';
import { inApplyOrder } from '../../updates/update-labels';

export interface StackStepsProps<S extends UpdateStack> {
  readonly stacks: readonly S[];
  /** Names the list for screen readers: "Stacks of Infrastructure Update v37, in apply order". */
  readonly label: string;
  /** For a stack that comes from another update than the one shown: its label. */
  readonly from?: (stack: S) => string | undefined;
}

/** The stacks an update changes, in apply order, each with what it applies. */
export function StackSteps<S extends UpdateStack>({ stacks, label, from }: StackStepsProps<S>): ReactElement {
  return (
    <ol className="stack-steps" aria-label={label}>
      {inApplyOrder(stacks).map((stack) => {
        const origin = from?.(stack);
        return (
          <li key={stack.kind} className="stack-steps__step">
            <p className="stack-steps__stack">
              {STACK_KIND_LABELS[stack.kind]} <code>{stack.stackName}</code>
            </p>
            <StackChange stack={stack} />
            {origin ? <p className="stack-steps__from">From {origin}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

function StackChange({ stack }: { stack: UpdateStack }): ReactElement {
  if (stack.changeSetName) {
    return (
      <p className="stack-steps__change">
        Change set <code>{stack.changeSetName}</code>
      </p>
    );
  }
  const name = stack.templateName ?? 'the imported template';
  return (
    <>
      <p className="stack-steps__change">
        Template <code>{name}</code>
      </p>
      {stack.templateSha256 ? (
        <p className="stack-steps__change">
          sha256 <CopyValue value={stack.templateSha256} what={`sha256 of ${name}`} />
        </p>
      ) : null}
    </>
  );
}
