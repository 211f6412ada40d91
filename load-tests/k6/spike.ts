// k6 run load-tests/k6/spike.ts   (BASE_URL, RATE, DURATION_S, VUS, ITERATIONS from the environment)
import { optionsFor } from './lib/scenarios';
import { shopJourney } from './lib/shop-journey';

export const options = optionsFor('spike');

export default shopJourney;
