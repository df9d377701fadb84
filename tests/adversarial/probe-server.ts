import { createServer, type Server, type Socket } from 'node:net';

/** One TCP connection the probe accepted, with the first bytes it carried (an HTTP request line, a TLS hello…). */
export interface ProbeHit {
  remote: string;
  firstBytes: string;
}

export interface ProbeServer {
  host: string;
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Every connection so far, in order. A hostile program that reaches the probe shows up here. */
  hits(): readonly ProbeHit[];
  close(): Promise<void>;
}

/** Collects a connection's first bytes for this long before the probe answers it. */
const FIRST_BYTES_MS = 100;

/**
 * A server on a free loopback port that records every TCP connection, whatever the protocol, so the adversarial tests
 * can assert that no candidate reached it. It is a raw TCP listener rather than an HTTP server because a socket that
 * connects and sends nothing, or speaks WebSocket or TLS, must count too. It answers like a permissive HTTP server
 * (CORS and CORP open, a script body) so that an attempt which got through would also succeed from the program's side
 * rather than fail for an unrelated reason.
 */
export function startProbeServer(): Promise<ProbeServer> {
  const hits: ProbeHit[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const hit: ProbeHit = { remote: `${socket.remoteAddress}:${socket.remotePort}`, firstBytes: '' };
    hits.push(hit);
    socket.on('data', (chunk: Buffer) => {
      if (hit.firstBytes.length < 512) hit.firstBytes += chunk.toString('latin1').slice(0, 512 - hit.firstBytes.length);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    setTimeout(() => {
      if (socket.destroyed) return;
      const body = 'probe reached\n';
      socket.end(
        [
          'HTTP/1.1 200 OK',
          'Content-Type: text/javascript',
          'Access-Control-Allow-Origin: *',
          'Cross-Origin-Resource-Policy: cross-origin',
          `Content-Length: ${body.length}`,
          'Connection: close',
          '',
          body,
        ].join('\r\n'),
      );
    }, FIRST_BYTES_MS);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') {
        reject(new Error('the probe server has no TCP address'));
        return;
      }
      const host = '127.0.0.1';
      resolve({
        host,
        port: address.port,
        origin: `http://${host}:${address.port}`,
        hits: () => hits,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** What a hostile program is told about the probe: one line `HOST PORT`, given as a file in its working directory. */
export function probeFile(probe: ProbeServer): Uint8Array {
  return new TextEncoder().encode(`${probe.host} ${probe.port}\n`);
}
