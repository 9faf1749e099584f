import type { PreflightCheck, PreflightCheckId } from '../../../../shared/apply/preflight';
import type { AppError } from '../../../../shared/errors';

/** The checks' names, as the wizard and the CLI show them. */
export const CHECK_TITLES: Readonly<Record<PreflightCheckId, string>> = {
  credentials: 'AWS credentials',
  'stack-state': 'Stack state',
  'execution-role': 'Execution role',
  'change-set': "Gitpod's change set",
  'template-valid': 'Template is valid',
  'template-kind': 'Template fits this stack',
  parameters: 'Parameters',
  capabilities: 'IAM capabilities',
  'template-size': 'Template size',
  'other-change-sets': 'Other change sets',
  drift: 'Drift',
};

const MAX_REASON = 4000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function make(id: PreflightCheckId, outcome: PreflightCheck['outcome'], reason: string, fix?: string) {
  const check: PreflightCheck = { id, outcome, title: CHECK_TITLES[id], reason: clip(reason, MAX_REASON) };
  return fix === undefined ? check : { ...check, fix: clip(fix, 2000) };
}

export function passed(id: PreflightCheckId, reason: string): PreflightCheck {
  return make(id, 'passed', reason);
}

export function warning(id: PreflightCheckId, reason: string, fix?: string): PreflightCheck {
  return make(id, 'warning', reason, fix);
}

export function blocking(id: PreflightCheckId, reason: string, fix?: string): PreflightCheck {
  return make(id, 'blocking', reason, fix);
}

/** A check that failed because AWS did: the translated error's message and next step. */
export function fromAppError(
  id: PreflightCheckId,
  outcome: 'warning' | 'blocking',
  error: AppError,
  prefix = '',
): PreflightCheck {
  return { ...make(id, outcome, `${prefix}${error.message}`, error.nextStep), errorCode: error.code };
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The first `max` items as words, then "and N more". */
export function listSome(items: readonly string[], max = 10): string {
  if (items.length <= max) return listWords(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
