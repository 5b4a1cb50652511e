import type { AppDeps } from '../../app-env';
import { checkHealth } from '../../domain/health/check-health';
import type { AppRouteHandler } from '../../http/router';
import type { GetHealthRoute } from './health.routes';

export function healthHandlers(deps: Pick<AppDeps, 'database'>) {
  const getHealthHandler: AppRouteHandler<GetHealthRoute> = async (c) =>
    c.json(await checkHealth({ database: deps.database }), 200);
  return { getHealth: getHealthHandler };
}
