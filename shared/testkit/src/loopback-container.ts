import { GenericContainer } from 'testcontainers';

/**
 * A container whose ports are published on 127.0.0.1 only. testcontainers publishes on every
 * address of the host by default, which would put the test run's databases on the network.
 */
export class LoopbackContainer extends GenericContainer {
  withLoopbackPorts(...ports: number[]): this {
    this.withExposedPorts(...ports);
    for (const port of ports) this.hostConfig.PortBindings = { ...this.hostConfig.PortBindings, [`${port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '0' }] };
    return this;
  }
}
