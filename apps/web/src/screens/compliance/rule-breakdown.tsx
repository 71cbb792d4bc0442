import { type ComplianceReport, REPORT_RULES, type ReportRule } from '@contracts';
import { number } from '../../lib/figures';
import { type RuleChoice, RULE_LABELS } from './rules';

/** The period's totals and each rule's count, each opening the attempts behind it. */
export function RuleBreakdown({
  report,
  rule,
  onRule,
}: {
  report: ComplianceReport | undefined;
  rule: RuleChoice;
  onRule(rule: ReportRule): void;
}) {
  return (
    <section className="panel" aria-label="Attempts by rule">
      <h2>
        {number(report?.totals.attempts)} attempt(s), {number(report?.totals.incidents)} incident(s),{' '}
        {report?.from} to {report?.to}
      </h2>
      <ul className="breakdown" data-testid="by-rule">
        {REPORT_RULES.map((key) => (
          <li key={key} data-rule={key}>
            <span>{RULE_LABELS[key]}</span>
            <strong>{number(report?.byRule[key])}</strong>
            <button type="button" className="ghost" aria-pressed={rule === key} onClick={() => onRule(key)}>
              Show attempts
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
