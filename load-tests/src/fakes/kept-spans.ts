import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';

/** An in-memory exporter whose spans outlive its shutdown, so a test can read them after a run is closed. */
export class KeptSpanExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
