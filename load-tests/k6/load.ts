// k6 run load-tests/k6/load.ts   (BASE_URL, RATE, DURATION_S, VUS, ITERATIONS from the environment)
import { optionsFor } from './lib/scenarios';
import { shopJourney } from './lib/shop-journey';

export const options = optionsFor('load');

export default shopJourney;
