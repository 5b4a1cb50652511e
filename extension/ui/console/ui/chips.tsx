/** Mutually exclusive filter buttons (status, type…), announced as a group with its name. */
export function ChipGroup<T extends string>(props: {
  label: string;
  items: ReadonlyArray<{ value: T; label: string; count?: string }>;
  value: NoInfer<T>;
  onChange(value: NoInfer<T>): void;
}) {
  return (
    <fieldset className="c-chips">
      <legend className="c-sr">{props.label}</legend>
      {props.items.map((item) => (
        <button
          key={item.value}
          type="button"
          className="c-chip"
          aria-pressed={props.value === item.value}
          data-value={item.value}
          onClick={() => props.onChange(item.value)}
        >
          {item.label}
          {item.count !== undefined && <span className="s-muted"> {item.count}</span>}
        </button>
      ))}
    </fieldset>
  );
}
