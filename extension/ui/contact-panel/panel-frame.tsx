import { type ReactNode, useEffect, useId, useState } from 'react';

/*
 * The frame around the contact panel: it can be collapsed, resized, floated or docked (where the host
 * docks it), and remembers all of that across pages; it follows the mail page's light or dark theme.
 * Kept small on purpose: it ships in every mail tab's content script.
 */

export interface PanelPlace {
  collapsed: boolean;
  /** Floating although the host could dock it. */
  floating: boolean;
  /** 0 top right, 1 bottom right, 2 bottom left, 3 top left. */
  corner: number;
  width: number;
}

export interface PlaceStore {
  load(): Promise<Partial<PanelPlace>>;
  save(place: PanelPlace): void;
}

const KEY = 'stride:panel';
const MIN = 240;
const MAX = 560;
const DEFAULT: PanelPlace = { collapsed: false, floating: false, corner: 0, width: 320 };

/** The place kept in extension storage (`storage.local`), shared by every mail tab. */
export function storagePlaceStore(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): PlaceStore {
  return {
    load: () =>
      area.get(KEY).then(
        (r) => (r[KEY] ?? {}) as Partial<PanelPlace>,
        () => ({}),
      ),
    save: (place) => void area.set({ [KEY]: place }).catch(() => undefined),
  };
}

const clampWidth = (w: unknown) =>
  typeof w === 'number' ? Math.min(MAX, Math.max(MIN, Math.round(w))) : 320;

/** Light or dark, from the first opaque background behind `el` (the host's own theme). */
export function hostTheme(el: Element): 'light' | 'dark' {
  const win = el.ownerDocument.defaultView;
  for (let n: Element | null = el.parentElement; n && win; n = n.parentElement) {
    const m = /(\d+), (\d+), (\d+)(, ([\d.]+))?/.exec(win.getComputedStyle(n).backgroundColor);
    if (m && m[5] !== '0')
      return 0.2126 * +m[1]! + 0.7152 * +m[2]! + 0.0722 * +m[3]! < 128 ? 'dark' : 'light';
  }
  return 'light';
}

/** Lays the anchor out for the place: fixed in a corner, or in the host's row beside the mail. */
function layout(anchor: HTMLElement, p: PanelPlace, floating: boolean, dark: boolean) {
  const c = p.corner % 4;
  const width = p.collapsed ? 'auto' : `min(${p.width}px, ${floating ? 'calc(100vw - 32px)' : '40vw'})`;
  anchor.dataset.strideDock = floating ? 'floating' : 'docked';
  anchor.style.cssText = `width:${width};overflow:auto;background:${dark ? '#1f1f1f' : '#fff'};${
    floating
      ? `position:fixed;${c % 3 ? 'bottom:16px' : 'top:64px'};${c < 2 ? 'right' : 'left'}:16px;max-height:70vh;z-index:2147483000;box-shadow:0 8px 24px #0003;border-radius:8px`
      : 'flex:0 0 auto;border-left:1px solid #e0e0e0'
  }`;
}

export type ThemeReader = (el: Element) => 'light' | 'dark';

export function PanelFrame(props: {
  anchor: HTMLElement;
  store?: PlaceStore;
  /** How the host's theme is read (hostTheme unless a test page has no real styles to compute). */
  theme?: ThemeReader;
  children: ReactNode;
}) {
  const { anchor, store } = props;
  const readTheme = props.theme ?? hostTheme;
  // What the host offered: 'docked' (can also float), 'floating' (nowhere to dock), none (Gmail's sidebar).
  const [offer] = useState(() => anchor.dataset.strideDock);
  const [place, setPlace] = useState<PanelPlace>(DEFAULT);
  const [theme, setTheme] = useState(() => readTheme(anchor));
  const id = useId();
  const floating = offer === 'floating' || (offer === 'docked' && place.floating);

  useEffect(() => {
    let live = true;
    void store?.load().then((p) => {
      if (live) setPlace({ ...DEFAULT, ...p, width: clampWidth(p.width), corner: Number(p.corner) || 0 });
    });
    // The host switches themes by class or style on <html>/<body>.
    const doc = anchor.ownerDocument;
    const check = () => setTheme(readTheme(anchor));
    const Observer = doc.defaultView?.MutationObserver;
    const watch = Observer && new Observer(check);
    for (const n of [doc.documentElement, doc.body])
      watch?.observe(n, { attributeFilter: ['class', 'style'] });
    return () => {
      live = false;
      watch?.disconnect();
    };
  }, [anchor, store, readTheme]);

  useEffect(() => {
    if (offer) layout(anchor, place, floating, theme === 'dark');
  }, [anchor, offer, place, floating, theme]);

  const change = (next: Partial<PanelPlace>) => {
    const p = { ...place, ...next };
    setPlace(p);
    store?.save(p);
  };
  const resize = (w: number) => change({ width: clampWidth(w) });

  return (
    <section
      className="s-frame"
      data-theme={theme}
      aria-label="Stride"
      data-stride-collapsed={place.collapsed}
    >
      <div className="s-row s-frame-bar">
        <strong>Stride</strong>
        <button
          type="button"
          className="s-btn"
          aria-expanded={!place.collapsed}
          aria-controls={id}
          onClick={() => change({ collapsed: !place.collapsed })}
        >
          {place.collapsed ? 'Show' : 'Hide'}
        </button>
        {offer === 'docked' && (
          <button type="button" className="s-btn" onClick={() => change({ floating: !place.floating })}>
            {floating ? 'Dock' : 'Float'}
          </button>
        )}
        {floating && (
          <button
            type="button"
            className="s-btn"
            aria-label="Move to the next corner"
            onClick={() => change({ corner: (place.corner + 1) % 4 })}
          >
            Move
          </button>
        )}
      </div>
      {offer && !place.collapsed && (
        // biome-ignore lint/a11y/useSemanticElements: a focusable, adjustable separator is the ARIA splitter; <hr> cannot take focus or keys.
        <div
          className="s-grip"
          role="separator"
          aria-orientation="vertical"
          aria-label="Panel width"
          aria-valuenow={place.width}
          aria-valuemin={MIN}
          aria-valuemax={MAX}
          tabIndex={0}
          onKeyDown={(ev) => {
            const step = { ArrowLeft: 16, ArrowRight: -16, Home: MAX, End: -MAX }[ev.key];
            if (step === undefined) return;
            ev.preventDefault();
            resize(place.width + step);
          }}
          onPointerDown={(ev) => {
            const x0 = ev.clientX;
            const w0 = place.width;
            const grip = ev.currentTarget;
            grip.setPointerCapture(ev.pointerId);
            grip.onpointermove = (m) => setPlace((p) => ({ ...p, width: clampWidth(w0 + x0 - m.clientX) }));
            grip.onpointerup = (m) => {
              grip.onpointermove = null;
              resize(w0 + x0 - m.clientX);
            };
          }}
        />
      )}
      <div id={id} hidden={place.collapsed}>
        {props.children}
      </div>
    </section>
  );
}
