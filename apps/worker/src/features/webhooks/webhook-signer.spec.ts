import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { signWebhook, signingSecrets } from './webhook-signer';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const OTHER = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

describe('signWebhook', () => {
  const body = JSON.stringify({ type: 'task.completed', data: { task_id: 't' } });
  const at = new Date();

  it("produces headers the library's Webhook.verify accepts, and returns the parsed body", () => {
    const headers = signWebhook('msg_1', at, body, [SECRET]);
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(SECRET).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('is the spec\'s HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret', () => {
    const headers = signWebhook('msg_1', at, body, [SECRET]);
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_1.${headers['webhook-timestamp']}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('fails verification for another secret, a changed body, or another id', () => {
    const headers = signWebhook('msg_1', at, body, [SECRET]);
    expect(() => new Webhook(OTHER).verify(body, { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(SECRET).verify(`${body} `, { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(SECRET).verify(body, { ...headers, 'webhook-id': 'msg_2' })).toThrow(WebhookVerificationError);
  });

  it('signs with every secret, space-separated, so either secret verifies during a rotation', () => {
    const headers = signWebhook('msg_1', at, body, [SECRET, OTHER]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(SECRET).verify(body, { ...headers })).toBeTruthy();
    expect(new Webhook(OTHER).verify(body, { ...headers })).toBeTruthy();
  });

  it('refuses to sign with no secret', () => {
    expect(() => signWebhook('msg_1', at, body, [])).toThrow();
  });
});

describe('signingSecrets', () => {
  const now = new Date('2026-12-04T20:00:00Z');

  it('keeps the previous secret only until its overlap ends', () => {
    const account = { secret: 'new', previousSecret: 'old', previousSecretExpiresAt: new Date('2026-12-05T20:00:00Z') };
    expect(signingSecrets(account, now)).toEqual(['new', 'old']);
    expect(signingSecrets(account, new Date('2026-12-05T20:00:01Z'))).toEqual(['new']);
    expect(signingSecrets({ secret: 'only', previousSecret: null, previousSecretExpiresAt: null }, now)).toEqual(['only']);
  });
});
