import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './principal';

/**
 * Read model of better-auth's `users` table (better-auth writes it; the migration creates it).
 * Other modules reference users by id; they never write here. Excluded from `migration:generate`:
 * it maps only the columns this app reads.
 */
@Entity({ name: 'users', synchronize: false })
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('text')
  role: Role;

  @Column('boolean', { nullable: true })
  banned: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
