import type { Lab } from '../lab';
import { firstTrace } from './01-first-trace';
import { acrossTheQueue } from './02-across-the-queue';
import { slowService } from './03-slow-service';
import { failedPayments } from './04-failed-payments';
import { customSpan } from './05-custom-span';
import { lostAndDuplicated } from './06-lost-and-duplicated';
import { sampling } from './07-sampling';

export const LABS: readonly Lab[] = [firstTrace, acrossTheQueue, slowService, failedPayments, customSpan, lostAndDuplicated, sampling];
