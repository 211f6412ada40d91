export { startServiceApp, type BackendService, type ServiceApp, type ServiceAppOptions } from './start-service-app';
