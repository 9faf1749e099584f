/**
 * Templates (issue 7): the review's template analysis on two ~1 MB templates, with the app's
 * own code — parseTemplate (JSON, or YAML with CloudFormation's short-form tags) for both, then
 * what readChangeSetReview runs on them: permissionChanges (@aws-cdk/cloudformation-diff's
 * fullDiff, for the IAM and security-group tables) and templateDiff (canonical form, then the
 * side-by-side diff). Median of the timed runs after warm-up; the baseline is a bare JSON.parse
 * of the same two templates as JSON.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { permissionChanges } from '../../src/main/core/apply/review/permission-changes';
import { templateDiff } from '../../src/main/core/apply/review/template-diff';
import { parseTemplate } from '../../src/main/core/templates/parse-template';
import { type BenchRow, median, recordBench, round } from '../support/record';
import { type TemplatePair, templatePair } from './support/big-templates';

const WARM_UP_RUNS = 2;
const TIMED_RUNS = 10;
const GOAL_MS = 150;

interface PhaseTimes {
  readonly total: number;
  readonly parse: number;
  readonly permissions: number;
  readonly diff: number;
}

/** One review analysis of the pair, timed phase by phase. */
function analyse(pair: TemplatePair): PhaseTimes & { entries: number } {
  const start = performance.now();
  const deployed = parseTemplate(pair.deployedText);
  const proposed = parseTemplate(pair.proposedText);
  const parsed = performance.now();
  const permissions = permissionChanges(deployed, proposed, pair.changeSet);
  const analysed = performance.now();
  const diff = templateDiff(deployed, proposed);
  const end = performance.now();
  expect(permissions.source).toBe('cloudformation-diff');
  return {
    total: end - start,
    parse: parsed - start,
    permissions: analysed - parsed,
    diff: end - analysed,
    entries: diff.entries.length,
  };
}

function timed<T>(runs: number, work: () => T): number[] {
  for (let i = 0; i < WARM_UP_RUNS; i += 1) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

function medianPhases(pair: TemplatePair): PhaseTimes & { entries: number } {
  for (let i = 0; i < WARM_UP_RUNS; i += 1) analyse(pair);
  const runs = Array.from({ length: TIMED_RUNS }, () => analyse(pair));
  return {
    total: median(runs.map((run) => run.total)),
    parse: median(runs.map((run) => run.parse)),
    permissions: median(runs.map((run) => run.permissions)),
    diff: median(runs.map((run) => run.diff)),
    entries: runs[0]?.entries ?? 0,
  };
}

const kb = (text: string): number => Math.round(Buffer.byteLength(text) / 1024);

describe('bench/node/templates', () => {
  it('parses, normalises and diffs two ~1 MB templates, JSON and YAML', () => {
    const json = templatePair('json');
    const yaml = templatePair('yaml');
    const results = { json: medianPhases(json), yaml: medianPhases(yaml) };
    expect(results.json.entries).toBeGreaterThan(0);
    expect(results.yaml.entries).toBeGreaterThan(0);

    const rows: BenchRow[] = [];
    for (const [format, pair] of [
      ['JSON', json],
      ['YAML', yaml],
    ] as const) {
      const phases = format === 'JSON' ? results.json : results.yaml;
      // The same two templates as JSON (for YAML, their JSON rendering), parsed and nothing else.
      const [deployedJson, proposedJson] = pair.asJson;
      const jsonParse = median(timed(TIMED_RUNS, () => [JSON.parse(deployedJson), JSON.parse(proposedJson)]));
      rows.push(
        {
          name: `Template analysis, two ${format} templates (${kb(pair.deployedText)} + ${kb(pair.proposedText)} KB)`,
          value: round(phases.total, 1),
          unit: 'ms',
          baseline: round(jsonParse, 1),
          goal: `< ${GOAL_MS}`,
          met: phases.total < GOAL_MS,
        },
        { name: '  parse both', value: round(phases.parse, 1), unit: 'ms' },
        {
          name: '  IAM/security-group diff (cloudformation-diff)',
          value: round(phases.permissions, 1),
          unit: 'ms',
        },
        { name: `  template diff (${phases.entries} entries)`, value: round(phases.diff, 1), unit: 'ms' },
      );
    }
    const worst = Math.max(results.json.total, results.yaml.total);
    recordBench({
      group: 'templates',
      figures: {
        templateDiff1MbMs: round(worst, 1),
        templateDiff1MbJsonMs: round(results.json.total, 1),
        templateDiff1MbYamlMs: round(results.yaml.total, 1),
      },
      rows,
      method:
        `The review's analysis (parseTemplate ×2, permissionChanges, templateDiff) of a ~1 MB deployed ` +
        `template (${json.resourceCount} resources in JSON, ${yaml.resourceCount} in YAML) and its next ` +
        `release (${json.changeSet.Changes?.length ?? 0} resources added, modified or removed); median of ` +
        `${TIMED_RUNS} runs after ${WARM_UP_RUNS} warm-ups. templateDiff1MbMs is the slower of JSON and ` +
        `YAML. Baseline: JSON.parse of the same two templates as JSON.`,
    });
  });
});
