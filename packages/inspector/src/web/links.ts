/** Links out of the page, per trace, from the builders the process edge made (only where cloud settings exist). */
import type { TraceView } from '../query/types.js';

export interface LinkBuilders {
  xray?: (traceId: string) => string;
  honeycomb?: (traceId: string, startedAt: Date) => string;
  rollbar?: (uuid: string) => string;
}

export interface TraceLinks {
  xray: string | undefined;
  honeycomb: string | undefined;
  /** By item uuid. */
  rollbar: Record<string, string>;
}

export function traceLinks(builders: LinkBuilders, view: Pick<TraceView, 'traceId' | 'startMs' | 'items'>): TraceLinks {
  const { rollbar } = builders;
  return {
    xray: builders.xray?.(view.traceId),
    honeycomb: builders.honeycomb?.(view.traceId, new Date(view.startMs)),
    rollbar: rollbar ? Object.fromEntries(view.items.map((item) => [item.uuid, rollbar(item.uuid)])) : {},
  };
}
