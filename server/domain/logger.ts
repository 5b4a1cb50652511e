/** Where the server writes what happened: injected (console in production, a spy in tests). */
export type Logger = Pick<Console, 'error' | 'info' | 'warn'>;
