import { Injectable } from '@nestjs/common';
import { Prisma, type Team } from '@prisma/client';
import { isUUID } from 'class-validator';
import { DomainError, type Page } from '@gradekit/contracts';
import { TeamsRepository, isUniqueViolation, type TeamWithCount } from '@gradekit/db';
import type { TeamResponseDto } from './dto/team-response.dto';

function toTeamView(team: Team, memberCount: number): TeamResponseDto {
  return {
    id: team.id,
    name: team.name,
    is_default: team.isDefault,
    member_count: memberCount,
    created_at: team.createdAt.toISOString(),
    updated_at: team.updatedAt.toISOString(),
  };
}

const view = (team: TeamWithCount) => toTeamView(team, team._count.users);

/** Teams: listed for everyone, managed by admins. Names are unique ignoring case. */
@Injectable()
export class TeamsService {
  constructor(private readonly teams: TeamsRepository) {}

  async list(limit: number, offset: number): Promise<Page<TeamResponseDto>> {
    const { items, total } = await this.teams.page(limit, offset);
    return { items: items.map(view), total, limit, offset };
  }

  async create(name: string): Promise<TeamResponseDto> {
    await this.assertNameFree(name, null);
    const team = await this.withConflictOnDuplicate(name, () => this.teams.create(name));
    return toTeamView(team, 0);
  }

  async rename(id: string, name: string): Promise<TeamResponseDto> {
    await this.existing(id);
    await this.assertNameFree(name, id);
    await this.withConflictOnDuplicate(name, () => this.teams.rename(id, name));
    return view(await this.existing(id));
  }

  /** Only empty, non-default teams can go: users must be moved first (PUT /api/auth/users/{id}). */
  async delete(id: string): Promise<void> {
    const team = await this.existing(id);
    if (team.isDefault) throw new DomainError('CONFLICT', 'The default team cannot be deleted', [{ message: 'New users join it' }]);
    if (team._count.users > 0) {
      throw new DomainError('CONFLICT', `Team "${team.name}" still has ${team._count.users} member(s)`, [
        { message: 'Move its users to another team first (PUT /api/auth/users/{id} with team_id)', member_count: team._count.users },
      ]);
    }
    try {
      await this.teams.delete(id);
    } catch (error) {
      // A user joined between the check and the delete: the foreign key refuses.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
        throw new DomainError('CONFLICT', `Team "${team.name}" still has members`);
      }
      throw error;
    }
  }

  private async existing(id: string): Promise<TeamWithCount> {
    const team = isUUID(id) ? await this.teams.find(id) : null;
    if (!team) throw DomainError.notFound('Team');
    return team;
  }

  private async assertNameFree(name: string, exceptId: string | null): Promise<void> {
    const clash = await this.teams.findByNameInsensitive(name);
    if (clash && clash.id !== exceptId) throw this.duplicate(name);
  }

  private async withConflictOnDuplicate<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw this.duplicate(name);
      throw error;
    }
  }

  private duplicate(name: string): DomainError {
    return new DomainError('CONFLICT', `A team named "${name}" already exists`, [{ field: 'name', message: 'already taken (names are compared ignoring case)' }]);
  }
}
