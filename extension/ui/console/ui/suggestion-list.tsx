/**
 * The `{{` autocomplete list shared by the plain template field and the rich-text editor. Options are
 * picked on mousedown, not click: the field must keep focus (blur closes the list).
 */
export function SuggestionList(props: {
  id: string;
  label: string;
  open: boolean;
  suggestions: readonly string[];
  active: number;
  onPick(name: string): void;
}) {
  const { id } = props;
  return (
    <div
      id={`${id}-list`}
      role="listbox"
      aria-label={`Insert into ${props.label}`}
      className="c-suggest"
      hidden={!props.open}
    >
      {props.suggestions.map((name, i) => (
        <div
          key={name}
          id={`${id}-opt-${i}`}
          role="option"
          tabIndex={-1}
          aria-selected={i === props.active}
          onMouseDown={(ev) => {
            ev.preventDefault();
            props.onPick(name);
          }}
        >
          {`{{${name}}}`}
        </div>
      ))}
    </div>
  );
}
