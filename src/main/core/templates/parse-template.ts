import { type CollectionTag, parse as parseYaml, type ScalarTag } from 'yaml';

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

function tagsFor(name: string): Array<ScalarTag | CollectionTag> {
  const key = longForm(name);
  const wrap = (value: unknown): Record<string, unknown> => ({
    [key]: name === 'GetAtt' ? getAttValue(value) : value,
  });
  return [
    { tag: `!${name}`, resolve: (value: string) => wrap(value) } as ScalarTag,
    {
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq) => wrap((seq as { toJSON(): unknown }).toJSON()),
    } as CollectionTag,
    {
      tag: `!${name}`,
      collection: 'map',
      resolve: (map) => wrap((map as { toJSON(): unknown }).toJSON()),
    } as CollectionTag,
  ];
}

const CFN_TAGS = ['Ref', 'Condition', 'GetAtt', ...FUNCTIONS].flatMap(tagsFor);

export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

export function parseTemplate(text: string): Template {
  const trimmed = text.trimStart();
  let value: unknown;
  try {
    value = trimmed.startsWith('{')
      ? JSON.parse(text)
      : parseYaml(text, { customTags: CFN_TAGS, maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
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
