import { Module } from '@nestjs/common';
import { ExpiredRowsSweeper } from './expired-rows.sweeper';

/** Background upkeep of the api's own tables. */
@Module({ providers: [ExpiredRowsSweeper] })
export class HousekeepingModule {}
