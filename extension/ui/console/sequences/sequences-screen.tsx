import { useHashRoute } from '../hash-route';
import { SequenceDetail, type SequenceTab, sequenceTabs } from './sequence-detail';
import { SequenceList } from './sequence-list';

/** The list of sequences, or one sequence opened from it; `#sequences/<id>/<tab>` says which. */
export function SequencesScreen() {
  const [[openId, tabPart], navigate] = useHashRoute('sequences');
  const tab = sequenceTabs.find((t) => t.id === tabPart)?.id ?? 'steps';
  return openId ? (
    <SequenceDetail
      key={openId}
      id={openId}
      tab={tab}
      onTab={(t: SequenceTab) => navigate([openId, t], { replace: true })}
      onOpen={(id) => navigate([id])}
      onBack={() => navigate([])}
    />
  ) : (
    <SequenceList onOpen={(id) => navigate([id])} />
  );
}
