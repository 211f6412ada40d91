export { LABS } from './labs';
export { createLabContext, type LabContext, type ShopOrder } from './lab-context';
export { renderReport, CheckStopped, type Finding } from './findings';
export { runCheck, type Lab, type Answers } from './lab';
export { CUSTOM_SPAN } from './labs/05-custom-span';
