import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, with whether the library verified it and with which secret. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** Which of the receiver's secrets verified it (Webhook.verify), null when none did. */
  verifiedWith: string | null;
}

export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/**
 * A real HTTP webhook receiver for tests (node:http on 127.0.0.1): verifies every
 * request with `standardwebhooks`' Webhook.verify — what a customer's code does —
 * and answers from a script (one answer per request, the last one repeated).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private answers: Answer[] = [{ status: 200 }];
  secrets: string[] = [];
  private readonly hanging: ServerResponse[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => receiver!.handle(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, (server.address() as AddressInfo).port);
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The answers to the next requests, in order; the last one stays for the requests after. */
  script(...answers: Answer[]): void {
    this.answers = answers;
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async waitFor(path: string, count: number, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.on(path).length < count) {
      if (Date.now() > deadline) throw new Error(`receiver got ${this.on(path).length} request(s) on ${path}, wanted ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.on(path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(path: string, headers: IncomingHttpHeaders, body: string, res: ServerResponse): void {
    const verifiedWith =
      this.secrets.find((secret) => {
        try {
          new Webhook(secret).verify(body, headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      }) ?? null;
    this.received.push({ path, headers, body, at: Date.now(), verifiedWith });
    const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0]!;
    if (answer === 'hang') {
      this.hanging.push(res);
      return;
    }
    res.writeHead(answer.status, answer.headers ?? {});
    res.end();
  }
}
