/**
 * BullMQ queues. Append-only: a renamed queue strands the jobs already in it.
 *   image – colour operations and sharp tools (CPU)
 *   gpu   – ONNX models (CUDA when present, else CPU)
 *   video – ffmpeg grading
 *   hooks – webhook delivery
 */
export const QUEUE_NAMES = ['image', 'gpu', 'video', 'hooks'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
