import { describe, expect, it } from 'vitest';
import { parseTemplate, TemplateParseError } from './parse-template';

const YAML = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Domain: { Type: String }
Resources:
  Bucket1A2B3C4D:
    Type: AWS::S3::Bucket
    Metadata:
      aws:cdk:path: gitpod-cell/Bucket/Resource
    Properties:
      BucketName: !Sub '\${Domain}-logs'
      Tags:
        - Key: arn
          Value: !GetAtt Role.Arn
        - Key: joined
          Value: !Join ['-', [!Ref Domain, !Select [0, !GetAZs '']]]
  Role:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      RoleName: !If [IsProd, !Ref Domain, !Ref 'AWS::NoValue']
`;

describe('main/core/templates/parse-template', () => {
  it('reads YAML short-form tags into the long form JSON templates use', () => {
    const template = parseTemplate(YAML);
    const bucket = (template.Resources as Record<string, { Properties: Record<string, unknown> }>)
      .Bucket1A2B3C4D;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not JS
    expect(bucket?.Properties.BucketName).toEqual({ 'Fn::Sub': '${Domain}-logs' });
    expect(bucket?.Properties.Tags).toEqual([
      { Key: 'arn', Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
      {
        Key: 'joined',
        Value: { 'Fn::Join': ['-', [{ Ref: 'Domain' }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]] },
      },
    ]);
    const role = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).Role;
    expect(role?.Properties.RoleName).toEqual({
      'Fn::If': ['IsProd', { Ref: 'Domain' }, { Ref: 'AWS::NoValue' }],
    });
  });

  it('reads JSON templates as they are', () => {
    expect(parseTemplate('{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}')).toEqual({
      Resources: { T: { Type: 'AWS::SNS::Topic' } },
    });
  });

  it('refuses text that is not a CloudFormation template, saying why', () => {
    expect(() => parseTemplate('{"Resources": ')).toThrow(TemplateParseError);
    expect(() => parseTemplate('{"Resources": ')).toThrow(/not valid JSON/);
    expect(() => parseTemplate('just: text')).toThrow(/no Resources section/);
    expect(() => parseTemplate('- a\n- b')).toThrow(/must be an object/);
    expect(() => parseTemplate('a: [b\n')).toThrow(/not valid YAML/);
  });

  it('keeps an unquoted template version a string, and reads a mapping-form tag', () => {
    const template = parseTemplate(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not JS
      'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub\n        - "${A}-x"\n        - { A: !Ref P }\nOutputs:\n  O:\n    Value: !Transform { Name: M, Parameters: {} }\n',
    );
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    const topic = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).T;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not JS
    expect(topic?.Properties.TopicName).toEqual({ 'Fn::Sub': ['${A}-x', { A: { Ref: 'P' } }] });
    expect((template.Outputs as Record<string, { Value: unknown }>).O?.Value).toEqual({
      'Fn::Transform': { Name: 'M', Parameters: {} },
    });
  });

  it('refuses duplicate keys, which would silently drop a resource', () => {
    expect(() => parseTemplate('Resources:\n  A: { Type: X }\n  A: { Type: Y }\n')).toThrow(
      /not valid YAML: duplicated mapping key/,
    );
  });

  it('refuses a YAML alias bomb before anything walks it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(
        `${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`,
      );
    }
    const bomb = `${levels.join('\n')}\nResources: *l\n`;
    expect(() => parseTemplate(bomb)).toThrow(/aliases expand to far more than the text holds/);
  });
});
