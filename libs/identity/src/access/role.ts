export enum Role {
  Admin = 'admin',
  Manager = 'manager',
  Supervisor = 'supervisor',
  Partner = 'partner',
}

export const ALL_ROLES = Object.values(Role);
