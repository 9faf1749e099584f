/**
 * Reads CloudFormation YAML, whose short-form intrinsic tags (`!Ref X`, `!GetAtt A.B`, `!Sub '...'`)
 * the plain YAML schema rejects, into the long form a JSON template uses (`{"Ref": "X"}`), so a YAML
 * fixture can be compared with its JSON twin.
 */
import { type CollectionTag, parse, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

/** Short-form tags whose long form is `{"Fn::<Name>": value}`. */
const FN_TAGS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'Transform',
] as const;

function asJs(node: YAMLMap.Parsed | YAMLSeq.Parsed): unknown {
  return node.toJSON();
}

function tagsFor(tag: string, toLongForm: (value: unknown) => unknown): Array<ScalarTag | CollectionTag> {
  return [
    { tag, resolve: (value: string) => toLongForm(value) },
    { tag, collection: 'seq', resolve: (node) => toLongForm(asJs(node)) },
    { tag, collection: 'map', resolve: (node) => toLongForm(asJs(node)) },
  ];
}

const CLOUDFORMATION_TAGS: Array<ScalarTag | CollectionTag> = [
  ...tagsFor('!Ref', (value) => ({ Ref: value })),
  ...tagsFor('!Condition', (value) => ({ Condition: value })),
  // `!GetAtt Resource.Attribute` splits at the first dot; attributes may contain dots themselves.
  ...tagsFor('!GetAtt', (value) => {
    if (typeof value !== 'string') return { 'Fn::GetAtt': value };
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }),
  ...FN_TAGS.flatMap((name) => tagsFor(`!${name}`, (value) => ({ [`Fn::${name}`]: value }))),
];

export function parseCloudFormationYaml(text: string): unknown {
  return parse(text, { customTags: CLOUDFORMATION_TAGS, maxAliasCount: -1 });
}
