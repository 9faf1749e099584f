import type { ReactElement } from 'react';
import type { PreflightOutcome, PreflightReport } from '../../../../shared/apply/preflight';
import { PREFLIGHT_OUTCOME_ICONS, PREFLIGHT_OUTCOME_WORDS, plural } from '../../apply/apply-labels';

/** "5 checks: 3 passed, 1 warning, 1 blocking." */
export function checkCounts(report: PreflightReport): string {
  const counted = (outcome: PreflightOutcome): number =>
    report.checks.filter((check) => check.outcome === outcome).length;
  const warnings = counted('warning');
  return `${plural(report.checks.length, 'check')}: ${counted('passed')} passed, ${plural(warnings, 'warning')}, ${counted('blocking')} blocking.`;
}

/** Every check made, each with its outcome in words (an icon beside it), what was found and the fix. */
export function PreflightChecks({ report, label }: { report: PreflightReport; label: string }): ReactElement {
  return (
    <ul className="checks" aria-label={label}>
      {report.checks.map((check) => (
        <li key={check.id} className={`check check--${check.outcome}`}>
          <span className="check__icon" aria-hidden="true">
            {PREFLIGHT_OUTCOME_ICONS[check.outcome]}
          </span>
          <div className="check__body">
            <p className="check__title">
              <span className="check__outcome">{PREFLIGHT_OUTCOME_WORDS[check.outcome]}</span>
              <span className="visually-hidden">:</span> {check.title}
            </p>
            <p className="check__reason">{check.reason}</p>
            {check.fix ? (
              <p className="check__fix">
                <span className="check__fix-label">What to do:</span> {check.fix}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
