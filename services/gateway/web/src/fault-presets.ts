// Ready-made faults for the fault panel: one per lesson a learner usually wants to see.
export const FAULT_PRESETS: readonly { label: string; faults: string }[] = [
  { label: 'Slow stock reservation', faults: 'inventory.reserve=latency:800ms' },
  { label: 'Payment charge fails', faults: 'payments.charge=error' },
  { label: 'Slow SQL in orders', faults: 'orders.db=slow-query:400ms' },
  { label: 'Payment message lost', faults: 'payments.consume=drop' },
  { label: 'Payment message twice', faults: 'payments.consume=duplicate' },
];
