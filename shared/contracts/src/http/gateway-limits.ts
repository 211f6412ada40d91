/** The gateway's size limits besides an order's own (ORDER_LIMITS), as its API description states them. */
export const GATEWAY_LIMITS = {
  /** Largest JSON body the API reads. */
  bodyBytes: 16 * 1024,
  /** Largest batch of the shop page's spans the relay reads. */
  spanBatchBytes: 64 * 1024,
  spansPerBatch: 256,
  /** The most of Jaeger's answer the trace lookup reads for one trace. */
  traceBytes: 2 * 1024 * 1024,
  /** An X-Fault header: characters, and rules in it. */
  faultSpecLength: 1_024,
  faultRules: 10,
} as const;
