import { Injectable } from '@nestjs/common';
import type { Action, Prisma } from '@prisma/client';
import { DomainError, validateActionSteps, type ActionStep } from '@gradekit/contracts';
import { ActionsRepository } from '@gradekit/db';

export interface ActionBody {
  id: string;
  name: string;
  description: string | null;
  steps: ActionStep[];
  created_at: string;
  updated_at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function actionBody(action: Action): ActionBody {
  return {
    id: action.id,
    name: action.name,
    description: action.description,
    steps: action.steps as ActionStep[],
    created_at: action.createdAt.toISOString(),
    updated_at: action.updatedAt.toISOString(),
  };
}

/** Checked steps, or a 400 listing every problem with its path. */
export function checkedSteps(steps: unknown, field = 'steps'): ActionStep[] {
  const checked = validateActionSteps(steps, field);
  if (!checked.ok) throw DomainError.validation('Invalid action steps', checked.problems);
  return checked.steps;
}

/** Saved processing actions of their owner (another owner's action is a 404). */
@Injectable()
export class ActionsService {
  constructor(private readonly actions: ActionsRepository) {}

  async list(userId: string, limit: number, offset: number) {
    const { items, total } = await this.actions.list(userId, limit, offset);
    return { items: items.map(actionBody), total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Action> {
    const action = UUID.test(id) ? await this.actions.find(userId, id) : null;
    if (!action) throw DomainError.notFound('Action');
    return action;
  }

  async create(userId: string, data: { name: string; description?: string; steps: unknown }): Promise<ActionBody> {
    const steps = checkedSteps(data.steps);
    return actionBody(await this.actions.create(userId, { name: data.name, description: data.description, steps: steps as Prisma.InputJsonValue }));
  }

  async update(userId: string, id: string, data: { name?: string; description?: string; steps?: unknown }): Promise<ActionBody> {
    await this.get(userId, id);
    const patch: { name?: string; description?: string; steps?: Prisma.InputJsonValue } = {};
    if (data.name !== undefined) patch.name = data.name;
    if (data.description !== undefined) patch.description = data.description;
    if (data.steps !== undefined) patch.steps = checkedSteps(data.steps) as Prisma.InputJsonValue;
    const updated = await this.actions.update(userId, id, patch);
    if (!updated) throw DomainError.notFound('Action');
    return actionBody(updated);
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.actions.delete(userId, id))) throw DomainError.notFound('Action');
  }
}
