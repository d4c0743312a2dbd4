/**
 * Keeps secrets out of what the delivery record shows: every secret the telemetry paths hold (keys,
 * tokens, export headers, AWS credentials once resolved) is replaced by its mask in any text that
 * came from outside (an error body, an exception message).
 */
import { maskSecret } from '@cruddur/trace-contract';

export class Redactor {
  readonly #secrets = new Set<string>();

  add(...values: Array<string | undefined>): void {
    for (const value of values) if (value && value.length >= 4) this.#secrets.add(value);
  }

  readonly redact = (text: string): string => {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
    return out;
  };
}
