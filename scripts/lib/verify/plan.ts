/**
 * From the backend's answer to destinations: the mode and the plan come from its delivery record
 * (`backend-plan.ts`, pure); this module only builds what each destination needs (clients, settings).
 */
import type { DeliveryRecord } from '@cruddur/trace-contract';
import { createXrayClient } from '../aws/clients.js';
import type { Mode, ToolkitConfig } from '../config/parse.js';
import { composeServiceLog } from '../stack/compose.js';
import { inspectorUrl } from '../stack/local/env.js';
import { planFromRecord, type PlannedDestination } from './backend-plan.js';
import { honeycombDestination } from './destinations/honeycomb.js';
import { localDestination } from './destinations/local.js';
import { rollbarDestination } from './destinations/rollbar.js';
import { xrayDestination } from './destinations/xray.js';
import type { Destination } from './types.js';

/** A destination the plan already knows is broken: it fails with that cause, in the report like any other. */
function refusedDestination(planned: Extract<PlannedDestination, { refused: unknown }>): Destination {
  return {
    name: planned.name,
    pipeline: planned.pipeline,
    verify: () => Promise.reject(planned.refused),
  };
}

function build(planned: PlannedDestination, record: DeliveryRecord, config: ToolkitConfig): Destination {
  if ('refused' in planned) return refusedDestination(planned);
  if (planned.name === 'local')
    return localDestination({
      inspectorUrl: inspectorUrl(config),
      xrayPort: config.inspector.xrayPort,
      xrayUrlPattern: config.xrayUrlPattern,
      paths: record.paths,
    });
  if (planned.name === 'xray') {
    return xrayDestination({
      config,
      client: createXrayClient(config),
      pipeline: planned.pipeline,
      target: planned.target,
      xrayUrlPattern: config.xrayUrlPattern,
      readDaemonLog: () => composeServiceLog({ root: config.root, env: config.env }, 'xray-daemon'),
      disagreement: planned.disagreement,
    });
  }
  const agreement = { disagreement: planned.disagreement, credentialNote: planned.credentialNote };
  if (planned.name === 'honeycomb')
    return honeycombDestination({
      target: planned.target,
      toolkit: config.honeycomb,
      serviceName: config.serviceName,
      queryKey: config.honeycombQueryKey,
      ...agreement,
    });
  return rollbarDestination({ target: planned.target, readToken: config.rollbarReadToken, ...agreement });
}

export function planDestinations(record: DeliveryRecord, mode: Mode, config: ToolkitConfig): Destination[] {
  return planFromRecord(record, mode, {
    honeycomb: config.honeycomb,
    rollbar: config.rollbar,
    region: config.aws.region,
    xrayPipeline: config.xrayPipeline,
    xrayPipelineExplicit: config.xrayPipelineExplicit,
  }).map((planned) => build(planned, record, config));
}
