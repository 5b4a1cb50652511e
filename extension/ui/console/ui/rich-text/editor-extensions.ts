import { Extension, type Extensions } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';

/** A web, mail or phone address, or a template tag such as `{{meetingLink}}` filled in at send time. */
export const LINK_ADDRESS = /^(https?:\/\/\S+|mailto:\S+|tel:[+\d\s().-]+|\{\{[^{}]+\}\})$/i;
/** Images are fetched by the recipient's mail client: only a web address can be one. */
export const IMAGE_ADDRESS = /^https?:\/\/\S+$/i;

/**
 * What the editor can hold, and so what pasted HTML is cut down to: the schema drops every tag and
 * attribute it does not know (scripts, styles, handlers, forms), the link mark refuses javascript:
 * URLs and images refuse data: ones. It is a subset of what the server's sanitizer keeps, so a body
 * saved from here is stored as written.
 */
export function editorExtensions(onLinkShortcut?: () => void): Extensions {
  return [
    StarterKit.configure({
      // The server keeps h1–h3 only; code blocks and strike have no place in a sales email.
      heading: { levels: [1, 2, 3] },
      codeBlock: false,
      code: false,
      strike: false,
      link: false,
      trailingNode: false,
    }),
    Link.configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['mailto', 'tel'],
      HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer', class: null },
    }),
    Image.extend({
      addAttributes() {
        return {
          ...this.parent?.(),
          // An image without a description is decorative (alt=""), never unlabelled.
          alt: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('alt') ?? '' },
        };
      },
    }).configure({ allowBase64: false, inline: false }),
    Extension.create({
      name: 'strideLinkShortcut',
      addKeyboardShortcuts: () => ({
        'Mod-k': () => {
          onLinkShortcut?.();
          return onLinkShortcut !== undefined;
        },
      }),
    }),
  ];
}
