import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesFilter, type FilterPattern } from '#infra/local/stream-filter';

// Lambda's DynamoDB event source mapping, on DynamoDB Local's stream API: shards read parents
// before children, records filtered as the mapping's filter criteria filter them, the SAME handler
// called with a DynamoDBStreamEvent, and a checkpoint (shard -> last sequence number) kept in a file
// of the data dir, written only after the handler succeeded. A failed batch is read again from the
// checkpoint on the next poll, never skipped. The checkpoint is not in the table: writing it there
// would put one more record in the stream it follows.

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  checkpointFile: string;
  filter: FilterPattern;
  handler: (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Between polls when the stream had nothing new; AWS polls each shard about 4 times a second. */
  intervalMs?: number;
  /** Records per GetRecords (the mapping's batch size: 100 on AWS by default). */
  batchSize?: number;
  onError?: (error: unknown) => void;
}

interface Checkpoint {
  streamArn?: string;
  shards: Record<string, { sequenceNumber?: string; done?: true }>;
}

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

function loadCheckpoint(file: string): Checkpoint {
  if (!existsSync(file)) return { shards: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
}

function saveCheckpoint(file: string, checkpoint: Checkpoint): void {
  // Renamed into place: a kill -9 mid-write leaves the previous checkpoint, never half of one.
  writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${file}.tmp`, file);
}

/**
 * A record as Lambda hands it over: plain JSON (the SDK's parsed objects are not), the creation time
 * in epoch seconds, the stream's ARN beside it.
 */
function lambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  const out = JSON.parse(
    JSON.stringify({
      ...record,
      eventSourceARN: streamArn,
      dynamodb: {
        ...record.dynamodb,
        ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
      },
    }),
  ) as DynamoDBRecord;
  for (const image of [out.dynamodb?.NewImage, out.dynamodb?.OldImage])
    restoreEmptyMaps(image as Record<string, Attribute> | undefined);
  return out;
}

type Attribute = { M?: Record<string, Attribute>; L?: Attribute[] } & Record<string, unknown>;

/**
 * DynamoDB Local's stream gives an empty map as `{}` where DynamoDB's gives `{"M": {}}` (checked
 * here: GetRecords of a put with `{"M": {}}`); no attribute value is ever `{}`, so it is put back.
 */
function restored(value: Attribute): Attribute {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) for (const name of Object.keys(value.M)) value.M[name] = restored(value.M[name]);
  if (value.L) value.L = value.L.map(restored);
  return value;
}

function restoreEmptyMaps(image: Record<string, Attribute> | undefined): void {
  for (const name of Object.keys(image ?? {})) image![name] = restored(image![name]);
}

/** Shards whose parent is finished (or gone from the stream), so a child is never read before its parent. */
function readable(shards: Shard[], checkpoint: Checkpoint): Shard[] {
  const listed = new Set(shards.map((s) => s.ShardId));
  return shards.filter(
    (s) =>
      !checkpoint.shards[s.ShardId!]?.done &&
      (!s.ParentShardId || !listed.has(s.ParentShardId) || checkpoint.shards[s.ParentShardId]?.done),
  );
}

export function startStreamPoller(opts: StreamPollerOptions): { stop(): Promise<void> } {
  const tables = new DynamoDBClient({ endpoint: opts.endpoint, ...LOCAL });
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, ...LOCAL });
  const iterators = new Map<string, string>();
  let checkpoint = loadCheckpoint(opts.checkpointFile);
  let stopped = false;
  let wake: (() => void) | undefined;

  async function streamArn(): Promise<string> {
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: opts.tableName }));
    const arn = Table?.LatestStreamArn;
    if (!arn) throw new Error(`The ${opts.tableName} table has no stream`);
    if (checkpoint.streamArn !== arn) checkpoint = { streamArn: arn, shards: {} };
    return arn;
  }

  async function listShards(arn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  async function iteratorOf(arn: string, shardId: string): Promise<string> {
    const known = iterators.get(shardId);
    if (known) return known;
    const after = checkpoint.shards[shardId]?.sequenceNumber;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator!;
  }

  /** Reads one shard until it has nothing more now; true when it delivered something. */
  async function drainShard(arn: string, shardId: string): Promise<boolean> {
    let delivered = false;
    for (;;) {
      const iterator = await iteratorOf(arn, shardId);
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: opts.batchSize ?? 100 }));
      const records = out.Records ?? [];
      if (records.length) {
        const passed = records.map((r) => lambdaRecord(r, arn)).filter((r) => matchesFilter(r, opts.filter));
        if (passed.length) {
          try {
            await opts.handler({ Records: passed });
          } catch (error) {
            // Read again from the checkpoint on the next poll: Lambda retries a failed batch too.
            iterators.delete(shardId);
            throw error;
          }
          delivered = true;
        }
        checkpoint.shards[shardId] = { sequenceNumber: records.at(-1)!.dynamodb!.SequenceNumber! };
      }
      if (!out.NextShardIterator) {
        checkpoint.shards[shardId] = { ...checkpoint.shards[shardId], done: true };
        iterators.delete(shardId);
      } else iterators.set(shardId, out.NextShardIterator);
      if (records.length || !out.NextShardIterator) saveCheckpoint(opts.checkpointFile, checkpoint);
      if (!records.length || !out.NextShardIterator) return delivered;
    }
  }

  async function poll(): Promise<void> {
    const arn = await streamArn();
    // Children become readable as their parents finish: read again until nothing new opens.
    for (let progressed = true; progressed && !stopped;) {
      progressed = false;
      for (const shard of readable(await listShards(arn), checkpoint)) {
        if (stopped) return;
        await drainShard(arn, shard.ShardId!);
        if (checkpoint.shards[shard.ShardId!]?.done) progressed = true;
      }
    }
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        await poll();
      } catch (error) {
        if ((error as Error).name === 'ExpiredIteratorException') iterators.clear();
        else if (!stopped) (opts.onError ?? ((e) => console.error('stream poller:', e)))(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.intervalMs ?? 250);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      tables.destroy();
      streams.destroy();
    },
  };
}
