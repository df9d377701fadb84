import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What both scripted provider servers share: a loopback HTTP server on a random port, a script of turns and injected
 * failures consumed one per model request, a record of every request (headers and body, so tests can check what a
 * client sent and where the key went), and CORS answered as the hosted APIs answer it (so a page can call them).
 */

export interface ScriptedToolCall {
  /** The provider's call id; generated when absent. */
  id?: string;
  name: string;
  /** The argument JSON text, in the pieces the server streams (several, to exercise reassembly). */
  arguments: string | string[];
}

export interface ScriptedUsage {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface ScriptedTurn {
  kind?: 'turn';
  /** Text, in the pieces the server streams. */
  text?: string | string[];
  toolCalls?: ScriptedToolCall[];
  usage?: ScriptedUsage;
  /** The provider's own stop reason; derived from the content when absent. */
  stop?: string;
  /** Send this many stream events, then hold the response open until the client goes away (cancellation tests). */
  stallAfter?: number;
  /** Send this many stream events, then end the body without the closing events (a dropped stream). */
  dropAfter?: number;
  /** Send this many stream events, then an error event in the provider's shape (a failure after status 200). */
  errorAfter?: { events: number; type: string; message: string };
}

export interface ScriptedFailure {
  kind: 'fail';
  status: number;
  /** The provider's error type (Anthropic `rate_limit_error`, OpenAI `insufficient_quota`, …). */
  type: string;
  /** OpenAI's `code`. */
  code?: string;
  message: string;
  headers?: Record<string, string>;
}

/**
 * One model request's answer: fixed, or computed from the request (e.g. a turn that answers the tool result it was
 * sent, for the loop's end-to-end tests).
 */
export type ScriptStep =
  ScriptedTurn | ScriptedFailure | ((request: RecordedRequest, index: number) => ScriptedTurn | ScriptedFailure);

export interface RecordedRequest {
  method: string;
  /** Path and query, exactly as received. */
  url: string;
  headers: Record<string, string>;
  rawBody: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  body: unknown;
  /** What the server answered: the status, and for a scripted step its index. */
  status?: number;
  step?: number;
}

/** A request-shape failure, as the provider's server would answer it. */
export interface Rejection {
  status: number;
  type: string;
  code?: string;
  message: string;
}

export interface ProviderProtocol {
  /** The path model requests go to, e.g. /v1/messages. */
  path: string;
  /** Null when the caller may proceed; else the provider's refusal (missing key, wrong key, missing header…). */
  authorize(request: RecordedRequest): Rejection | null;
  /** Null when the body has the shape the provider accepts. */
  validate(body: unknown, request: RecordedRequest): Rejection | null;
  errorBody(rejection: Rejection): unknown;
  /** Writes the scripted turn as the provider would, streamed or as one JSON answer. */
  respond(turn: ScriptedTurn, body: unknown, res: ServerResponse, stepIndex: number, server: ScriptedServer): void;
}

export interface ScriptedServerOptions {
  /** Headers a CORS preflight may ask for; absent: any it asks (as the hosted APIs allow). */
  corsAllowHeaders?: string[];
}

export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  readonly preflights: RecordedRequest[] = [];
  url = '';
  readonly #script: ScriptStep[];
  readonly #protocol: ProviderProtocol;
  readonly #options: ScriptedServerOptions;
  #next = 0;
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  readonly #stalls = new Signal();
  readonly #closedStalls = new Signal();
  readonly #open = new Set<ServerResponse>();

