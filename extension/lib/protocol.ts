import type * as Messages from '../../shared/schemas/extension-messages';

/*
 * The protocol's constants without its schemas: content scripts import these, and importing the
 * schema module would pull zod into every mail page. The types tie them to the schema module.
 */
export const STRIDE_CHANNEL: typeof Messages.STRIDE_CHANNEL = 'stride';
export const NOTICE_PORT: typeof Messages.NOTICE_PORT = 'stride:notices';
