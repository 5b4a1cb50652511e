import { teamUserPageSchema, userSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { fetchAll } from '../paginate';

/**
 * "Whose": the signed-in user ("Mine"), any owner where the list allows it, and each teammate by
 * name. The team comes from the users route, which only an admin may read; for a rep that load is
 * refused and the picker offers Mine (and Any) alone, which is all the server would let them ask.
 */
export function OwnerPicker(props: {
  value: string;
  onChange(ownerId: string): void;
  /** Offer "Any owner" (value ''); lists scoped to one owner (the task queue) leave it out. */
  allowAny?: boolean;
  /** The accessible name; "Owner" unless the list says whose (e.g. "Tasks of"). */
  label?: string;
}) {
  const me = useLoad(({ api }) => api.call((s) => s.api.me.$get(), userSchema), []);
  const team = useLoad(
    ({ api }) => fetchAll(api, (s, query) => s.api.users.$get({ query }), teamUserPageSchema).catch(() => []),
    [],
  );
  const others = (team.data ?? [])
    .filter((u) => u.id !== me.data?.id && u.active)
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <select
      className="s-input"
      aria-label={props.label ?? 'Owner'}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.allowAny !== false && <option value="">Any owner</option>}
      {/* Where there is no "Any", the list's default is the caller's own: Mine is the empty value. */}
      {props.allowAny === false ? (
        <option value="">Mine</option>
      ) : (
        me.data && <option value={me.data.id}>Mine</option>
      )}
      {others.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
