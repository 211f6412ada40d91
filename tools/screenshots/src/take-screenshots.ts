#!/usr/bin/env node
// Takes the workshop's screenshots of the shop page from a running stack:
//   pnpm screenshots [output folder, default docs/workshop/images]
// Best on a fresh stack (`make clean && make up`), so the catalogue holds only the demo products.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, stackEndpoints, type Page } from '@tracebed/testkit';

async function orderWith(page: Page, skus: string[], faults: string): Promise<void> {
  for (const sku of skus) await page.locator(`#products li[data-sku="${sku}"] button`).click();
  if (faults) {
    if ((await page.locator('#fault-panel').getAttribute('open')) === null) await page.locator('#fault-panel summary').click();
    await page.getByLabel('X-Fault').fill(faults);
  }
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.locator('p[data-status]:not([data-status="pending"])').waitFor({ timeout: 60_000 });
  await page.locator('ol.waterfall li').first().waitFor({ timeout: 30_000 });
  await page.locator('h1').scrollIntoViewIfNeeded();
}

async function main(): Promise<void> {
  const output = path.resolve(process.argv[2] ?? 'docs/workshop/images');
  mkdirSync(output, { recursive: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(stackEndpoints().gatewayUrl);
    await page.locator('#products li').first().waitFor();
    await orderWith(page, ['MUG-SPAN', 'STICKERS'], '');
    await page.screenshot({ path: path.join(output, 'shop-paid-order.png'), fullPage: true });
    await page.reload();
    await page.locator('#products li').first().waitFor();
    await orderWith(page, ['TEE-TRACE'], 'inventory.reserve=latency:400ms');
    await page.screenshot({ path: path.join(output, 'shop-slow-reservation.png'), fullPage: true });
    console.log(`screenshots written to ${output}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
