/**
 * `make load`, part 2: the soak with faults at full size (issue 13, item 6). 2,000 small
 * /match jobs (SOAK_JOBS) from 8 users across two worker processes, on a private Redis and
 * a private Postgres; Redis is restarted a quarter of the way in and Postgres at 60 %.
 * Prints a table and one JSON line; writes bench/results/soak.json. Exits 1 when a task
 * was lost, stuck or charged twice, an answer was unexpected, or the ledger audit found
 * a problem. test/e2e/faults.e2e-spec.ts runs the same soak at 60 jobs in `make test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runSoak } from '../../test/support/soak';

async function main(): Promise<void> {
  const jobs = Number(process.env.SOAK_JOBS ?? 2000);
  const downMs = Number(process.env.SOAK_OUTAGE_MS ?? 5000);
  const report = await runSoak({
    jobs,
    users: 8,
    concurrency: Number(process.env.SOAK_CONCURRENCY ?? 8),
    outages: [
      { dependency: 'redis', atFraction: 0.25, downMs },
      { dependency: 'database', atFraction: 0.6, downMs },
    ],
    settleTimeoutMs: 15 * 60_000,
    log: (line) => console.log(line),
  });
  const figures = { bench: 'soak', ...report };
  console.table({
    soak: { jobs: report.jobs, accepted: report.accepted, completed: report.completed, failed_refunded: report.failed_refunded, lost: report.lost, stuck: report.stuck, doubly_charged: report.doubly_charged, refused_503: report.refused_503, jobs_per_s: report.accepted_jobs_per_s },
  });
  console.table(Object.fromEntries(report.outages.map((outage) => [outage.dependency, { down_ms: outage.down_ms, answers: JSON.stringify(outage.answers_while_down), recovered_after_ms: outage.recovered_after_ms }])));
  mkdirSync(path.resolve(__dirname, '..', 'results'), { recursive: true });
  writeFileSync(path.resolve(__dirname, '..', 'results', 'soak.json'), JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures));
  const healthy =
    report.unexpected.length === 0 && report.server_errors.length === 0 && report.lost === 0 && report.stuck === 0 && report.doubly_charged === 0 && report.ledger_problems.length === 0 && report.accepted === report.jobs &&
    report.outages.every((outage) => Object.keys(outage.answers_while_down).every((label) => label === '503 DEPENDENCY_UNAVAILABLE') && outage.recovered_after_ms !== null);
  if (!healthy) {
    console.error('soak: FAILED (see the figures above)');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
