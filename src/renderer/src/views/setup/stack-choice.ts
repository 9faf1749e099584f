import type { DiscoveryReport } from '../../../../shared/cells/discovery';
import type { StackKind } from '../../../../shared/cells/stack-report';
import { draftErrors, sameStackError } from '../../cells/cell-validation';
import type { ChosenStacks } from './setup-types';

export const NONE = 'none';
export const CUSTOM = 'custom';

/** One radio group's state: a candidate (`stack:<name>`), none, or a typed name. */
export interface StackChoice {
  readonly option: string;
  readonly custom: string;
}

export type StackChoices = Readonly<Record<StackKind, StackChoice>>;

export interface StackChoiceErrors {
  readonly role?: string | undefined;
  readonly instance?: string | undefined;
  /** About the pair: neither chosen, or the same stack twice. */
  readonly stacks?: string | undefined;
}

export function candidateOption(stackName: string): string {
  return `stack:${stackName}`;
}

/** Discovery's suggestions, preselected; "none" where it suggests nothing. */
export function initialChoices(report: DiscoveryReport): StackChoices {
  const choice = (suggested: string | undefined): StackChoice => ({
    option: suggested ? candidateOption(suggested) : NONE,
    custom: '',
  });
  return { role: choice(report.suggested.role), instance: choice(report.suggested.instance) };
}

export function chosenStack(choice: StackChoice): string | undefined {
  if (choice.option === NONE) return undefined;
  if (choice.option === CUSTOM) {
    const typed = choice.custom.trim();
    return typed === '' ? undefined : typed;
  }
  return choice.option.slice('stack:'.length);
}

export function chosenStacks(choices: StackChoices): ChosenStacks {
  return { roleStack: chosenStack(choices.role), instanceStack: chosenStack(choices.instance) };
}

const TYPE_A_NAME = 'Enter the stack’s name, or choose another option.';

/** What keeps the choice from being saved, checked with the same schema main uses. */
export function stackChoiceErrors(choices: StackChoices, report: DiscoveryReport): StackChoiceErrors {
  const { roleStack, instanceStack } = chosenStacks(choices);
  const fields = draftErrors({
    // Placeholders: only the stack fields are judged in this step.
    name: 'cell',
    region: report.region,
    accountId: report.account,
    ...(roleStack ? { roleStack } : {}),
    ...(instanceStack ? { instanceStack } : {}),
  });
  const role = choices.role.option === CUSTOM && !roleStack ? TYPE_A_NAME : fields.roleStack;
  const instance = choices.instance.option === CUSTOM && !instanceStack ? TYPE_A_NAME : fields.instanceStack;
  // With a name still to type, that message says enough.
  const neither = role || instance ? undefined : fields.stacks;
  return { role, instance, stacks: neither ?? sameStackError(roleStack, instanceStack) };
}

export function hasErrors(errors: StackChoiceErrors): boolean {
  return Boolean(errors.role || errors.instance || errors.stacks);
}
