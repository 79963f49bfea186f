/**
 * The names of the worker's queue-depth gauge, in one place: the worker exports it on
 * /metrics (queue-depth.gauge.ts) and the KEDA ScaledObjects in k8s/ are rendered from
 * these constants (tools/deploy/render-k8s.ts), so a renamed metric or state cannot
 * leave the autoscalers querying a series that no longer exists.
 *
 *   gradekit_queue_jobs{queue="video", state="waiting", prefix="gk"} 3
 *
 * `queue` is one of QUEUE_NAMES, `state` one of QUEUE_JOB_STATES (BullMQ's own
 * getJobCounts types), `prefix` the deployment's QUEUE_PREFIX. Every worker process
 * reports every queue (not only those it consumes), so a pool scaled to zero is still
 * measured by the pods of the pools that are up; the series are the same on every pod,
 * so a query takes their max, never their sum.
 */
export const QUEUE_JOBS_METRIC = 'gradekit_queue_jobs';

/** 1 while the queue is paused (BullMQ keeps a paused queue's jobs in its wait list, so they still count as waiting). */
export const QUEUE_PAUSED_METRIC = 'gradekit_queue_paused';

/** The BullMQ job states the gauge reports (getJobCounts' type names). */
export const QUEUE_JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/**
 * The states a pool scales on: work a worker of the pool holds or will be handed next.
 * `prioritized` is a separate zset in BullMQ (KEDA's redis list scaler on `:wait` never
 * sees it); `active` keeps running jobs' pods from being counted as idle (a 2-hour video
 * grade would otherwise look like an empty queue). `delayed` is left out: webhook
 * retries wait up to 24 h there and must not hold a pod up meanwhile.
 */
export const SCALING_JOB_STATES: readonly QueueJobState[] = ['waiting', 'prioritized', 'active'];
