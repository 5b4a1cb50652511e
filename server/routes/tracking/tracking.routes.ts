/**
 * Public tracking endpoints (API.md "Engagement"): no login, nothing but a redirect or a pixel, so
 * they are plain routes, not in the OpenAPI document. Both answer GET and HEAD.
 */
export const trackClick = { methods: ['GET', 'HEAD'], path: '/t/c/:token' } as const;
export const trackOpen = { methods: ['GET', 'HEAD'], path: '/t/o/:token' } as const;
