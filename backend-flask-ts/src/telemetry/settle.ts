/**
 * Runs `work`, then `end` once it has finished: at once, or when its promise settles. Errors are
 * passed to `end` and then rethrown (or re-rejected), so tracing never changes what the caller sees.
 */
export function endAfter<T>(work: () => T, end: (error?: unknown) => void): T {
  let result: T;
  try {
    result = work();
  } catch (error) {
    end(error);
    throw error;
  }
  if (!(result instanceof Promise)) {
    end();
    return result;
  }
  return result.then(
    (value: unknown) => {
      end();
      return value;
    },
    (error: unknown) => {
      end(error);
      throw error;
    },
  ) as T;
}
