/**
 * Escapes LIKE wildcards so user text matches literally; use with `ESCAPE '\'`.
 * Without it, `q=%` would match every row and `q=_` any one character.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
