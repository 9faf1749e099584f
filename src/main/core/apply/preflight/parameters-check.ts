import type { PreflightCheck } from '../../../../shared/apply/preflight';
import { blocking, listSome, passed } from './check';
import type { ParameterPlan } from './parameter-plan';

/** The parameters check from the plan: blocking while a new parameter has no value. */
export function parametersCheck(plan: ParameterPlan): PreflightCheck {
  if (plan.missing.length > 0) {
    const names = plan.missing.map((parameter) =>
      parameter.noEcho ? `${parameter.key} (secret)` : parameter.key,
    );
    const one = plan.missing.length === 1;
    return blocking(
      'parameters',
      `The new template has ${one ? 'a new parameter' : `${plan.missing.length} new parameters`} without a default: ${listSome(names)}. CloudFormation needs a value for ${one ? 'it' : 'each'}.`,
      `Enter ${one ? 'its value' : 'their values'}; ask Gitpod's account manager if you do not know ${one ? 'it' : 'them'}.${plan.missing.some((parameter) => parameter.noEcho) ? ' Secret values are never shown or logged.' : ''}`,
    );
  }
  const parts: string[] = [];
  if (plan.kept.length > 0) parts.push(`${plan.kept.length} keep their current values`);
  if (plan.defaulted.length > 0) parts.push(`new ${listSome(plan.defaulted, 5)} take the template's default`);
  if (plan.given.length > 0) parts.push(`new ${listSome(plan.given, 5)} take the values you gave`);
  if (plan.dropped.length > 0)
    parts.push(`${listSome(plan.dropped, 5)} are no longer in the template and are dropped`);
  const summary = parts.length === 0 ? 'The template has no parameters.' : `Parameters: ${parts.join('; ')}.`;
  return passed('parameters', summary);
}
