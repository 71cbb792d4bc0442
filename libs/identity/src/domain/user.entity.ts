import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SiteScope } from '#core';
import { Role } from '../access/role.js';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text') displayName: string;
  @Column('text', { select: false }) passwordHash: string;
  @Column('text') role: Role;
  @Column('uuid', { nullable: true }) partnerId: string | null;
  @Column('uuid', { array: true, default: () => "'{}'" }) siteIds: string[];
  @Column('boolean', { default: true }) active: boolean;
  @Column('timestamptz', { nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** What a user may see: its partner's sites, or a supervisor's own sites (none: everything). */
export function userScope(user: Pick<User, 'role' | 'partnerId' | 'siteIds'>): SiteScope {
  return {
    ...(user.partnerId ? { partnerId: user.partnerId } : {}),
    ...(user.role === Role.Supervisor && user.siteIds.length ? { siteIds: user.siteIds } : {}),
  };
}
