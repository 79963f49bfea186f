import { runSoak, type SoakReport } from '../support/soak';

/**
 * The short version of `make load`'s soak (issue 13, item 6): small /match jobs across two
 * workers while Redis and then Postgres are restarted under them. While each is down the
 * api answers 503 DEPENDENCY_UNAVAILABLE (never a 500, never a hang), it recovers by
 * itself, no accepted task is lost, stuck or charged twice, and the ledger audit finds
 * every balance equal to its ledger.
 */
describe('faults mid-soak: Redis and Postgres restarted under load', () => {
  let report: SoakReport;

  beforeAll(async () => {
    report = await runSoak({
      jobs: 60,
      users: 3,
      concurrency: 4,
      outages: [
        { dependency: 'redis', atFraction: 0.25, downMs: 3000 },
        { dependency: 'database', atFraction: 0.6, downMs: 3000 },
      ],
      settleTimeoutMs: 120_000,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }, 300_000);

  it('answers 503 DEPENDENCY_UNAVAILABLE while each dependency is down, and recovers by itself', () => {
    expect(report.outages.map((outage) => outage.dependency)).toEqual(['redis', 'database']);
    for (const outage of report.outages) {
      expect(Object.keys(outage.answers_while_down)).toEqual(['503 DEPENDENCY_UNAVAILABLE']);
      expect(outage.answers_while_down['503 DEPENDENCY_UNAVAILABLE']).toBeGreaterThanOrEqual(2);
      expect(outage.recovered_after_ms).not.toBeNull();
    }
    expect(report.server_errors).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.refused_503).toBeGreaterThan(0); // submissions did meet the outages
  });

  it('loses no task, leaves none stuck, charges each once, and the ledger balances', () => {
    expect(report.accepted).toBe(60);
    expect(report.lost).toBe(0);
    expect(report.stuck).toBe(0);
    expect(report.completed + report.failed_refunded).toBe(report.accepted);
    expect(report.completed).toBe(report.accepted);
    expect(report.doubly_charged).toBe(0);
    expect(report.ledger_problems).toEqual([]);
  });
});
