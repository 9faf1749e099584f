import type { Parameter, ParameterDeclaration } from '@aws-sdk/client-cloudformation';
import type { ChangeSetParameter, MissingParameter } from '../../../../shared/apply/preflight';

export interface ParameterPlan {
  /** CreateChangeSet `Parameters`. */
  readonly parameters: ChangeSetParameter[];
  readonly missing: MissingParameter[];
  /** NoEcho parameter keys, to mask. */
  readonly secretKeys: string[];
  /** Parameters that keep the stack's current value. */
  readonly kept: string[];
  /** New parameters that take the template's default. */
  readonly defaulted: string[];
  /** New parameters whose value the admin gave. */
  readonly given: string[];
  /** Stack parameters the new template no longer declares (dropped; CloudFormation refuses unknown keys). */
  readonly dropped: string[];
}

/**
 * Works out CreateChangeSet's `Parameters` the way the console's "Use existing value" does,
 * but without a person filling in each one: a parameter the stack already has keeps its value
 * (`UsePreviousValue: true`, which also works for NoEcho values the app can never read); a new
 * one with a Default is left out so the default applies; a new one without a Default takes the
 * admin's value, or is reported missing. Stack parameters the new template does not declare are
 * left out, since CloudFormation rejects parameters a template does not have.
 */
export function planParameters(
  declared: readonly ParameterDeclaration[],
  current: readonly Parameter[],
  values: Readonly<Record<string, string>> = {},
): ParameterPlan {
  const existing = new Set(current.map((parameter) => parameter.ParameterKey ?? ''));
  const declaredKeys = new Set<string>();
  const plan = {
    parameters: [] as ChangeSetParameter[],
    missing: [] as MissingParameter[],
    secretKeys: [] as string[],
    kept: [] as string[],
    defaulted: [] as string[],
    given: [] as string[],
  };
  for (const declaration of declared) {
    const key = declaration.ParameterKey;
    if (!key) continue;
    declaredKeys.add(key);
    if (declaration.NoEcho) plan.secretKeys.push(key);
    if (existing.has(key)) {
      plan.parameters.push({ ParameterKey: key, UsePreviousValue: true });
      plan.kept.push(key);
    } else if (declaration.DefaultValue !== undefined) {
      plan.defaulted.push(key);
    } else if (Object.hasOwn(values, key) && typeof values[key] === 'string') {
      plan.parameters.push({ ParameterKey: key, ParameterValue: values[key] });
      plan.given.push(key);
    } else {
      const allowed = declaration.ParameterConstraints?.AllowedValues;
      plan.missing.push({
        key,
        noEcho: declaration.NoEcho === true,
        ...(declaration.Description ? { description: declaration.Description } : {}),
        ...(declaration.ParameterType ? { type: declaration.ParameterType } : {}),
        ...(allowed && allowed.length > 0 ? { allowedValues: allowed.slice(0, 200) } : {}),
      });
    }
  }
  const dropped = [...existing].filter((key) => key !== '' && !declaredKeys.has(key));
  return { ...plan, dropped };
}
