/**
 * Where a fault can be injected. A point is `<service>.<operation>`; its type decides which
 * kinds make sense there.
 */
export type PointType = 'operation' | 'consume' | 'db' | 'call';

export const FAULT_POINTS = {
  'gateway.submit': 'operation',
  'gateway.orders': 'call',
  'gateway.inventory': 'call',
  'orders.place': 'operation',
  'orders.inventory': 'call',
  'orders.consume': 'consume',
  'orders.db': 'db',
  'inventory.reserve': 'operation',
  'inventory.consume': 'consume',
  'inventory.db': 'db',
  'payments.charge': 'operation',
  'payments.consume': 'consume',
  'payments.db': 'db',
} as const satisfies Record<string, PointType>;

export type FaultPoint = keyof typeof FAULT_POINTS;

export const FAULT_KINDS = {
  latency: ['operation', 'consume', 'call'],
  error: ['operation', 'consume', 'call'],
  timeout: ['operation', 'call'],
  // The call goes out without the caller's trace context: the callee starts a trace of its own.
  'lose-context': ['call'],
  crash: ['operation', 'consume'],
  drop: ['consume'],
  duplicate: ['consume'],
  delay: ['consume'],
  poison: ['consume'],
  redeliver: ['consume'],
  'slow-query': ['db'],
  'db-error': ['db'],
} as const satisfies Record<string, readonly PointType[]>;

export type FaultKind = keyof typeof FAULT_KINDS;

export const SERVICES = ['gateway', 'orders', 'inventory', 'payments'] as const;

export const isFaultPoint = (target: string): target is FaultPoint => Object.hasOwn(FAULT_POINTS, target);
export const isFaultKind = (kind: string): kind is FaultKind => Object.hasOwn(FAULT_KINDS, kind);

/** The points where `kind` can happen. */
export const pointsFor = (kind: FaultKind): FaultPoint[] => (Object.keys(FAULT_POINTS) as FaultPoint[]).filter((point) => (FAULT_KINDS[kind] as readonly PointType[]).includes(FAULT_POINTS[point]));

/** The points a rule's target covers: one point, or every point of a service. */
export function pointsOf(target: string): FaultPoint[] {
  if (isFaultPoint(target)) return [target];
  return (Object.keys(FAULT_POINTS) as FaultPoint[]).filter((point) => point.startsWith(`${target}.`));
}
