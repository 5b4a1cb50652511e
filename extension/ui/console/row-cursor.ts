import { useRef, useState } from 'react';

/**
 * The keyboard's place in a table (j/k): one current row, focused so the screen reader reads it and
 * the page scrolls to it. Clicking or tabbing into a row moves the place there too.
 */
export function useRowCursor(count: number) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [current, setCurrent] = useState(0);
  const at = Math.min(current, Math.max(0, count - 1));
  const focusRow = (i: number) => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(i, count - 1));
    setCurrent(next);
    body.current?.querySelectorAll<HTMLElement>(':scope > tr')[next]?.focus();
  };
  const rowProps = (i: number) => ({
    tabIndex: -1,
    'aria-current': i === at ? ('true' as const) : undefined,
    'data-current': i === at ? '' : undefined,
    onFocus: () => setCurrent(i),
  });
  return { body, at, focusRow, rowProps };
}

export type RowCursor = ReturnType<typeof useRowCursor>;
