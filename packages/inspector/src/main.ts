#!/usr/bin/env node
/**
 * The local trace inspector, a long-running process (`cruddur-inspector [--host HOST] …`, see
 * `config.ts`): the CLI edge. Every failure ends with one `✖ … — fix: …` line and exit code 1.
 */
import { format } from 'node:util';
import { cloudLinks } from './cloud-links.js';
import { HELP, parseInspectorConfig, wantsHelp } from './config.js';
import { failureLine } from '@cruddur/trace-contract';
import { startInspector } from './server.js';

const say =
  (marker: string) =>
  (...args: unknown[]) =>
    process.stdout.write(`${marker}${format(...args)}\n`);
const info = say('');
const ok = say('✔ ');
const warn = (line: string) => process.stderr.write(`! ${line}\n`);

try {
  if (wantsHelp(process.argv.slice(2))) {
    info(HELP);
  } else {
    await serve();
  }
} catch (err) {
  if (process.env.DEBUG && err instanceof Error && err.stack) warn(err.stack);
  process.stderr.write(`✖ ${failureLine(err)}\n`);
  process.exitCode = 1;
}

async function serve(): Promise<void> {
  const config = parseInspectorConfig(process.argv.slice(2), process.env, process.cwd());
  const links = await cloudLinks(config.cloud, warn);
  const inspector = await startInspector({ ...config, links, note: warn });
  ok(`inspector ready: page and API ${inspector.httpUrl}/`);
  info(`  X-Ray daemon protocol  udp+tcp ${config.host}:${inspector.xrayPort}  (AWS_XRAY_DAEMON_ADDRESS)`);
  info(`  OTLP/HTTP traces       ${inspector.httpUrl}/v1/traces  (OTEL_EXPORTER_OTLP_ENDPOINT=${inspector.httpUrl})`);
  info(`  Rollbar items          ${inspector.httpUrl}/api/1/item/  (ROLLBAR_ENDPOINT)`);
  info(`  ${inspector.store.traces().length} traces kept from earlier runs`);

  const stop = (signal: NodeJS.Signals) => {
    info(`› ${signal}: saving traces and stopping`);
    inspector.close().then(
      () => ok('inspector stopped'),
      (err: unknown) => {
        process.stderr.write(`✖ could not stop cleanly: ${failureLine(err)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
