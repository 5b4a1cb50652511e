import type { KeyboardEvent, ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/** The panel a `Tabs` list (given the same idPrefix) shows, labelled by the selected tab. */
export function TabPanel(props: { idPrefix: string; value: string; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`${props.idPrefix}-panel`}
      aria-labelledby={`${props.idPrefix}-tab-${props.value}`}
    >
      {props.children}
    </div>
  );
}

/** A tab list with the keyboard behaviour screen-reader users expect (arrows, Home, End). */
export function Tabs<T extends string>(props: {
  label: string;
  items: TabItem<T>[];
  value: NoInfer<T>;
  onChange(id: NoInfer<T>): void;
  /** Ties each tab to the panel it shows: tabs get `${idPrefix}-tab-<id>`, the panel `${idPrefix}-panel`. */
  idPrefix?: string;
}) {
  const { items, value, onChange } = props;
  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    const i = items.findIndex((t) => t.id === value);
    const next =
      ev.key === 'ArrowRight'
        ? items[(i + 1) % items.length]
        : ev.key === 'ArrowLeft'
          ? items[(i - 1 + items.length) % items.length]
          : ev.key === 'Home'
            ? items[0]
            : ev.key === 'End'
              ? items[items.length - 1]
              : undefined;
    if (!next) return;
    ev.preventDefault();
    onChange(next.id);
    ev.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next.id}"]`)?.focus();
  };
  return (
    <div className="c-tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {items.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          data-tab={t.id}
          {...(props.idPrefix && {
            id: `${props.idPrefix}-tab-${t.id}`,
            'aria-controls': `${props.idPrefix}-panel`,
          })}
          aria-selected={t.id === value}
          tabIndex={t.id === value ? 0 : -1}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
