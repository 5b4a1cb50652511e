/** Where Stride floats its UI when OWA offers no anchor to dock it to. */
export function floatingStyle(edge: 'top' | 'bottom'): Partial<CSSStyleDeclaration> {
  return {
    position: 'fixed',
    right: '16px',
    ...(edge === 'top' ? { top: '64px' } : { bottom: '16px' }),
    width: '320px',
    maxHeight: '70vh',
    overflow: 'auto',
    zIndex: '2147483000',
    boxShadow: '0 8px 24px rgba(0,0,0,.18)',
    borderRadius: '8px',
    background: '#fff',
  };
}
