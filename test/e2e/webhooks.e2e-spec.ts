import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { WebhookEventBody } from '@gradekit/contracts';
import { startStack, type E2eStack } from '../support/e2e-stack';
import { eventually } from '../support/eventually';
import { WebhookReceiver } from '../support/webhook-receiver';
import { bootstrapAdmin, createUser, type ApiClient } from './api-client';

const COFFEE = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'photos', 'coffee.jpg'));

interface DeliveriesBody {
  delivery: { id: string; status: string; event_type: string; runs: number };
  items: { status_code: number | null; latency_ms: number; error: string | null; attempted_at: string }[];
  total: number;
}

/**
 * Webhooks through the spawned api and worker: a real operation with `webhook_url`
 * finishes in the worker, the hooks queue delivers a task.completed signed with the
 * account's secret, a receiver verifies it with the `standardwebhooks` library, and
 * the api lists the attempts and redelivers.
 */
describe('webhooks end to end: operation → worker → hooks queue → signed POST → deliveries', () => {
  let stack: E2eStack;
  let receiver: WebhookReceiver;
  let admin: ApiClient;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    stack = await startStack({
      env: { WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${receiver.port}`, WEBHOOK_RETRY_SCHEDULE: '0,300ms,300ms', WEBHOOK_RETRY_JITTER_PERCENT: '0', SYNC_TIMEOUT_MS: '0' },
    });
    admin = (await bootstrapAdmin(stack.apiUrl)).client;
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it('delivers a signed task.completed for image_info, after a 500, with the same webhook-id; lists the attempts; redelivers', async () => {
    const settings = await admin.patch<{ secret: string; url: string | null }>('/api/v1/account/webhook', { url: null });
    expect(settings.status).toBe(200);
    const secret = settings.body.secret;
    expect(secret).toMatch(/^whsec_/);
    receiver.secrets = [secret];
    receiver.script({ status: 500 }, { status: 200 });

    const res = await admin.post<{ task_id: string; status_url: string }>('/api/v1/image/info', { image: COFFEE.toString('base64'), webhook_url: receiver.url('/e2e') });
    expect(res.status).toBe(202);
    const taskId = res.body.task_id;

    const [failed, delivered] = await receiver.waitFor('/e2e', 2, 30_000);
    expect([failed!.verifiedWith, delivered!.verifiedWith]).toEqual([secret, secret]);
    expect(failed!.headers['webhook-id']).toBe(delivered!.headers['webhook-id']);
    const event = new Webhook(secret).verify(delivered!.body, delivered!.headers as Record<string, string>) as WebhookEventBody;
    expect(event).toMatchObject({
      type: 'task.completed',
      data: { task_id: taskId, op: 'image_info', status: 'completed', result: { format: 'jpeg', width: 600, height: 400 }, error: null, credits_used: 0, status_url: `${stack.apiUrl}/api/v1/tasks/${taskId}` },
    });
    expect(Date.parse(event.timestamp)).toBeGreaterThan(0);

    const list = await eventually(async () => {
      const deliveries = await admin.get<DeliveriesBody>(`/api/v1/tasks/${taskId}/deliveries`);
      expect(deliveries.body.delivery.status).toBe('delivered');
      return deliveries;
    });
    expect(list.body.delivery).toMatchObject({ id: delivered!.headers['webhook-id'], event_type: 'task.completed', runs: 1 });
    expect(list.body.items.map((a) => a.status_code)).toEqual([200, 500]); // newest first

    const again = await admin.post<{ delivery: { runs: number } }>(`/api/v1/tasks/${taskId}/deliveries/redeliver`);
    expect(again.status).toBe(202);
    const requests = await receiver.waitFor('/e2e', 3, 30_000);
    expect(requests[2]!.headers['webhook-id']).toBe(list.body.delivery.id);
    expect(requests[2]!.verifiedWith).toBe(secret);
  });

  it("stops at a 410 from the account default and disables it; another owner's deliveries are a 404", async () => {
    receiver.script({ status: 410 });
    const settings = await admin.patch<{ url: string }>('/api/v1/account/webhook', { url: receiver.url('/default') });
    expect(settings.body.url).toBe(receiver.url('/default'));
    const res = await admin.post<{ task_id: string }>('/api/v1/image/info', { image: COFFEE.toString('base64') });
    await receiver.waitFor('/default', 1, 30_000);
    const account = await eventually(async () => {
      const current = await admin.get<{ url_disabled_at: string | null }>('/api/v1/account/webhook');
      expect(current.body.url_disabled_at).not.toBeNull();
      return current;
    });
    expect(account.body.url_disabled_at).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.on('/default')).toHaveLength(1);
    const deliveries = await admin.get<DeliveriesBody>(`/api/v1/tasks/${res.body.task_id}/deliveries`);
    expect(deliveries.body.delivery.status).toBe('gone');
    expect(deliveries.body.items.map((a) => a.status_code)).toEqual([410]);

    const stranger = await createUser(stack.apiUrl, admin, 'stranger');
    expect((await stranger.client.get(`/api/v1/tasks/${res.body.task_id}/deliveries`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/tasks/${res.body.task_id}/deliveries/redeliver`)).status).toBe(404);
  });
});
