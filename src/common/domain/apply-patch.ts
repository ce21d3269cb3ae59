/**
 * PATCH semantics: a field left out keeps its stored value, a field sent (even as `null`) replaces
 * it. Validated DTOs may carry declared-but-absent fields as `undefined`, so those are skipped.
 */
export function applyPatch<T extends object>(target: T, patch: Partial<T>): T {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}
