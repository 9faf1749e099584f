import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates';
import { canonicalJson, sha256Hex, templateFingerprint, templatesEqual } from './canonical';
import { parseTemplate, type Template } from './parse-template';

function resources(body: Record<string, unknown>): Template {
  return { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: body } } };
}

describe('main/core/templates/canonical', () => {
  it('finds the JSON and the YAML of the same template equal, for both Gitpod templates', () => {
    for (const kind of ['role', 'instance'] as const) {
      const json = parseTemplate(loadFixture(`${kind}.json`));
      const yaml = parseTemplate(loadFixture(`${kind}.yaml`));
      expect(templatesEqual(json, yaml)).toBe(true);
      expect(templateFingerprint(json)).toBe(templateFingerprint(yaml));
    }
  });

  it('tells the role template from the instance template', () => {
    const role = parseTemplate(loadFixture('role.yaml'));
    const instance = parseTemplate(loadFixture('instance.yaml'));
    expect(templatesEqual(role, instance)).toBe(false);
    expect(templateFingerprint(role)).not.toBe(templateFingerprint(instance));
  });

  it('notices a single changed value in a YAML template compared with its JSON twin', () => {
    const yaml = loadFixture('role.yaml');
    expect(yaml).toContain('MaxSessionDuration: 43200');
    const changed = parseTemplate(yaml.replace('MaxSessionDuration: 43200', 'MaxSessionDuration: 3600'));
    expect(templatesEqual(parseTemplate(loadFixture('role.json')), changed)).toBe(false);
  });

  it('ignores the order of keys', () => {
    const a = parseTemplate('{"Resources":{"T":{"Type":"AWS::SNS::Topic","Properties":{"A":1,"B":2}}}}');
    const b = parseTemplate('Resources:\n  T:\n    Properties: {B: 2, A: 1}\n    Type: AWS::SNS::Topic\n');
    expect(templatesEqual(a, b)).toBe(true);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('keeps the order of list items, which CloudFormation treats as a change', () => {
    expect(templatesEqual(resources({ Subnets: ['a', 'b'] }), resources({ Subnets: ['b', 'a'] }))).toBe(
      false,
    );
  });

  it('treats !GetAtt a.b, Fn::GetAtt "a.b" and Fn::GetAtt [a, b] as the same', () => {
    const short = parseTemplate(
      'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      V: !GetAtt Db.Endpoint.Address\n',
    );
    const stringForm = resources({ V: { 'Fn::GetAtt': 'Db.Endpoint.Address' } });
    const listForm = resources({ V: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } });
    expect(templatesEqual(short, listForm)).toBe(true);
    expect(templatesEqual(stringForm, listForm)).toBe(true);
    expect(templatesEqual(stringForm, resources({ V: { 'Fn::GetAtt': ['Db.Endpoint', 'Address'] } }))).toBe(
      false,
    );
  });

  it('compares numbers by value, so 1.0 in JSON equals 1 in YAML', () => {
    const json = parseTemplate(
      '{"Resources":{"T":{"Type":"AWS::SNS::Topic","Properties":{"N":1.0,"E":1e3}}}}',
    );
    const yaml = parseTemplate(
      'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {N: 1, E: 1000}\n',
    );
    expect(templatesEqual(json, yaml)).toBe(true);
  });

  it('keeps a number apart from the string of its digits, and a boolean from "true"', () => {
    expect(templatesEqual(resources({ Port: 80 }), resources({ Port: '80' }))).toBe(false);
    expect(templatesEqual(resources({ On: true }), resources({ On: 'true' }))).toBe(false);
    expect(templatesEqual(resources({ V: null }), resources({ V: '' }))).toBe(false);
  });

  it('reads YAML as 1.2, so an unquoted date or "yes" stays a string', () => {
    const yaml = parseTemplate(
      'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {F: yes}\n',
    );
    const json = parseTemplate(
      '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"T":{"Type":"AWS::SNS::Topic","Properties":{"F":"yes"}}}}',
    );
    expect(templatesEqual(yaml, json)).toBe(true);
  });

  it('keeps infinity apart from null', () => {
    const inf = parseTemplate('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {V: .inf}\n');
    expect(templatesEqual(inf, resources({ V: null }))).toBe(false);
  });

  it('keeps a "__proto__" key as data', () => {
    const a = parseTemplate('{"Resources":{"T":{"Type":"X","Properties":{"__proto__":{"a":1}}}}}');
    const b = parseTemplate('{"Resources":{"T":{"Type":"X","Properties":{"__proto__":{"a":2}}}}}');
    expect(canonicalJson(a)).toContain('"__proto__":{"a":1}');
    expect(templatesEqual(a, b)).toBe(false);
  });

  it('refuses values that did not come from JSON or YAML', () => {
    expect(() => canonicalJson(resources({ When: new Date(0) }))).toThrow(/not a JSON value/);
  });

  it('hashes raw bytes as sha256sum does, so JSON and YAML files of one template differ', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(sha256Hex('abc'));
    expect(sha256Hex(loadFixture('role.json'))).not.toBe(sha256Hex(loadFixture('role.yaml')));
  });
});
