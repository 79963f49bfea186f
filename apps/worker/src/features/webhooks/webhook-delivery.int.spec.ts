import { Webhook } from 'standardwebhooks';
import { webhookJobId, type WebhookEventBody } from '@gradekit/contracts';
import { WebhooksRepository } from '@gradekit/db';
import { solidImage } from '../../../../../test/support/test-images';
import { WebhookReceiver } from '../../../../../test/support/webhook-receiver';
import { WorkerTestBed, sleep, type TestWorker } from '../../test-support/worker-test-bed';
import { WebhookJobs } from './webhook-jobs.service';
import { WebhookNotifier } from './webhook-notifier.service';

jest.setTimeout(60_000);

const secretOf = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;

/**
 * The hooks queue end to end inside the worker: real Postgres, Redis and BullMQ, a
 * real HTTP receiver on 127.0.0.1 that verifies every request with the
 * `standardwebhooks` library. Schedule shortened to 0, 300 ms, 300 ms (3 attempts).
 */
describe('webhook delivery (hooks queue)', () => {
  let bed: WorkerTestBed;
  let worker: TestWorker;
  let receiver: WebhookReceiver;
  let webhooks: WebhooksRepository;

  beforeAll(async () => {
    bed = await WorkerTestBed.create('whook');
    receiver = await WebhookReceiver.start();
    worker = await bed.start({
      WORKER_QUEUES: 'image,hooks',
      WEBHOOK_RETRY_SCHEDULE: '0,300ms,300ms',
      WEBHOOK_RETRY_JITTER_PERCENT: '0',
      WEBHOOK_TIMEOUT_MS: '700',
      WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${receiver.port}`,
    });
    webhooks = new WebhooksRepository(bed.prisma);
  });
  afterAll(async () => {
    await bed.close();
    await receiver.close();
  });

  /** A user with a webhook secret (and optionally an account default URL). */
  async function userWithSecret(secret: string, defaultUrl: string | null = null): Promise<string> {
    const userId = await bed.createUser(5);
    await webhooks.setDefaultUrl(userId, defaultUrl, secret);
    return userId;
  }

  /** A finished image_info task (no worker run), then the notifier as the task processor calls it. */
  async function finishedTask(userId: string, webhookUrl: string | null) {
    const task = await bed.createTask(userId, { image: 'u/x/in.jpg' }, { op: 'image_info', credits: 0 });
    await bed.prisma.task.update({ where: { id: task.id }, data: { webhookUrl } });
    await bed.tasks.complete(task, { format: 'jpeg', width: 4, height: 4 }, null);
    await worker.worker.app.get(WebhookNotifier).taskFinished(task.id);
    return task.id;
  }

  async function deliveryOf(taskId: string, statuses = ['delivered', 'gone', 'failed'], timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const delivery = await bed.prisma.webhookDelivery.findUnique({ where: { taskId }, include: { attempts: { orderBy: { createdAt: 'asc' } } } });
      if (delivery && statuses.includes(delivery.status)) return delivery;
      if (Date.now() > deadline) throw new Error(`delivery of ${taskId} is ${delivery?.status ?? 'missing'}`);
      await sleep(25);
    }
  }

  it('delivers a real task.completed signed for the library, retries after a 500 with the same webhook-id, and stops at the 2xx', async () => {
    const secret = secretOf(1);
    receiver.secrets = [secret];
    receiver.script({ status: 500 }, { status: 200 });
    const userId = await userWithSecret(secret);
    const key = await bed.putInput(userId, await solidImage(8, 6, { r: 200, g: 30, b: 30 }), 'in.jpg');
    const task = await bed.createTask(userId, { image: key }, { op: 'image_info', credits: 0 });
    await bed.prisma.task.update({ where: { id: task.id }, data: { webhookUrl: receiver.url('/real') } });
    await worker.enqueue(task.id, 'image_info');

    const delivery = await deliveryOf(task.id);
    const [first, second] = await receiver.waitFor('/real', 2);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(delivery.attempts.every((a) => a.latencyMs >= 0 && a.url === receiver.url('/real'))).toBe(true);
    // Both attempts verify with the library and carry the delivery's id as webhook-id.
    expect([first!.verifiedWith, second!.verifiedWith]).toEqual([secret, secret]);
    expect(first!.headers['webhook-id']).toBe(delivery.id);
    expect(second!.headers['webhook-id']).toBe(delivery.id);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(250); // the schedule's 300 ms, not at once
    expect(first!.headers['content-type']).toBe('application/json');
    const body = new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>) as WebhookEventBody;
    expect(body).toMatchObject({
      type: 'task.completed',
      data: { task_id: task.id, op: 'image_info', status: 'completed', result: { format: 'jpeg', width: 8, height: 6 }, error: null, credits_used: 0, status_url: `http://127.0.0.1:3000/api/v1/tasks/${task.id}` },
    });
    await sleep(800);
    expect(receiver.on('/real')).toHaveLength(2); // nothing after the 200
  });

  it('stops at a 410 and disables the account default it came from', async () => {
    const secret = secretOf(2);
    receiver.secrets = [secret];
    receiver.script({ status: 410 });
    const userId = await userWithSecret(secret, receiver.url('/gone'));
    const taskId = await finishedTask(userId, null);

    const delivery = await deliveryOf(taskId);
    expect(delivery).toMatchObject({ status: 'gone', viaDefault: true, url: receiver.url('/gone') });
    await sleep(1000); // longer than the rest of the schedule
    expect(receiver.on('/gone')).toHaveLength(1);
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([410]);
    expect((await webhooks.findAccount(userId))?.defaultUrlDisabledAt).toBeInstanceOf(Date);

    // A later task of the same owner no longer notifies the disabled default.
    const later = await finishedTask(userId, null);
    await sleep(300);
    expect(await bed.prisma.webhookDelivery.findUnique({ where: { taskId: later } })).toBeNull();
  });

  it('treats a 3xx as a failed attempt without following it, and fails after the schedule', async () => {
    const secret = secretOf(3);
    receiver.secrets = [secret];
    receiver.script({ status: 302, headers: { location: receiver.url('/elsewhere') } });
    const userId = await userWithSecret(secret);
    const taskId = await finishedTask(userId, receiver.url('/redirect'));

    const delivery = await deliveryOf(taskId);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([302, 302, 302]);
    expect(delivery.attempts[0]!.error).toContain('not followed');
    expect(receiver.on('/elsewhere')).toHaveLength(0);
  });

  it('gives up an attempt after WEBHOOK_TIMEOUT_MS and records it without a status code', async () => {
    const secret = secretOf(4);
    receiver.secrets = [secret];
    receiver.script('hang', { status: 204 });
    const userId = await userWithSecret(secret);
    const taskId = await finishedTask(userId, receiver.url('/slow'));

    const delivery = await deliveryOf(taskId);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([null, 204]);
    expect(delivery.attempts[0]!.error).toMatch(/timed out after 700 ms/);
    expect(delivery.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(650);
  });

  it("honours a 503's Retry-After (later than the schedule's 300 ms)", async () => {
    const secret = secretOf(5);
    receiver.secrets = [secret];
    receiver.script({ status: 503, headers: { 'retry-after': '2' } }, { status: 200 });
    const userId = await userWithSecret(secret);
    const taskId = await finishedTask(userId, receiver.url('/busy'));

    await deliveryOf(taskId);
    const [first, second] = await receiver.waitFor('/busy', 2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1900);
  });

  it('refuses a target the SSRF guard does not allow, at the attempt (no request leaves)', async () => {
    const secret = secretOf(6);
    const userId = await userWithSecret(secret);
    // Same receiver, another loopback spelling: not on WEBHOOK_ALLOW_HOSTS.
    const taskId = await finishedTask(userId, `http://127.0.0.2:${receiver.port}/private`);

    const delivery = await deliveryOf(taskId);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts.every((a) => a.statusCode === null && /loopback/.test(a.error ?? ''))).toBe(true);
    expect(receiver.on('/private')).toHaveLength(0);
  });

  it('redelivers an ended delivery with the same webhook-id, signed with both secrets during a rotation', async () => {
    const oldSecret = secretOf(7);
    const newSecret = secretOf(8);
    receiver.script({ status: 500 });
    receiver.secrets = [oldSecret];
    const userId = await userWithSecret(oldSecret);
    const taskId = await finishedTask(userId, receiver.url('/again'));
    const failed = await deliveryOf(taskId);
    expect(failed.status).toBe('failed');

    await webhooks.rotateSecret(userId, newSecret, new Date(Date.now() + 3600_000));
    receiver.script({ status: 200 });
    const restarted = await webhooks.startRedelivery(userId, failed.id);
    expect(restarted?.runs).toBe(2);
    await worker.worker.app.get(WebhookJobs).enqueue(failed.id, restarted!.runs);

    const delivery = await deliveryOf(taskId, ['delivered']);
    const requests = await receiver.waitFor('/again', 4);
    const last = requests[3]!;
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(last.headers['webhook-id']).toBe(failed.id);
    expect(last.verifiedWith).toBe(oldSecret);
    expect(new Webhook(newSecret).verify(last.body, last.headers as Record<string, string>)).toBeTruthy();
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(await worker.queue('image_info').getJob(webhookJobId(failed.id, 2))).toBeUndefined(); // the hooks queue, not image
  });

  it('sends task.failed for a failed task: the error, no result, nothing charged', async () => {
    const secret = secretOf(10);
    receiver.secrets = [secret];
    receiver.script({ status: 200 });
    const userId = await userWithSecret(secret);
    const task = await bed.createTask(userId, { image: 'u/x/in.jpg' }, { op: 'analyze', credits: 1 });
    await bed.prisma.task.update({ where: { id: task.id }, data: { webhookUrl: receiver.url('/failed') } });
    await bed.credits.failTaskAndRefund(task.id, { code: 'INVALID_IMAGE', message: 'not an image' });
    await worker.worker.app.get(WebhookNotifier).taskFinished(task.id);

    const [request] = await receiver.waitFor('/failed', 1);
    expect(request!.verifiedWith).toBe(secret);
    const body = JSON.parse(request!.body) as WebhookEventBody;
    expect(body).toMatchObject({ type: 'task.failed', data: { task_id: task.id, op: 'analyze', status: 'failed', result: null, result_urls: [], error: { code: 'INVALID_IMAGE', message: 'not an image' }, credits_used: 0 } });
  });

  it('lets only the newest run of a delivery send: an older run still retrying stops', async () => {
    const secret = secretOf(11);
    receiver.secrets = [secret];
    receiver.script({ status: 200 });
    const userId = await userWithSecret(secret);
    const task = await bed.createTask(userId, { image: 'u/x/in.jpg' }, { op: 'image_info', credits: 0 });
    await bed.tasks.complete(task, { format: 'png' }, null);
    const delivery = await webhooks.createDelivery(userId, { taskId: task.id, eventType: 'task.completed', url: receiver.url('/runs'), viaDefault: false });
    await webhooks.startRedelivery(userId, delivery!.id); // runs = 2: the job of run 1 is stale
    const jobs = worker.worker.app.get(WebhookJobs);
    await jobs.enqueue(delivery!.id, 1);
    await sleep(500);
    expect(receiver.on('/runs')).toHaveLength(0);
    await jobs.enqueue(delivery!.id, 2);
    await receiver.waitFor('/runs', 1);
    expect((await deliveryOf(task.id)).attempts).toHaveLength(1);
  });

  it('notifies a task once, however often it is reported finished', async () => {
    const secret = secretOf(9);
    receiver.secrets = [secret];
    receiver.script({ status: 200 });
    const userId = await userWithSecret(secret);
    const taskId = await finishedTask(userId, receiver.url('/once'));
    await worker.worker.app.get(WebhookNotifier).taskFinished(taskId);
    await deliveryOf(taskId);
    await sleep(300);
    expect(receiver.on('/once')).toHaveLength(1);
    expect(await bed.prisma.webhookDelivery.count({ where: { taskId } })).toBe(1);
  });
});
