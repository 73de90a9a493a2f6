/** The `code` of a Node system error, if any. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
