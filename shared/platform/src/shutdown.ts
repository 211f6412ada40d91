import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Runs the steps in order on SIGTERM or SIGINT (stop intake first, flush telemetry last),
 * then exits. A hard timeout makes sure a stuck step cannot keep the process alive.
 */
export function onShutdown(logger: Logger, steps: ShutdownStep[], hardTimeoutMs = 10_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutdown.started');
    const timer = setTimeout(() => {
      logger.error({ hardTimeoutMs }, 'shutdown.timed_out');
      process.exit(1);
    }, hardTimeoutMs);
    timer.unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: step.name }, 'shutdown.step_failed');
      }
    }
    logger.info('shutdown.finished');
    process.exit(failed ? 1 : 0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
