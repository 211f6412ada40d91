export interface StockLine {
  sku: string;
  quantity: number;
}

export interface ReservedLine extends StockLine {
  unitPriceCents: number;
}

/**
 * One line per SKU, quantities summed, in SKU order. Reserving rows in one fixed order
 * keeps two concurrent orders for the same SKUs from deadlocking each other.
 */
export function mergeLines(lines: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([sku, quantity]) => ({ sku, quantity }));
}

export function totalCents(lines: readonly ReservedLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}
