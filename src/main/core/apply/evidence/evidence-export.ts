import type { RunEvidence } from './run-evidence';

export const EVIDENCE_FORMATS = ['markdown', 'json', 'csv'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : (ms / 1000).toFixed(1);
}

function humanDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? `${minutes} min ${total % 60} s` : `${total} s`;
}

/** Markdown table cells: pipes and line breaks would break the table. */
function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function evidenceToJson(evidence: RunEvidence): string {
  return `${JSON.stringify(evidence, null, 2)}\n`;
}

const OUTCOME_LINES: Record<string, string> = {
  updated: 'Applied: every stack reached UPDATE_COMPLETE.',
  'already-up-to-date': 'Nothing to apply: the stacks already ran this update.',
  'rolled-back': 'Failed: the update was rolled back.',
  failed: 'Failed.',
  blocked: 'Not started: a check blocked it.',
  cancelled: 'Cancelled by the admin.',
};

export function evidenceToMarkdown(evidence: RunEvidence): string {
  const lines: string[] = [];
  lines.push(`# Infrastructure update evidence: ${evidence.update}`, '');
  lines.push('| | |', '| --- | --- |');
  lines.push(
    `| Result | ${cell(evidence.outcome ? OUTCOME_LINES[evidence.outcome] : `In progress (${evidence.status})`)} |`,
  );
  lines.push(
    `| Cell | ${cell(evidence.cell.name)} (account ${evidence.cell.accountId}, ${evidence.cell.region}) |`,
  );
  lines.push(`| Applied by | ${cell(evidence.callerArn)} |`);
  lines.push(`| Started | ${evidence.startedAt} |`);
  lines.push(`| Finished | ${evidence.finishedAt ?? '—'} |`);
  lines.push(`| Duration | ${humanDuration(evidence.durationMs)} |`);
  lines.push(`| Deadline | ${evidence.deadline} |`);
  if (evidence.appliedWithinDeadline !== null) {
    lines.push(`| Within the deadline | ${evidence.appliedWithinDeadline ? 'yes' : 'no'} |`);
  }
  lines.push(`| Run | ${evidence.runId} |`, '');
  if (evidence.error)
    lines.push(
      `> ${cell(evidence.error.message)}${evidence.error.nextStep ? ` ${cell(evidence.error.nextStep)}` : ''}`,
      '',
    );

  for (const stack of evidence.stacks) {
    lines.push(`## ${stack.kind === 'role' ? 'Role' : 'Instance'} stack ${stack.stackName}`, '');
    lines.push(`- Outcome: ${stack.outcome}${stack.finalStatus ? ` (${stack.finalStatus})` : ''}`);
    if (stack.stackId) lines.push(`- Stack: ${stack.stackId}`);
    if (stack.templateSha256)
      lines.push(`- Template: ${stack.templateName ?? 'imported'}, sha256 ${stack.templateSha256}`);
    if (stack.changeSetName) {
      const owner = stack.changeSetCreatedByRun ? 'created by this run' : "the vendor's";
      lines.push(
        `- Change set: ${stack.changeSetName} (${owner})${stack.changeSetArn ? `, ${stack.changeSetArn}` : ''}`,
      );
    }
    if (stack.review) {
      const r = stack.review;
      lines.push(
        `- Review: ${r.total} changes (${r.add} add, ${r.modify} modify, ${r.remove} remove), ${r.replacements} replacements, ${r.conditionalReplacements} conditional replacements, ${r.iamChanges} IAM changes, ${r.securityGroupChanges} security-group changes${r.broadening ? ', broadens permissions' : ''}`,
      );
    }
    if (stack.confirmedAt) lines.push(`- Confirmed: ${stack.confirmedAt}`);
    if (stack.executedAt) lines.push(`- Executed: ${stack.executedAt} with rollback on failure`);
    if (stack.durationMs !== undefined) lines.push(`- Duration: ${humanDuration(stack.durationMs)}`);
    for (const cause of stack.rootCause) {
      lines.push(
        `- Root cause: ${cause.logicalId} (${cause.resourceType}) ${cause.status}: ${cell(cause.reason)}`,
      );
    }
    if (stack.skippedInRecovery.length > 0)
      lines.push(`- Skipped when the rollback was continued: ${stack.skippedInRecovery.join(', ')}`);
    if (stack.error && stack.outcome !== 'updated') lines.push(`- ${cell(stack.error.message)}`);
    lines.push('');
  }

  if (evidence.maintenance && evidence.maintenance.length > 0) {
    lines.push('## Gitpod maintenance', '');
    for (const entry of evidence.maintenance) {
      const name = entry.switch === 'notice' ? 'Maintenance notice' : 'Maintenance mode';
      const times = [
        entry.switchedOnAt ? `on at ${entry.switchedOnAt}` : '',
        entry.switchedOffAt ? `off at ${entry.switchedOffAt}` : '',
      ].filter(Boolean);
      lines.push(`- ${name}: ${entry.state}${times.length > 0 ? ` (${times.join(', ')})` : ''}`);
      if (entry.text) lines.push(`  - Notice: ${cell(entry.text)}`);
    }
    lines.push('');
  }

  lines.push(
    '## Steps',
    '',
    '| Stack | Step | Outcome | Started | Ended | Duration | Detail |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const step of evidence.steps) {
    lines.push(
      `| ${cell(step.stackName)} | ${step.step} | ${step.state} | ${step.startedAt} | ${step.endedAt ?? ''} | ${humanDuration(step.durationMs)} | ${cell(step.detail)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 quoting, and no leading =+-@ a spreadsheet would run as a formula. */
function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const EVIDENCE_CSV_COLUMNS = [
  'run_id',
  'update',
  'cell',
  'account_id',
  'region',
  'caller_arn',
  'stack',
  'stack_kind',
  'template_sha256',
  'change_set_arn',
  'step',
  'outcome',
  'started_at',
  'ended_at',
  'duration_s',
  'detail',
  'run_outcome',
] as const;

/** One row per step. */
export function evidenceToCsv(evidence: RunEvidence): string {
  const rows = [EVIDENCE_CSV_COLUMNS.join(',')];
  for (const step of evidence.steps) {
    const stack = evidence.stacks.find((s) => s.stackName === step.stackName);
    rows.push(
      [
        evidence.runId,
        evidence.update,
        evidence.cell.name,
        evidence.cell.accountId,
        evidence.cell.region,
        evidence.callerArn,
        step.stackName,
        stack?.kind,
        stack?.templateSha256,
        stack?.changeSetArn,
        step.step,
        step.state,
        step.startedAt,
        step.endedAt,
        seconds(step.durationMs),
        step.detail,
        evidence.outcome ?? evidence.status,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function exportEvidence(evidence: RunEvidence, format: EvidenceFormat): string {
  switch (format) {
    case 'markdown':
      return evidenceToMarkdown(evidence);
    case 'json':
      return evidenceToJson(evidence);
    case 'csv':
      return evidenceToCsv(evidence);
  }
}

export function evidenceFileName(evidence: RunEvidence, format: EvidenceFormat): string {
  const extension = format === 'markdown' ? 'md' : format;
  const cellName = evidence.cell.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `apply-evidence-${cellName}-${evidence.runId}.${extension}`;
}
