import { forbidden } from './errors';

/**
 * Who is acting: the signed-in user a use-case checks access for. A domain type, so use-cases never
 * import Hono; the HTTP layer builds it from the bearer token (`server/http/require-auth.ts`).
 */
export interface Actor {
  id: string;
  teamId: string;
  email: string;
  name: string;
  role: 'admin' | 'rep';
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** Team administration (users, blocklist) is for admins only. */
export function assertAdmin(actor: Pick<Actor, 'role'>): void {
  if (actor.role !== 'admin') throw forbidden('only an admin can do this');
}
