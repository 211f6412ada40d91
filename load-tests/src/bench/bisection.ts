/** One rate tried: did the shop sustain it? */
export interface RateProbe {
  rate: number;
  sustained: boolean;
}

export interface BisectionOptions {
  /** The first rate probed when no known sustained rate is at or above it. */
  startRate: number;
  /** Each step up multiplies the highest sustained rate by this, until a rate is not sustained. */
  stepFactor: number;
  /** Done when the bracket is no wider than the larger of these: a fraction of its low end, and orders/s. */
  relativeResolution: number;
  absoluteResolution: number;
  /** Never probes above this rate. */
  maxRate: number;
  /** At most this many new probes, whatever the resolution reached. */
  maxProbes: number;
}

/** The highest sustained rate seen and the lowest unsustained rate above it. */
export interface RateBracket {
  sustained: number | undefined;
  unsustained: number | undefined;
}

export function bracketOf(probes: readonly RateProbe[]): RateBracket {
  const passed = probes.filter((probe) => probe.sustained).map((probe) => probe.rate);
  const sustained = passed.length ? Math.max(...passed) : undefined;
  // A failure below a success is noise at the edge; the bracket keeps the success.
  const above = probes.filter((probe) => !probe.sustained && probe.rate > (sustained ?? 0)).map((probe) => probe.rate);
  return { sustained, unsustained: above.length ? Math.min(...above) : undefined };
}

/**
 * The next rate to probe, or undefined when the search is done: step up by `stepFactor` until a
 * rate is not sustained, then halve the bracket until it is within the resolution.
 */
export function nextRate(probes: readonly RateProbe[], options: BisectionOptions): number | undefined {
  const { sustained, unsustained } = bracketOf(probes);
  if (unsustained === undefined) {
    if (sustained === undefined || sustained < options.startRate) return Math.min(options.startRate, options.maxRate);
    if (sustained >= options.maxRate) return undefined;
    return Math.min(options.maxRate, Math.max(sustained + 1, Math.round(sustained * options.stepFactor)));
  }
  const low = sustained ?? 0;
  if (unsustained - low <= Math.max(options.absoluteResolution, options.relativeResolution * low)) return undefined;
  const middle = Math.round((low + unsustained) / 2);
  return middle > low && middle < unsustained ? middle : undefined;
}

export interface BisectionOutcome {
  /** Every probe, the known ones first, in the order they ran. */
  probes: RateProbe[];
  bracket: RateBracket;
  /** True when the probe cap ended the search before the resolution was reached. */
  capped: boolean;
}

/** Runs `probe` at the rates `nextRate` picks, starting from rates already known. */
export async function searchHighestRate(probe: (rate: number) => Promise<boolean>, options: BisectionOptions, known: readonly RateProbe[] = []): Promise<BisectionOutcome> {
  const probes = [...known];
  for (let count = 0; count < options.maxProbes; count++) {
    const rate = nextRate(probes, options);
    if (rate === undefined) return { probes, bracket: bracketOf(probes), capped: false };
    probes.push({ rate, sustained: await probe(rate) });
  }
  return { probes, bracket: bracketOf(probes), capped: nextRate(probes, options) !== undefined };
}
