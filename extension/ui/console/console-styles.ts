/**
 * The console's layout on top of the page styles (page-styles.ts): same fonts, buttons, badges and
 * alerts, plus tables, tabs, dialogs and charts. Injected once by the first console screen.
 */
export const CONSOLE_CSS = `
.s-options { max-width: 1120px; }
.c-screen { min-height: 420px; }
.c-toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 0 0 10px; }
.c-toolbar .c-grow { flex: 1; }
.c-busy { display: inline-block; min-width: 90px; min-height: 1.4em; }
.c-loading { min-height: 120px; }
.c-empty { border: 1px dashed #c4c7c5; border-radius: 8px; padding: 24px; text-align: center; display: grid; gap: 4px; }
.c-table { width: 100%; border-collapse: collapse; font-size: 13px; table-layout: auto; }
.c-table th { text-align: left; font-weight: 600; color: #444; border-bottom: 1px solid #e3e3e3; padding: 6px 8px; white-space: nowrap; }
.c-table td { border-bottom: 1px solid #f1f1f1; padding: 6px 8px; vertical-align: top; }
.c-table tr[data-selected] td { background: #f3f6fc; }
.c-table tr[data-current] td:first-child { box-shadow: inset 3px 0 0 #0b57d0; }
.c-table tr:focus-visible { outline: 2px solid #0b57d0; outline-offset: -2px; }
kbd { font-family: ui-monospace, monospace; border: 1px solid #c4c7c5; border-radius: 4px; padding: 0 4px; }
.c-table .c-num { text-align: right; font-variant-numeric: tabular-nums; }
.c-table .c-check { width: 28px; }
.s-btn[aria-disabled='true'] { opacity: .5; cursor: default; }
.c-link { background: none; border: 0; padding: 0; font: inherit; color: #0b57d0; cursor: pointer; text-align: left; }
.c-link:hover { text-decoration: underline; }
.c-link:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
.c-tabs { display: flex; gap: 2px; border-bottom: 1px solid #e3e3e3; margin: 8px 0 12px; }
.c-tabs button { font: inherit; background: none; border: 0; border-bottom: 2px solid transparent; padding: 6px 12px; cursor: pointer; color: #3c4043; }
.c-tabs button[aria-selected="true"] { border-bottom-color: #0b57d0; color: #0b57d0; font-weight: 600; }
.c-tabs button:focus-visible { outline: 2px solid #0b57d0; }
.c-chips { display: flex; gap: 6px; flex-wrap: wrap; border: 0; padding: 0; margin: 0; min-width: 0; }
.c-chip { font: inherit; font-size: 12px; border: 1px solid #c4c7c5; border-radius: 14px; padding: 2px 10px; background: #fff; cursor: pointer; }
.c-chip[aria-pressed="true"], .c-chip[data-checked] { background: #d3e3fd; border-color: #0b57d0; color: #041e49; }
.c-chip:focus-visible, .c-chip:has(input:focus-visible) { outline: 2px solid #0b57d0; outline-offset: 1px; }
.c-field { max-width: none; }
.c-field-error { color: #b3261e; font-size: 12px; }
.c-field-problems { margin: 4px 0; padding-left: 18px; }
.s-input[aria-invalid="true"] { border-color: #b3261e; }
.c-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 0 12px; }
.c-split { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; }
.c-backdrop { position: fixed; inset: 0; background: rgba(32, 33, 36, .45); display: grid; place-items: center; z-index: 10; }
.c-dialog { background: #fff; border-radius: 12px; padding: 16px 18px; width: min(520px, 92vw); max-height: 88vh; overflow: auto;
  box-shadow: 0 8px 28px rgba(0,0,0,.25); }
.c-dialog[data-wide] { width: min(860px, 94vw); }
.c-dialog-title { font-size: 15px !important; text-transform: none !important; letter-spacing: 0 !important; color: #1f1f1f !important; margin: 0 0 10px !important; }
.c-dialog-actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
.c-variants { border: 1px dashed #c9c9c9; border-radius: 8px; padding: 8px 10px; margin: 8px 0 0; }
.c-variant { border-top: 1px solid #eee; padding: 8px 0 4px; }
.c-step { border: 1px solid #e3e3e3; border-radius: 8px; padding: 10px 12px; margin: 0 0 10px; }
.c-step[data-inactive] { background: #f8f9fa; }
.c-step-head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
.c-template { position: relative; }
.c-template textarea { width: 100%; min-height: 120px; resize: vertical; font-family: inherit; }
.c-template input { width: 100%; }
.c-rich-toolbar { display: flex; flex-wrap: wrap; gap: 4px; margin: 2px 0 4px; }
.c-rich-btn { min-width: 32px; padding: 2px 8px; }
.c-rich-btn[aria-pressed="true"] { background: #d3e3fd; border-color: #0b57d0; }
.c-rich-input { min-height: 120px; white-space: pre-wrap; overflow-wrap: anywhere; }
.c-rich-input p { margin: 0 0 8px; }
.c-rich-input ul, .c-rich-input ol { margin: 0 0 8px; padding-left: 22px; }
.c-rich-input img, .c-preview-html img { max-width: 100%; }
.c-rich-input:focus { outline: 2px solid #0b57d0; outline-offset: 1px; }
.c-rich-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; border: 1px solid #e3e3e3; border-radius: 6px; padding: 6px 8px; margin: 0 0 4px; }
.c-template .c-rich-form input { width: auto; flex: 1 1 180px; }
.c-preview-html { white-space: normal; }
.c-preview-html p { margin: 0 0 8px; }
.c-suggest { position: absolute; z-index: 5; left: 0; top: 100%; min-width: 220px; max-height: 220px; overflow: auto; margin: 2px 0 0;
  padding: 4px 0; list-style: none; background: #fff; border: 1px solid #c4c7c5; border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.c-suggest [role="option"] { padding: 3px 10px; cursor: pointer; font-family: ui-monospace, monospace; font-size: 12px; }
.c-suggest [role="option"][aria-selected="true"] { background: #d3e3fd; }
.c-preview { border: 1px solid #e3e3e3; border-radius: 8px; padding: 10px 12px; background: #fcfcfd; }
.c-preview-body { white-space: pre-wrap; font-size: 13px; min-height: 80px; }
.c-gap { background: #fce8e6; color: #a50e0e; border-radius: 3px; padding: 0 2px; }
.c-progress { width: 100%; height: 10px; border-radius: 5px; background: #e8eaed; overflow: hidden; }
.c-progress > div { height: 100%; background: #0b57d0; transition: width .2s; }
.c-bars { display: flex; align-items: flex-end; gap: 3px; height: 140px; border-bottom: 1px solid #c4c7c5; padding-top: 6px; }
.c-bar { flex: 1; background: #0b57d0; border-radius: 2px 2px 0 0; min-height: 1px; }
.c-bar[data-zero] { background: #e8eaed; }
.c-bar-labels { display: flex; gap: 3px; font-size: 10px; color: #5f6368; }
.c-bar-labels span { flex: 1; text-align: center; overflow: hidden; white-space: nowrap; }
.c-funnel { display: grid; grid-template-columns: 140px 1fr 60px; gap: 6px 10px; align-items: center; }
.c-funnel-track { background: #f1f3f4; border-radius: 4px; height: 18px; }
.c-funnel-fill { background: #0b57d0; border-radius: 4px; height: 100%; }
.c-funnel-fill[data-tone="bad"] { background: #d93025; }
.c-funnel-fill[data-tone="good"] { background: #188038; }
.c-card-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.c-kv { display: grid; grid-template-columns: 120px 1fr; gap: 2px 10px; font-size: 12px; }
.c-reason { font-size: 12px; max-width: 420px; }
.c-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

export function injectConsoleStyles(doc: Document): void {
  if (doc.querySelector('style[data-stride-console]')) return;
  const style = doc.createElement('style');
  style.dataset.strideConsole = '';
  style.textContent = CONSOLE_CSS;
  doc.head.append(style);
}
