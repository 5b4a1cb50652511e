import { loadConfig } from './config';
import { printBanner } from './runtime/banner';
import { startServer } from './start-server';

// Entry point: wiring only. `--banner` (used by `npm start`) prints a newcomer's next steps.
const config = loadConfig(process.env);
const running = await startServer(config, console).catch((err: Error) => {
  console.error(`Stride could not start: ${err.message}`);
  process.exit(1);
});

if (process.argv.includes('--banner')) printBanner(running, config);
else {
  console.info(
    config.role === 'worker'
      ? `Stride worker running (db: ${running.database.kind})`
      : `Stride ${config.role} listening on ${running.url} (db: ${running.database.kind})`,
  );
  if (running.admin.generatedPassword) {
    console.info(
      `First admin created: ${running.admin.email} / ${running.admin.generatedPassword} (shown once)`,
    );
  }
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.info(`${signal}: stopping Stride…`);
  await running.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
