import { CORE_SCHEMA, load as loadYaml, type Schema, Type } from 'js-yaml';

/**
 * Parses a CloudFormation template, JSON or YAML. YAML templates use CloudFormation's
 * short-form intrinsic tags (`!Ref`, `!Sub`, `!GetAtt a.b`, …); they are read into the same
 * long form JSON uses (`{ "Ref": … }`, `{ "Fn::GetAtt": ["a", "b"] }`), so a template compares
 * equal in either format.
 */
export type Template = Record<string, unknown>;

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'ToJsonString',
  'Length',
] as const;

function longForm(tag: string): string {
  if (tag === 'Ref' || tag === 'Condition') return tag;
  return `Fn::${tag}`;
}

function getAttValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const dot = value.indexOf('.');
    return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  }
  return value;
}

export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

/** One YAML type per short-form tag and node kind: `!Sub 'x'`, `!Sub [x, {…}]`, `!Transform {…}`. */
function typesFor(name: string): Type[] {
  const key = longForm(name);
  const construct = (value: unknown): Record<string, unknown> => ({
    [key]: name === 'GetAtt' ? getAttValue(value) : value,
  });
  return (['scalar', 'sequence', 'mapping'] as const).map(
    (kind) =>
      new Type(`!${name}`, {
        kind,
        construct: (data: unknown) => construct(data ?? (kind === 'scalar' ? '' : data)),
      }),
  );
}

/**
 * The YAML core schema (no timestamps: `AWSTemplateFormatVersion: 2010-09-09` stays a string,
 * no merge keys) plus CloudFormation's tags. js-yaml rather than `yaml`: it reads a 1 MB
 * template about ten times faster (npm run bench), and it refuses duplicate keys by itself.
 */
const CFN_SCHEMA: Schema = CORE_SCHEMA.extend(['Ref', 'Condition', 'GetAtt', ...FUNCTIONS].flatMap(typesFor));

/**
 * js-yaml shares the object an alias points to instead of copying it, so a "billion laughs"
 * document parses small and explodes only when walked (canonical form, diff, JSON). Walking
 * it once here with a budget proportional to the text refuses that before anything else does.
 */
function assertBoundedExpansion(value: unknown, budget: number): void {
  let left = budget;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    left -= 1;
    if (left < 0) {
      throw new TemplateParseError('its aliases expand to far more than the text holds (a YAML alias bomb?)');
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push(child);
  }
}

export function parseTemplate(text: string): Template {
  const trimmed = text.trimStart();
  let value: unknown;
  try {
    if (trimmed.startsWith('{')) value = JSON.parse(text);
    else {
      value = loadYaml(text, { schema: CFN_SCHEMA });
      // Without an `&` there is no anchor, so no alias to expand: most templates skip the walk.
      if (text.includes('&')) assertBoundedExpansion(value, text.length + 1_000);
    }
  } catch (error) {
    if (error instanceof TemplateParseError) throw error;
    const format = trimmed.startsWith('{') ? 'JSON' : 'YAML';
    throw new TemplateParseError(`not valid ${format}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TemplateParseError('a template must be an object with a Resources section');
  }
  const template = value as Template;
  if (typeof template.Resources !== 'object' || template.Resources === null) {
    throw new TemplateParseError('it has no Resources section, so it is not a CloudFormation template');
  }
  return template;
}

/** The template's resources, typed loosely: each has a Type and maybe Properties/Metadata. */
export interface TemplateResource {
  readonly Type?: unknown;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export function templateResources(template: Template): Record<string, TemplateResource> {
  return (template.Resources ?? {}) as Record<string, TemplateResource>;
}
