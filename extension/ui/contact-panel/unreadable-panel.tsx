/**
 * The panel when Stride cannot tell who the other party is: one line with the reason instead of
 * nothing, plus whatever it could still read (the subject, the people it saw).
 */
export function UnreadablePanel(props: { reason: string; subject?: string; people?: string[] }) {
  const { reason, subject, people } = props;
  return (
    <div className="s-root" data-stride="contact-panel" data-stride-state="unreadable">
      <h2>Stride</h2>
      <div className="s-warn" role="status" data-stride-unreadable="">
        {reason}
      </div>
      {subject && <div className="s-small s-muted">Subject: {subject}</div>}
      {people && people.length > 0 && <div className="s-small s-muted">People here: {people.join(', ')}</div>}
    </div>
  );
}
