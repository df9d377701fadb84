/**
 * The probe server itself: the adversarial suites assert it logged nothing, which only means something if it does
 * log what reaches it — an HTTP request, and a bare TCP connection that never sends a byte.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeServer, type ProbeServer } from './probe-server.ts';

describe('the probe server', () => {
  let probe: ProbeServer;
  beforeAll(async () => {
    probe = await startProbeServer();
  });
  afterAll(() => probe?.close());

  it('starts with nothing logged, then logs an HTTP request with its request line and answers it', async () => {
    expect(probe.hits()).toEqual([]);
    const response = await fetch(`${probe.origin}/hello`);
    expect(await response.text()).toBe('probe reached\n');
    expect(probe.hits()).toHaveLength(1);
    expect(probe.hits()[0]?.firstBytes).toMatch(/^GET \/hello HTTP\/1\.1\r\n/);
  });

  it('logs a TCP connection that sends nothing', async () => {
    const before = probe.hits().length;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(probe.port, probe.host, () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
    await expect.poll(() => probe.hits().length).toBe(before + 1);
    expect(probe.hits()[before]?.firstBytes).toBe('');
  });
});
