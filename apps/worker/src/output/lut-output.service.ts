import { Injectable } from '@nestjs/common';
import { writeCube, type Lut3D } from '@gradekit/color';
import { LUT_SPATIAL_EFFECTS_NOTE, type LutResult } from '@gradekit/contracts';
import type { HistoryInput } from '@gradekit/db';
import { taskOutputKey, type StorageDriver } from '@gradekit/storage';
import type { TaskSnapshot } from '../operations/operation-handler';

/**
 * Writes a LUT as a .cube file (the ordering Resolve and ffmpeg's lut3d read: red
 * fastest) under a key derived from the task (taskOutputKey: `u/<user>/luts/<task>.cube`), with a
 * comment saying what it is and that spatial effects are not in it.
 */
@Injectable()
export class LutOutputService {
  async store(storage: StorageDriver, task: TaskSnapshot, lut: Lut3D, filename: string, title: string): Promise<{ result: LutResult; history: HistoryInput }> {
    const text = writeCube(lut, {
      title,
      comments: [`Created by Gradekit (${task.op}, task ${task.id})`, LUT_SPATIAL_EFFECTS_NOTE, 'Input and output: sRGB-encoded display values (0–1).'],
    });
    const key = taskOutputKey(task.userId, 'luts', task.id, 'cube');
    const stored = await storage.put(key, Buffer.from(text, 'utf8'), 'text/plain');
    const result: LutResult = { key, filename, format: 'cube', size: lut.size, bytes: stored.bytes, title, spatial_effects_included: false, note: LUT_SPATIAL_EFFECTS_NOTE };
    const history: HistoryInput = { op: task.op, params: task.params, inputKeys: task.inputs, lutKey: key };
    return { result, history };
  }
}
