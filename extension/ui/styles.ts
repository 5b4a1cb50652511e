/**
 * Styles for the shadow roots Stride mounts into Gmail and Outlook. Plain CSS in a string: it is
 * injected per shadow root, where the mail page's own styles cannot reach (and vice versa).
 */
export const STRIDE_CSS = `
:host { all: initial; }
.s-root { font: 13px/1.4 "Google Sans", "Segoe UI", Roboto, system-ui, sans-serif; color: #1f1f1f; background: #fff;
  box-sizing: border-box; padding: 10px 12px; }
.s-root *, .s-root *::before, .s-root *::after { box-sizing: inherit; }
.s-root h2 { font-size: 14px; font-weight: 600; margin: 0 0 6px; }
.s-root h3 { font-size: 12px; font-weight: 600; margin: 10px 0 4px; color: #444; text-transform: uppercase; letter-spacing: .03em; }
.s-muted { color: #5f6368; }
.s-small { font-size: 12px; }
.s-progress { display: block; width: 100%; margin: 6px 0 2px; }
.s-row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.s-card { border: 1px solid #e3e3e3; border-radius: 8px; padding: 8px 10px; margin: 6px 0; }
.s-list { list-style: none; margin: 0; padding: 0; }
.s-badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 11px; line-height: 18px; background: #e8eaed; color: #3c4043; }
.s-badge[data-tone="good"] { background: #e6f4ea; color: #137333; }
.s-badge[data-tone="warn"] { background: #fef7e0; color: #8a5a00; }
.s-badge[data-tone="bad"] { background: #fce8e6; color: #a50e0e; }
.s-btn { font: inherit; font-size: 12px; border: 1px solid #c4c7c5; background: #fff; color: #0b57d0; border-radius: 14px;
  padding: 3px 10px; cursor: pointer; }
.s-btn:hover { background: #f3f6fc; }
.s-btn:focus-visible, .s-input:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
.s-btn[data-primary] { background: #0b57d0; border-color: #0b57d0; color: #fff; }
.s-btn[data-danger] { color: #b3261e; }
.s-btn[data-primary][data-danger] { background: #b3261e; border-color: #b3261e; color: #fff; }
.s-btn:disabled { opacity: .5; cursor: default; }
.s-input { font: inherit; font-size: 12px; border: 1px solid #c4c7c5; border-radius: 6px; padding: 3px 6px; background: #fff; color: inherit; }
.s-alert { border-radius: 6px; padding: 6px 8px; margin: 6px 0; background: #fce8e6; color: #5c0b07; }
.s-info { border-radius: 6px; padding: 6px 8px; margin: 6px 0; background: #f1f3f4; color: #3c4043; }
.s-warn { border-radius: 6px; padding: 6px 8px; margin: 6px 0; background: #fef7e0; color: #5c3c00; }
.s-reason { padding: 4px 0; border-top: 1px solid #f1f1f1; }
.s-reason:first-child { border-top: 0; }
.s-bar { padding: 6px 10px; border-top: 1px solid #e3e3e3; }
.s-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.s-frame { position: relative; font: 13px/1.4 system-ui, sans-serif; color: #1f1f1f; background: #fff; }
.s-frame-bar { padding: 6px 12px 0; }
.s-frame-bar strong { flex: 1; }
.s-grip { position: absolute; left: 0; top: 0; bottom: 0; width: 6px; cursor: ew-resize; }
.s-grip:focus-visible { outline: 2px solid #0b57d0; }
[data-theme=dark] { background: #1f1f1f; color: #e3e3e3;
  .s-root, .s-btn, .s-input { background: #1f1f1f; color: #e3e3e3; }
  .s-btn { color: #a8c7fa; border-color: #8e918f; }
  .s-btn:hover { background: #303134; }
  .s-btn[data-primary] { background: #a8c7fa; border-color: #a8c7fa; color: #062e6f; }
  .s-btn[data-danger] { color: #f2b8b5; }
  .s-btn[data-primary][data-danger] { background: #f2b8b5; border-color: #f2b8b5; color: #601410; }
  .s-muted, h3 { color: #c4c7c5; }
  .s-card { border-color: #5f6368; }
  .s-badge, .s-info { background: #3c4043; color: #e3e3e3; }
  .s-warn, .s-badge[data-tone="warn"] { background: #4a3800; color: #ffe08a; }
  .s-alert, .s-badge[data-tone="bad"] { background: #601410; color: #ffdad6; }
  .s-badge[data-tone="good"] { background: #0f5223; color: #c4eed0; }
}
`;
