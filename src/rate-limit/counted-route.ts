/**
 * Whether a route template is inside the budget: everything under the global prefix set in
 * app.factory.ts (importing it from there would be circular); not health, docs or pages.
 */
export function isCountedRoute(template: string): boolean {
  return /^\/api\/v1(?:\/|$)/.test(template);
}
