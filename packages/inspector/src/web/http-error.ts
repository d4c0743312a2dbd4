/** A request the inspector's API refuses, with the HTTP status that says why (Fastify's error handler reads `statusCode`). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
