// Interleaved rounds of sequential operations, with the DynamoDB cost of each operation.
import { takeStoreMetrics, type StoreMetrics } from '#store/aws/metrics';
import type { ApiResult } from '#test/bench/lib/http';
import { latencySummary } from '#test/bench/lib/stats';

export type Operation = () => Promise<ApiResult>;

export interface OpCost {
  count: number;
  roundTrips: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
}

export interface OpMeasurement {
  latency: ReturnType<typeof latencySummary>;
  /** Per operation (totals divided by count). */
  perOp: OpCost;
}

const addInto = (cost: OpCost, m: StoreMetrics, n: number) => {
  cost.count += n;
  cost.roundTrips += m.roundTrips;
  cost.readUnits += m.readUnits;
  cost.writeUnits += m.writeUnits;
  for (const [k, v] of Object.entries(m.byCommand)) cost.byCommand[k] = (cost.byCommand[k] ?? 0) + v;
};

export async function warmUp(ops: Record<string, Operation>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) for (const op of Object.values(ops)) await op();
  takeStoreMetrics();
}

/** Runs `rounds` rounds; in each, every operation `perRound` times in a row, one after the other. */
export async function measureRounds(
  ops: Record<string, Operation>,
  rounds: number,
  perRound: number,
): Promise<Record<string, OpMeasurement>> {
  const samples: Record<string, number[][]> = {};
  const costs: Record<string, OpCost> = {};
  for (const name of Object.keys(ops)) {
    samples[name] = [];
    costs[name] = { count: 0, roundTrips: 0, readUnits: 0, writeUnits: 0, byCommand: {} };
  }
  takeStoreMetrics();
  for (let r = 0; r < rounds; r++) {
    for (const [name, op] of Object.entries(ops)) {
      const latencies: number[] = [];
      for (let i = 0; i < perRound; i++) latencies.push((await op()).ms);
      samples[name].push(latencies);
      addInto(costs[name], takeStoreMetrics(), perRound);
    }
  }
  return Object.fromEntries(
    Object.keys(ops).map((name) => {
      const c = costs[name];
      const per = (v: number) => v / c.count;
      return [
        name,
        {
          latency: latencySummary(samples[name]),
          perOp: {
            count: c.count,
            roundTrips: per(c.roundTrips),
            readUnits: per(c.readUnits),
            writeUnits: per(c.writeUnits),
            byCommand: Object.fromEntries(Object.entries(c.byCommand).map(([k, v]) => [k, per(v)])),
          },
        },
      ];
    }),
  );
}
