import { type ReactNode, useEffect, useState } from 'react';

export interface OptionsScreen {
  /** Used in the URL hash, e.g. #account. */
  id: string;
  title: string;
  render(): ReactNode;
}

/** Moves focus to the screen (the hash names the screen, so a link to #main would change it). */
function skipToMain() {
  document.getElementById('stride-main')?.focus();
}

/** The options page frame: a list of screens, each addressable by hash; more screens plug in here. */
export function OptionsShell({ screens }: { screens: OptionsScreen[] }) {
  // `#sequences/<id>/steps` is the Sequences screen: the parts after the first are the screen's own.
  const pick = () => {
    const first = window.location.hash.replace(/^#/, '').split('/')[0];
    return screens.find((s) => s.id === first) ?? screens[0];
  };
  const [current, setCurrent] = useState(pick);
  useEffect(() => {
    const onHash = () => setCurrent(pick());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });
  return (
    <div className="s-root s-options">
      {/* Keyboard users skip the section links straight to the screen. */}
      <button type="button" className="s-skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header>
        <h1>Stride</h1>
        {screens.length > 1 && (
          <nav aria-label="Settings sections">
            {screens.map((s) => (
              <a key={s.id} href={`#${s.id}`} aria-current={s.id === current?.id ? 'page' : undefined}>
                {s.title}
              </a>
            ))}
          </nav>
        )}
      </header>
      <main id="stride-main" tabIndex={-1}>
        <h2>{current?.title}</h2>
        {current?.render()}
      </main>
    </div>
  );
}
