import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { TILE_KINDS, TILE_SIZES, WALL_SCREENS } from '#contracts';

export class ShareWallDto {
  @ApiProperty({
    example: 'Screen by the Rabat floor',
    description: 'what the link is for (1 to 80 characters)',
  })
  @IsString()
  @Length(1, 80)
  label: string;
}

class WallTileDoc {
  @ApiProperty({ example: 'site-rabat' }) id: string;
  @ApiProperty({ enum: TILE_KINDS }) kind: string;
  @ApiProperty({ required: false, enum: ['network', 'partner', 'site', 'campaign'] }) scope?: string;
  @ApiProperty({ required: false, format: 'uuid' }) targetId?: string;
  @ApiProperty({ enum: TILE_SIZES }) size: string;
  @ApiProperty({
    required: false,
    example: [{ metric: 'occupancy', op: 'below', value: 0.6 }],
    description:
      'metric: occupancy|reachRate|conversion|attemptsPerHour|handleSeconds; op: below|above|falling',
  })
  thresholds?: unknown[];
}

/** Documentation of `PUT /walls/mine` (checked by parseWallLayout). */
export class WallLayoutDto {
  @ApiProperty({ enum: WALL_SCREENS }) screen: string;
  @ApiProperty({ type: [WallTileDoc] }) tiles: WallTileDoc[];
}
