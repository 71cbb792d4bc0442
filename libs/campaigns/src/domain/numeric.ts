import type { ValueTransformer } from 'typeorm';

/** pg returns numeric columns as strings: read them as numbers. */
export const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
