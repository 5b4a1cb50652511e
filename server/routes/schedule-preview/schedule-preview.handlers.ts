import type { AppDeps } from '../../app-env';
import { listHolidayPlaces } from '../../domain/sequences/list-holiday-places';
import { previewSchedule } from '../../domain/sequences/preview-schedule';
import type { AppRouteHandler } from '../../http/router';
import type { ListHolidayPlacesRoute, PreviewScheduleRoute } from './schedule-preview.routes';

export function schedulePreviewHandlers(_deps: AppDeps) {
  const previewScheduleHandler: AppRouteHandler<PreviewScheduleRoute> = (c) =>
    c.json(previewSchedule(c.req.valid('json')), 200);
  const listHolidayPlacesHandler: AppRouteHandler<ListHolidayPlacesRoute> = (c) =>
    c.json(listHolidayPlaces(), 200);
  return { previewSchedule: previewScheduleHandler, listHolidayPlaces: listHolidayPlacesHandler };
}
