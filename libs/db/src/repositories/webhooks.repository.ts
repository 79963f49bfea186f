import { Injectable } from '@nestjs/common';
import type { WebhookAccount, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from '@prisma/client';
import { PrismaService } from '../prisma.service';
import { isUniqueViolation } from '../unique-violation';

export interface NewWebhookDelivery {
  taskId: string;
  eventType: string;
  url: string;
  viaDefault: boolean;
}

export interface NewWebhookAttempt {
  url: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** A delivery with what sending it needs: the owner's secrets. */
export type DeliveryForSending = WebhookDelivery & { account: WebhookAccount | null };

/**
 * Webhook settings, deliveries and their attempts. Owner-scoped reads take the owner
 * first (another owner's delivery is simply absent); the worker's reads go by id.
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  findAccount(userId: string): Promise<WebhookAccount | null> {
    return this.prisma.webhookAccount.findUnique({ where: { userId } });
  }

  /**
   * Sets (or clears) the default URL, re-enabling it. `secretIfNew` becomes the
   * secret only when the account has none yet; `created` says whether it did.
   */
  async setDefaultUrl(userId: string, url: string | null, secretIfNew: string, now = new Date()): Promise<{ account: WebhookAccount; created: boolean }> {
    const existing = await this.findAccount(userId);
    if (existing) {
      const account = await this.prisma.webhookAccount.update({ where: { userId }, data: { defaultUrl: url, defaultUrlDisabledAt: null } });
      return { account, created: false };
    }
    try {
      const account = await this.prisma.webhookAccount.create({ data: { userId, defaultUrl: url, secret: secretIfNew, secretCreatedAt: now } });
      return { account, created: true };
    } catch (error) {
      // A concurrent first call created it: keep its secret, set the URL.
      if (!isUniqueViolation(error)) throw error;
      return this.setDefaultUrl(userId, url, secretIfNew, now);
    }
  }

  /** The new secret signs from now; the old one too until `previousUntil` (none on a first secret). */
  async rotateSecret(userId: string, secret: string, previousUntil: Date, now = new Date()): Promise<WebhookAccount> {
    const existing = await this.findAccount(userId);
    if (!existing) {
      return this.prisma.webhookAccount.create({ data: { userId, secret, secretCreatedAt: now } });
    }
    return this.prisma.webhookAccount.update({
      where: { userId },
      data: { secret, secretCreatedAt: now, previousSecret: existing.secret, previousSecretExpiresAt: previousUntil },
    });
  }

  /** After a 410 from the default URL: stop using it until the owner sets it again. */
  async disableDefaultUrl(userId: string, url: string, now = new Date()): Promise<void> {
    await this.prisma.webhookAccount.updateMany({ where: { userId, defaultUrl: url, defaultUrlDisabledAt: null }, data: { defaultUrlDisabledAt: now } });
  }

  /** The task's one delivery; null when it already has one (a settled task is notified once). */
  async createDelivery(userId: string, delivery: NewWebhookDelivery): Promise<WebhookDelivery | null> {
    try {
      return await this.prisma.webhookDelivery.create({ data: { userId, ...delivery } });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  findDeliveryForSending(id: string): Promise<DeliveryForSending | null> {
    return this.prisma.webhookDelivery
      .findUnique({ where: { id }, include: { user: { select: { webhookAccount: true } } } })
      .then((row) => {
        if (!row) return null;
        const { user, ...delivery } = row;
        return { ...delivery, account: user.webhookAccount };
      });
  }

  async recordAttempt(deliveryId: string, attempt: NewWebhookAttempt): Promise<void> {
    await this.prisma.webhookAttempt.create({ data: { deliveryId, ...attempt } });
  }

  async setStatus(id: string, status: WebhookDeliveryStatus, now = new Date()): Promise<void> {
    await this.prisma.webhookDelivery.update({ where: { id }, data: { status, ...(status === 'delivered' ? { deliveredAt: now } : {}) } });
  }

  findForTask(userId: string, taskId: string): Promise<WebhookDelivery | null> {
    return this.prisma.webhookDelivery.findFirst({ where: { taskId, userId } });
  }

  /** One owner's attempts of a delivery, newest first. */
  async listAttempts(userId: string, deliveryId: string, limit: number, offset: number): Promise<{ items: WebhookAttempt[]; total: number }> {
    const where = { deliveryId, delivery: { userId } };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.webhookAttempt.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }),
      this.prisma.webhookAttempt.count({ where }),
    ]);
    return { items, total };
  }

  /** Starts another run of an owner's delivery (pending again); null when it is not theirs. */
  async startRedelivery(userId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    const { count } = await this.prisma.webhookDelivery.updateMany({ where: { id: deliveryId, userId }, data: { status: 'pending', runs: { increment: 1 } } });
    return count === 0 ? null : this.prisma.webhookDelivery.findUnique({ where: { id: deliveryId } });
  }
}
