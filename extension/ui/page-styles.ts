import { STRIDE_CSS } from './styles';

/** The shadow-root styles plus layout for the extension's own pages (options, popup). */
export const PAGE_CSS = `${STRIDE_CSS.replace(/:host\s*\{[^}]*\}/, '')}
body { margin: 0; background: #f8fafd; }
.s-options { max-width: 640px; margin: 24px auto; padding: 20px 24px; border-radius: 12px; }
.s-options h1 { font-size: 18px; margin: 0 0 12px; }
.s-options nav { display: flex; gap: 12px; margin-bottom: 12px; }
.s-options nav a[aria-current="page"] { font-weight: 600; }
.s-field { display: flex; flex-direction: column; gap: 2px; margin: 0 0 10px; max-width: 360px; }
.s-field .s-input { padding: 6px 8px; font-size: 13px; }
.s-popup { width: 260px; }
.s-popup header h1 { font-size: 14px; margin: 0 0 6px; }
.s-skip { position: absolute; left: 8px; top: -40px; background: #0b57d0; color: #fff; border: 0; font: inherit; padding: 6px 10px; border-radius: 6px; }
.s-skip:focus { top: 8px; }
main:focus { outline: none; }
`;

export function injectPageStyles(doc: Document): void {
  const style = doc.createElement('style');
  style.textContent = PAGE_CSS;
  doc.head.append(style);
}
