import type { LabContext, ServiceName } from '../lab-context';

const SERVICES: ServiceName[] = ['gateway', 'orders', 'inventory', 'payments'];
/** The longest a service keeps an admin fault: a forgotten lab cannot slow the shop for long. */
const SCENE_TTL_SECONDS = 60 * 60;

export interface HiddenFault {
  service: ServiceName;
  rule: string;
  /** When the scene was set, as far as the service says (its rule's expiry, less the TTL). */
  setAt?: Date;
}

/** A lab's scene: one fault set through a service's admin API, which the learner must find. */
export function hiddenFaults(candidates: HiddenFault[]) {
  const points = candidates.map((candidate) => candidate.rule.slice(0, candidate.rule.indexOf('=')));
  const isScene = (rule: string) => points.some((point) => rule.startsWith(`${point}=`));

  /** The scene now in place, read from the services themselves. */
  async function current(context: LabContext): Promise<HiddenFault | undefined> {
    for (const service of SERVICES) {
      const listing = await context.admin(service).list();
      const rule = listing.rules.find((listed) => listed.source === 'admin' && isScene(listed.rule));
      if (rule) return { service, rule: rule.rule, ...(rule.expiresAt ? { setAt: new Date(Date.parse(rule.expiresAt) - SCENE_TTL_SECONDS * 1_000) } : {}) };
    }
    return undefined;
  }

  async function clear(context: LabContext): Promise<HiddenFault | undefined> {
    const scene = await current(context);
    if (scene) await context.admin(scene.service).clear();
    return scene;
  }

  /** Replaces any earlier scene with a randomly chosen one. */
  async function set(context: LabContext): Promise<HiddenFault> {
    await clear(context);
    const chosen = candidates[Math.floor(Math.random() * candidates.length)]!;
    await context.admin(chosen.service).replace(chosen.rule, SCENE_TTL_SECONDS);
    return chosen;
  }

  return {
    current,
    /** A lab's start and reset for this scene, with what each says to the learner. */
    labActions(said: { started: string; cleared: string; nothingToClear: string }) {
      return {
        start: async (context: LabContext) => {
          await set(context);
          return said.started;
        },
        reset: async (context: LabContext) => ((await clear(context)) ? said.cleared : said.nothingToClear),
      };
    },
  };
}
