import type { Lab } from '../lab';
import { firstTrace } from './01-first-trace';
import { acrossTheQueue } from './02-across-the-queue';
import { slowService } from './03-slow-service';
import { failedPayments } from './04-failed-payments';
import { customSpan } from './05-custom-span';
import { lostAndDuplicated } from './06-lost-and-duplicated';
import { sampling } from './07-sampling';
import { symptomToCause } from './08-symptom-to-cause';
import { brokenHop } from './09-broken-hop';

export const LABS: readonly Lab[] = [firstTrace, acrossTheQueue, slowService, failedPayments, customSpan, lostAndDuplicated, sampling, symptomToCause, brokenHop];
