import { useState } from 'react';
import { SequenceDetail } from './sequence-detail';
import { SequenceList } from './sequence-list';

/** The list of sequences, or one sequence opened from it. */
export function SequencesScreen() {
  const [openId, setOpenId] = useState<string | null>(null);
  return openId ? (
    <SequenceDetail key={openId} id={openId} onOpen={setOpenId} onBack={() => setOpenId(null)} />
  ) : (
    <SequenceList onOpen={setOpenId} />
  );
}
