import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns every user-created domain row has (tours, events, and a team's own modules): a UUID,
 * who created it (the delete rule's input) and when it was created and last changed.
 */
export abstract class OwnedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null once the creating user has been deleted (ON DELETE SET NULL). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
