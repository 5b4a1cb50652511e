/**
 * Who is acting: the signed-in user a use-case checks access for. A domain type, so use-cases never
 * import Hono; the HTTP layer builds it from the bearer token (`server/auth/middleware.ts`).
 */
export interface Actor {
  id: string;
  teamId: string;
  email: string;
  name: string;
  role: 'admin' | 'rep';
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';
