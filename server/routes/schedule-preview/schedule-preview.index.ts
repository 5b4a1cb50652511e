import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { schedulePreviewHandlers } from './schedule-preview.handlers';
import * as r from './schedule-preview.routes';

export function schedulePreviewRoutes(deps: AppDeps) {
  const h = schedulePreviewHandlers(deps);
  return createRouter()
    .openapi(r.previewSchedule, h.previewSchedule)
    .openapi(r.listHolidayPlaces, h.listHolidayPlaces);
}
