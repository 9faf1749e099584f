import { describe, expect, it } from 'vitest';
import { FIXTURE_NAMES, loadFixture } from '../../../../test/fixtures/templates';
import { AppErrorException } from '../errors/app-error';
import { parseTemplate, type Template } from './parse-template';
import {
  expectTemplateKind,
  formatBytes,
  recogniseTemplate,
  TEMPLATE_BODY_MAX_BYTES,
  TEMPLATE_URL_MAX_BYTES,
  templateSize,
} from './template-kind';

function caught(fn: () => void): AppErrorException {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppErrorException) return error;
    throw error;
  }
  throw new Error('expected an AppErrorException');
}

const TOPIC: Template = { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } };

describe('main/core/templates/template-kind', () => {
  describe('recogniseTemplate', () => {
    it('recognises each fixture, JSON and YAML, by its content', () => {
      for (const name of FIXTURE_NAMES) {
        const expected = name.startsWith('role') ? 'role' : 'instance';
        expect(recogniseTemplate(parseTemplate(loadFixture(name))).kind, name).toBe(expected);
      }
    });

    it('says why: the role it creates, or how many resources carry gitpod-cell CDK metadata', () => {
      expect(recogniseTemplate(parseTemplate(loadFixture('role.yaml'))).evidence).toEqual([
        'creates the IAM role GitpodSetupAndInitialEKSUserAdmin',
      ]);
      const instance = parseTemplate(loadFixture('instance.json'));
      const total = Object.keys(instance.Resources as object).length;
      expect(recogniseTemplate(instance).evidence).toEqual([
        expect.stringMatching(
          new RegExp(`^has CDK metadata under gitpod-cell/ on \\d+ of ${total} resources$`),
        ),
      ]);
    });

    it('calls a template with neither mark unknown, and says what is missing', () => {
      expect(recogniseTemplate(TOPIC)).toEqual({
        kind: 'unknown',
        evidence: [
          'does not create the IAM role GitpodSetupAndInitialEKSUserAdmin',
          'has no CDK metadata under gitpod-cell/',
        ],
      });
    });

    it('does not guess when a template carries the marks of both', () => {
      const role = parseTemplate(loadFixture('role.json'));
      const both: Template = {
        ...role,
        Resources: {
          ...(role.Resources as object),
          Vpc: { Type: 'AWS::EC2::VPC', Metadata: { 'aws:cdk:path': 'gitpod-cell/vpc/Resource' } },
        },
      };
      const recognition = recogniseTemplate(both);
      expect(recognition.kind).toBe('unknown');
      expect(recognition.evidence).toContain('has the marks of both Gitpod templates');
    });

    it('ignores a role of another name and CDK metadata of another stack', () => {
      const lookalike: Template = {
        Resources: {
          Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'SomeOtherRole' } },
          Bucket: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'other-app/Bucket/Resource' } },
        },
      };
      expect(recogniseTemplate(lookalike).kind).toBe('unknown');
    });
  });

  describe('expectTemplateKind', () => {
    it('accepts the role template for the role stack', () => {
      expect(() =>
        expectTemplateKind(parseTemplate(loadFixture('role.yaml')), 'role', 'role.yaml'),
      ).not.toThrow();
    });

    it('refuses a role template offered for the instance stack, naming the file and the fix', () => {
      const error = caught(() =>
        expectTemplateKind(parseTemplate(loadFixture('role.yaml')), 'instance', 'update-v37-role.yaml'),
      );
      expect(error.appError).toEqual({
        code: 'template-wrong-stack',
        message:
          'update-v37-role.yaml is the role template (it creates the IAM role GitpodSetupAndInitialEKSUserAdmin), but it was offered for the instance stack.',
        nextStep: 'Offer it as the role template, and pick the instance template for the instance stack.',
      });
    });

    it('refuses an instance template offered for the role stack', () => {
      const error = caught(() =>
        expectTemplateKind(parseTemplate(loadFixture('instance.json')), 'role', 'i.json'),
      );
      expect(error.appError.code).toBe('template-wrong-stack');
      expect(error.appError.message).toMatch(/^i\.json is the instance template \(it has CDK metadata/);
    });

    it('refuses a template that is neither', () => {
      const error = caught(() => expectTemplateKind(TOPIC, 'instance', 'topic.yaml'));
      expect(error.appError.code).toBe('template-not-recognised');
      expect(error.appError.message).toContain(
        'topic.yaml does not look like the Gitpod Dedicated instance template',
      );
      expect(error.appError.nextStep).toMatch(/account manager/);
    });
  });

  describe('templateSize', () => {
    it('sends templates up to 51,200 bytes inline', () => {
      expect(templateSize(TEMPLATE_BODY_MAX_BYTES).delivery).toBe('inline');
      expect(templateSize(loadFixture('role.json')).delivery).toBe('inline');
    });

    it('sends larger templates, up to 1 MB, through S3, and says why', () => {
      expect(templateSize(TEMPLATE_BODY_MAX_BYTES + 1).delivery).toBe('s3');
      expect(templateSize(TEMPLATE_URL_MAX_BYTES).delivery).toBe('s3');
      const instance = templateSize(loadFixture('instance.json'));
      expect(instance.delivery).toBe('s3');
      expect(instance.message).toMatch(/over CloudFormation's inline limit of 50\.0 KB \(51,200 bytes\)/);
      expect(instance.message).toMatch(/S3/);
    });

    it('refuses templates over 1 MB', () => {
      const size = templateSize(TEMPLATE_URL_MAX_BYTES + 1);
      expect(size.delivery).toBe('too-large');
      expect(size.message).toBe(
        "The template is 1.00 MB (1,048,577 bytes), over CloudFormation's limit of 1.00 MB (1,048,576 bytes) for any template.",
      );
    });

    it('counts UTF-8 bytes, not characters', () => {
      expect(templateSize('é'.repeat(30_000)).bytes).toBe(60_000);
      expect(templateSize('é'.repeat(30_000)).delivery).toBe('s3');
      expect(templateSize(new Uint8Array(10)).bytes).toBe(10);
    });

    it('formats sizes in KB and MB of 1024', () => {
      expect(formatBytes(512)).toBe('512 bytes');
      expect(formatBytes(51_200)).toBe('50.0 KB (51,200 bytes)');
      expect(formatBytes(2_097_152)).toBe('2.00 MB (2,097,152 bytes)');
    });
  });
});
