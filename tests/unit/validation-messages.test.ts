import 'reflect-metadata';
import { ArrayMinSize, IsIn, IsInt, IsString, Length, Max, Min, validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { describeValidationErrors } from '#core';

class SiteForm {
  @IsString()
  @Length(1, 80)
  name!: unknown;

  @IsInt()
  @Min(0)
  @Max(5000)
  installedSeats!: unknown;

  @IsIn(['active', 'closed'])
  status!: unknown;

  @ArrayMinSize(1)
  labels!: unknown;
}

const problemsOf = async (values: Record<string, unknown>) =>
  describeValidationErrors(await validate(Object.assign(new SiteForm(), values)));

describe('validation messages', () => {
  it('says what to fix in plain words, not in class-validator’s', async () => {
    expect(await problemsOf({ name: '', installedSeats: 2.5, status: 'open', labels: [] })).toEqual([
      { field: 'name', problems: ['name must not be empty'] },
      { field: 'installedSeats', problems: ['installedSeats must be a whole number'] },
      { field: 'status', problems: ['status must be one of active, closed'] },
      { field: 'labels', problems: ['labels must hold at least 1 item'] },
    ]);
    expect(
      await problemsOf({ name: 'x'.repeat(81), installedSeats: -1, status: 'active', labels: ['a'] }),
    ).toEqual([
      { field: 'name', problems: ['name must be at most 80 characters long'] },
      { field: 'installedSeats', problems: ['installedSeats must be 0 or more'] },
    ]);
    expect(await problemsOf({ name: 7, installedSeats: 9000, status: 'active', labels: ['a'] })).toEqual([
      { field: 'name', problems: expect.arrayContaining(['name must be text']) },
      { field: 'installedSeats', problems: ['installedSeats must be 5000 or less'] },
    ]);
  });
});
