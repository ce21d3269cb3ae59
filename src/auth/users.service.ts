import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from './principal';
import { UserEntity } from './user.entity';
import type { MeDto } from './me.dto';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async describe(principal: Principal): Promise<MeDto> {
    const user = await this.users.findOne({ where: { id: principal.userId }, select: { id: true, email: true, name: true } });
    // The user was deleted between authentication and this read.
    if (!user) throw new NotFoundException('User not found');
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: principal.role,
      method: principal.method,
      apiKeyId: principal.apiKeyId ?? null,
    };
  }
}
