/**
 * The local trace inspector, a long-running process: `tsx scripts/inspector/main.ts [--host HOST]`.
 * Ports and the state folder come from the toolkit config (CRUDDUR_INSPECTOR_XRAY_PORT,
 * CRUDDUR_INSPECTOR_HTTP_PORT, CRUDDUR_STATE_DIR); `--host 0.0.0.0` is for containers.
 */
import { parseTaskArgs } from '../lib/args.js';
import { runCli } from '../lib/cli.js';
import { loadToolkitConfig } from '../lib/config/load.js';
import { cloudLinks } from './cloud-links.js';
import { startInspector } from './server.js';

await runCli(async (log, argv) => {
  const { host = '127.0.0.1' } = parseTaskArgs('inspector', argv, { host: { type: 'string', value: 'HOST', description: 'the address to listen on (default 127.0.0.1; 0.0.0.0 in a container)' } });
  // The inspector is local mode by definition, whatever cloud settings the environment holds.
  const config = loadToolkitConfig({ flags: { mode: 'local' } });
  const note = (line: string) => log.warn(line);
  const links = await cloudLinks(config, note);
  const inspector = await startInspector({ host, ...config.inspector, stateDir: config.stateDir, links, note });
  log.ok(`inspector ready: page and API ${inspector.httpUrl}/`);
  log.info(`  X-Ray daemon protocol  udp+tcp ${host}:${inspector.xrayPort}  (AWS_XRAY_DAEMON_ADDRESS)`);
  log.info(`  OTLP/HTTP traces       ${inspector.httpUrl}/v1/traces  (OTEL_EXPORTER_OTLP_ENDPOINT=${inspector.httpUrl})`);
  log.info(`  Rollbar items          ${inspector.httpUrl}/api/1/item/  (ROLLBAR_ENDPOINT)`);
  log.info(`  ${inspector.store.traces().length} traces kept from earlier runs`);

  const stop = (signal: NodeJS.Signals) => {
    log.step(`${signal}: saving traces and stopping`);
    inspector.close().then(
      () => log.ok('inspector stopped'),
      (err: unknown) => log.fail(`could not stop cleanly: ${String(err)}`),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
