import type { Response } from 'express';
import type { ServiceResult } from '../services/result.js';

/** 200 with the data, or 422 with the list of every error code, as the original API answered. */
export function sendResult<T>(res: Response, result: ServiceResult<T>): void {
  if (result.ok) res.json(result.data);
  else res.status(422).json(result.errors);
}
