// k6 provides console (its output goes to k6's log); @types/k6 does not declare it.
declare const console: {
  log(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
};
