// Counts DynamoDB round trips and consumed capacity so benchmarks can report cost per operation.
// Process-local and cheap; nothing here is ever sent anywhere.

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface StoreMetrics {
  roundTrips: number;
  byCommand: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

const empty = (): StoreMetrics => ({ roundTrips: 0, byCommand: {}, readUnits: 0, writeUnits: 0 });
let metrics = empty();

export function countRoundTrip(command: string, consumed: unknown): void {
  metrics.roundTrips += 1;
  metrics.byCommand[command] = (metrics.byCommand[command] ?? 0) + 1;
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Capacity[];
  for (const c of list) {
    const isWrite =
      command.startsWith('Put') ||
      command.startsWith('Update') ||
      command.startsWith('Delete') ||
      command.startsWith('TransactWrite') ||
      command.startsWith('BatchWrite');
    if (isWrite) metrics.writeUnits += c.WriteCapacityUnits ?? c.CapacityUnits ?? 0;
    else metrics.readUnits += c.ReadCapacityUnits ?? c.CapacityUnits ?? 0;
  }
}

/** Returns the metrics gathered since the previous call and starts afresh. */
export function takeStoreMetrics(): StoreMetrics {
  const taken = metrics;
  metrics = empty();
  return taken;
}
