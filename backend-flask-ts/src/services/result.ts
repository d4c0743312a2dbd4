/** What every service returns: data, or every error code that applies (answered as HTTP 422). */
export type ServiceResult<T> = { ok: true; data: T } | { ok: false; errors: string[] };

export function success<T>(data: T): ServiceResult<T> {
  return { ok: true, data };
}

/** Succeeds with `build()` only when no code applies, so callers list every check in one place. */
export function validated<T>(errors: string[], build: () => T): ServiceResult<T> {
  return errors.length > 0 ? { ok: false, errors } : success(build());
}
