import { describe, expect, it } from 'vitest';
import { createCallSlots } from './call-slots';

const never = () => new AbortController().signal;

describe('call slots', () => {
  it('lets calls through up to the limit at once', async () => {
    const slots = createCallSlots(2);
    await slots.take(never());
    await slots.take(never());
    expect(slots.inFlight).toBe(2);
    expect(slots.waiting).toBe(0);
  });

  it('makes the next call wait until one is done, first come first served', async () => {
    const slots = createCallSlots(1);
    const free = await slots.take(never());
    const admitted: string[] = [];
    const first = slots.take(never()).then((freeFirst) => (admitted.push('first'), freeFirst));
    const second = slots.take(never()).then(() => admitted.push('second'));
    await Promise.resolve();
    expect(admitted).toEqual([]);
    expect(slots.waiting).toBe(2);

    free();
    (await first)();
    await second;
    expect(admitted).toEqual(['first', 'second']);
    expect(slots.inFlight).toBe(1);
  });

  it('gives up the wait when the call times out, and the next in line still gets the slot', async () => {
    const slots = createCallSlots(1);
    const free = await slots.take(never());
    const timedOut = slots.take(AbortSignal.timeout(10));
    const patient = slots.take(never());
    await expect(timedOut).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(slots.waiting).toBe(1);

    free();
    await expect(patient).resolves.toBeTypeOf('function');
  });

  it('counts a slot freed twice once', async () => {
    const slots = createCallSlots(2);
    const free = await slots.take(never());
    free();
    free();
    expect(slots.inFlight).toBe(0);
    await slots.take(never());
    await slots.take(never());
    expect(slots.inFlight).toBe(2);
  });
});
