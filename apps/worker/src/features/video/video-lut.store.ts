import { createWriteStream } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { ZipFile } from 'yazl';
import { writeCube, type Lut3D } from '@gradekit/color';
import { taskOutputKey, type StorageDriver } from '@gradekit/storage';
import type { TaskSnapshot } from '../../operations/operation-handler';
import type { VideoGradePlan } from './video-grade.plan';

/** The files a plan's LUTs were stored as: `lutKey` is the one download (a .cube, or the zip of a per-shot plan); `shotLutKeys` one .cube per shot. */
export type StoredVideoLuts = { lutKey: string; shotLutKeys: string[] };

/** One shot's LUT file inside the zip: shot-01.cube, shot-02.cube, … (sorted as played). */
const CUBE_TYPE = 'text/plain; charset=utf-8';

export function shotLutName(index: number): string {
  return `shot-${String(index + 1).padStart(2, '0')}.cube`;
}

/**
 * Stores the LUT(s) a clip was graded with, under keys derived from the task (a re-run
 * overwrites them): one shot → `luts/<task>.cube`; several → one `luts/<task>-shot-NN.cube`
 * per shot and `luts/<task>.zip` holding them with `shots.json` (each shot's frames, times
 * and file), so the grade can be reproduced in any NLE shot by shot. The zip is written to
 * the job's scratch folder (yazl, streaming) and stored from there. On failure the caller
 * deletes `written`.
 */
@Injectable()
export class VideoLutStore {
  async store(storage: StorageDriver, task: TaskSnapshot, plan: VideoGradePlan, fps: number, scratchDir: string, written: string[]): Promise<StoredVideoLuts> {
    if (plan.luts.length === 1) {
      const key = taskOutputKey(task.userId, 'luts', task.id, 'cube');
      await storage.put(key, Buffer.from(writeCube(plan.luts[0], { title: plan.luts[0].title ?? 'Gradekit video grade' })), CUBE_TYPE);
      written.push(key);
      return { lutKey: key, shotLutKeys: [key] };
    }
    const shotLutKeys: string[] = [];
    for (const [k, lut] of plan.luts.entries()) {
      const key = taskOutputKey(task.userId, 'luts', `${task.id}-${shotLutName(k).replace(/\.cube$/, '')}`, 'cube');
      await storage.put(key, Buffer.from(writeCube(lut, { title: `Gradekit video grade, shot ${k + 1}` })), CUBE_TYPE);
      written.push(key);
      shotLutKeys.push(key);
    }
    const zipPath = path.join(scratchDir, 'luts.zip');
    const zip = new ZipFile();
    const shots = plan.shots.map((shot, k) => ({
      index: shot.index,
      file: shotLutName(k),
      start_frame: shot.start_frame,
      end_frame: shot.end_frame,
      start_s: round(shot.start_frame / fps),
      end_s: round((shot.end_frame + 1) / fps),
    }));
    plan.luts.forEach((lut: Lut3D, k) => zip.addBuffer(Buffer.from(writeCube(lut, { title: `Gradekit video grade, shot ${k + 1}` })), shotLutName(k)));
    const dissolves = plan.cuts.filter((c) => c.kind === 'dissolve').map((c) => ({ start_frame: c.frame, end_frame: c.end_frame, note: 'the two neighbouring shots’ LUTs blended linearly across these frames' }));
    zip.addBuffer(Buffer.from(JSON.stringify({ fps, shots, dissolves }, null, 2)), 'shots.json');
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(zipPath));
    const key = taskOutputKey(task.userId, 'luts', task.id, 'zip');
    await storage.putFile(key, zipPath, 'application/zip');
    written.push(key);
    return { lutKey: key, shotLutKeys };
  }
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
