import { inventoryRoutes } from '../../inventory/src/entry-points/http';
async function f(): Promise<void> {}
export function g(): void { f(); void inventoryRoutes; }
