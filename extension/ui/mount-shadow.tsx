import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Cleanup } from '../hosts/mail-host';
import { STRIDE_CSS } from './styles';

/** Renders `node` inside `anchor`; returns the unmount. */
export type MountUi = (anchor: HTMLElement, name: string, node: ReactNode) => Cleanup;

/**
 * React in a shadow root per panel/bar through WXT's createShadowRootUi: the mail page's CSS stays
 * out, and isolateEvents keeps Gmail's and Outlook's keyboard shortcuts from eating keystrokes.
 */
export function createShadowMount(ctx: ContentScriptContext): MountUi {
  return (anchor, name, node) => {
    let removed = false;
    let remove: Cleanup | undefined;
    void createShadowRootUi<Root>(ctx, {
      name,
      position: 'inline',
      anchor,
      append: 'last',
      isolateEvents: true,
      css: STRIDE_CSS,
      onMount(container) {
        const root = createRoot(container);
        root.render(node);
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    }).then((ui) => {
      if (removed) return;
      ui.mount();
      remove = () => ui.remove();
    });
    return () => {
      removed = true;
      remove?.();
    };
  };
}
