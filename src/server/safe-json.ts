import type { Context } from 'hono';

const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON text with `<`, `>`, `&` and the two JavaScript line separators written as `\uXXXX`
 * escapes: the same value for any JSON parser, but workspace text such as `</script>` or `<img …>`
 * never appears as markup in a response, whatever reads it (a browser sniffing the type, a proxy, a
 * log viewer).
 */
export function safeJsonText(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A JSON response written with `safeJsonText`. */
export function safeJson(context: Context, value: unknown, status: 200 | 201 | 202 = 200): Response {
  return context.body(safeJsonText(value), status, { 'content-type': 'application/json; charset=utf-8' });
}
