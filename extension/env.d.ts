/** Replaced at build time from WXT_STRIDE_SERVER_URL (see wxt.config.ts). */
declare const __STRIDE_DEFAULT_SERVER_URL__: string;
