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
});