  constructor(protocol: ProviderProtocol, script: ScriptStep[], options: ScriptedServerOptions = {}) {
    this.#protocol = protocol;
    this.#script = [...script];
    this.#options = options;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.#open) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Model requests that reached a scripted step (not refused by auth or shape checks). */
  get answered(): RecordedRequest[] {
    return this.requests.filter((r) => r.step !== undefined);
  }

  /** Steps of the script not yet used. */
  get remaining(): number {
    return this.#script.length - this.#next;
  }

  /** Resolves once `n` stalled turns have sent their events and hold their responses open. */
  whenStalled(n = 1): Promise<void> {
    return this.#stalls.atLeast(n);
  }

  /** Resolves once the client has gone away from `n` stalled responses. */
  whenStallClosed(n = 1): Promise<void> {
    return this.#closedStalls.atLeast(n);
  }

  /** For protocols: hold `res` open until the client leaves. */
  stall(res: ServerResponse): void {
    res.on('close', () => this.#closedStalls.bump());
    this.#stalls.bump();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#open.add(res);
    res.on('close', () => this.#open.delete(res));
    const rawBody = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers, rawBody, body };
    this.#cors(req, res);
    if (req.method === 'OPTIONS') {
      this.preflights.push(recorded);
      this.#preflight(req, res);
      return;
    }
    this.requests.push(recorded);
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== this.#protocol.path) {
      return this.#reject(res, recorded, {
        status: 404,
        type: 'not_found_error',
        message: `no route ${req.method} ${path}`,
      });
    }
    const refusal = this.#protocol.authorize(recorded);
    if (refusal) return this.#reject(res, recorded, refusal);
    if (body === undefined) {
      return this.#reject(res, recorded, {
        status: 400,
        type: 'invalid_request_error',
        message: 'the request body is not valid JSON',
      });
    }
    const invalid = this.#protocol.validate(body, recorded);
    if (invalid) return this.#reject(res, recorded, invalid);
    const index = this.#next++;
    const scripted = this.#script[index];
    const step = typeof scripted === 'function' ? scripted(recorded, index) : scripted;
    recorded.step = index;
    if (!step) {
      // A 400, not a 5xx: a client must not retry its way past the end of a script, and the test must see why.
      recorded.status = 400;
      return this.#sendError(res, {
        status: 400,
        type: 'invalid_request_error',
        message: `scripted server: the script has no step ${index} (it has ${this.#script.length})`,
      });
    }
    if (step.kind === 'fail') {
      recorded.status = step.status;
      return this.#sendError(res, step, step.headers);
    }
    recorded.status = 200;
    try {
      this.#protocol.respond(step, body, res, index, this);
    } catch (error) {
      // A broken script must fail its test loudly, never leave the client waiting.
      recorded.status = 500;
      if (!res.headersSent)
        this.#sendError(res, { status: 500, type: 'api_error', message: `scripted server: ${String(error)}` });
      else res.destroy();
    }
  }

  #reject(res: ServerResponse, recorded: RecordedRequest, rejection: Rejection): void {
    recorded.status = rejection.status;
    this.#sendError(res, rejection);
  }

  #sendError(res: ServerResponse, rejection: Rejection, extra: Record<string, string> = {}): void {
    res.writeHead(rejection.status, {
      'content-type': 'application/json',
      'request-id': `req_scripted_${this.requests.length}`,
      'x-request-id': `req_scripted_${this.requests.length}`,
      ...extra,
    });
    res.end(JSON.stringify(this.#protocol.errorBody(rejection)));
  }

  #cors(req: IncomingMessage, res: ServerResponse): void {
    if (!req.headers.origin) return;
    res.setHeader('access-control-allow-origin', req.headers.origin);
    res.setHeader('vary', 'Origin');
    // A page's SDK must read these to honour a rate limit; the hosted APIs expose them likewise.
    res.setHeader(
      'access-control-expose-headers',
      'retry-after, retry-after-ms, request-id, x-request-id, x-should-retry, anthropic-ratelimit-requests-reset',
    );
  }

  #preflight(req: IncomingMessage, res: ServerResponse): void {
    const asked = (req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    const allowed = this.#options.corsAllowHeaders?.map((h) => h.toLowerCase());
    const granted = allowed ? asked.filter((h) => allowed.includes(h)) : asked;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': granted.join(', '),
      'access-control-max-age': '600',
    });
    res.end();
  }
}

/** A counter that can be waited on: wait for signals, not sleeps. */
class Signal {
  #count = 0;
  readonly #waiters: { n: number; resolve: () => void }[] = [];

  bump(): void {
    this.#count++;
    for (const waiter of [...this.#waiters]) {
      if (this.#count >= waiter.n) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  atLeast(n: number): Promise<void> {
    if (this.#count >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ n, resolve }));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function pieces(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** Splits `text` into `n` pieces of near-equal length (for argument JSON streamed in fragments). */
export function split(text: string, n: number): string[] {
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * Writes events one by one, honouring a turn's stall/drop/error point. `format` renders one event; `errorEvent`
 * renders the provider's in-stream error.
 */
export function writeStream(
  res: ServerResponse,
  events: string[],
  turn: ScriptedTurn,
  server: ScriptedServer,
  errorEvent: (type: string, message: string) => string,
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const cut = turn.stallAfter ?? turn.dropAfter ?? turn.errorAfter?.events;
  const sent = cut === undefined ? events : events.slice(0, cut);
  for (const event of sent) res.write(event);
  if (turn.stallAfter !== undefined) {
    server.stall(res);
    return;
  }
  if (turn.errorAfter) res.write(errorEvent(turn.errorAfter.type, turn.errorAfter.message));
  res.end();
}
