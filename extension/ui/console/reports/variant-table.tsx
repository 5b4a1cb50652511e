import type { StepReport } from '../../../../shared/schemas/sequence-report';
import { formatCount } from '../format';
import { Badge } from '../ui/badge';

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * Per email step, what each version did. The verdict is the server's, shown only when the difference
 * is significant; nothing switches by itself, so the table says how to pick a winner.
 */
export function VariantTables(props: { steps: StepReport[] }) {
  const withSends = props.steps.filter((s) => s.variants.some((v) => v.sent > 0));
  if (withSends.length === 0) return <p className="s-small s-muted">No email has gone out yet.</p>;
  return (
    <>
      {withSends.map((step) => {
        const tested = step.variants.filter((v) => v.variantId !== null).length > 1;
        return (
          <div key={step.stepId} data-console-step-report={step.position}>
            <table className="c-table" aria-label={`Step ${step.position}: results by version`}>
              <caption
                className="s-small"
                style={{ textAlign: 'left', fontWeight: 600, padding: '8px 0 4px' }}
              >
                Step {step.position}
                {tested ? ' (A/B test)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col" className="c-num">
                    Sent
                  </th>
                  <th scope="col" className="c-num">
                    Replied
                  </th>
                  <th scope="col" className="c-num">
                    Reply rate
                  </th>
                  <th scope="col" className="c-num">
                    Clicked (people)
                  </th>
                  <th scope="col" className="c-num">
                    Bounced
                  </th>
                  <th scope="col" className="c-num">
                    Unsubscribed
                  </th>
                </tr>
              </thead>
              <tbody>
                {step.variants.map((v) => (
                  <tr key={v.variantId ?? 'step'} data-console-variant={v.variantId ?? 'step'}>
                    <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
                      {v.label} {v.active === false && <Badge tone="warn">Paused</Badge>}
                      {v.removed && <Badge tone="warn">Removed</Badge>}
                      {step.verdict && step.verdict.winnerId === v.variantId && (
                        <Badge tone="good">Leading</Badge>
                      )}
                    </th>
                    <td className="c-num">{formatCount(v.sent)}</td>
                    <td className="c-num">{formatCount(v.replied)}</td>
                    <td className="c-num">{v.sent > 0 ? percent(v.replyRate) : '–'}</td>
                    <td
                      className="c-num"
                      title={`${formatCount(v.clicks)} human clicks in all; bot clicks are left out`}
                    >
                      {formatCount(v.clicked)}
                    </td>
                    <td className="c-num">{formatCount(v.bounced)}</td>
                    <td className="c-num">{formatCount(v.unsubscribed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {step.verdict ? (
              <p className="s-small" data-console-verdict="">
                {step.verdict.text} To keep it, pause the other versions in the sequence's step editor.
              </p>
            ) : (
              tested && (
                <p className="s-small s-muted" data-console-verdict="none">
                  No version is ahead by more than chance yet.
                </p>
              )
            )}
          </div>
        );
      })}
    </>
  );
}
