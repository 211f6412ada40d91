/** The shop's four services: each name is also its folder, package, `service.name` and database. */
export const SERVICES = ['gateway', 'orders', 'inventory', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];
