import type { AppDeps } from '../../app-env';
import { previewSchedule } from '../../domain/sequences/preview-schedule';
import type { AppRouteHandler } from '../../http/router';
import type { PreviewScheduleRoute } from './schedule-preview.routes';

export function schedulePreviewHandlers(_deps: AppDeps) {
  const previewScheduleHandler: AppRouteHandler<PreviewScheduleRoute> = (c) =>
    c.json(previewSchedule(c.req.valid('json')), 200);
  return { previewSchedule: previewScheduleHandler };
}
