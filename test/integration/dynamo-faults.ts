// A fault injector for the product's DynamoDB client: DynamoDB Local never cancels a transaction
// for a concurrent one, AWS does under contention. Queued faults fail the next matching calls
// before they are sent (a cancelled transaction writes nothing), with the errors AWS answers.
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type DynamoFault = 'TransactionConflict' | 'ConditionalCheckFailed';
export type FaultedCommand = 'TransactWriteItemsCommand' | 'UpdateItemCommand';

const $metadata = { httpStatusCode: 400 };

function errorFor(fault: DynamoFault, command: string, items: number): Error {
  if (command === 'TransactWriteItemsCommand') {
    // The record's own item comes first in every record transaction; the conflict is reported there.
    const CancellationReasons = Array.from({ length: Math.max(1, items) }, (_, i) => ({
      Code: i === 0 ? fault : 'None',
    }));
    return new TransactionCanceledException({
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${CancellationReasons.map((r) => r.Code).join(', ')}]`,
      $metadata,
      CancellationReasons,
    });
  }
  return fault === 'TransactionConflict'
    ? new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata })
    : new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata });
}

/** Installs the injector on `client` (the product's shared client); returns its queue and counters. */
export function injectDynamoFaults(client: DynamoDBDocumentClient) {
  const queues: Record<FaultedCommand, DynamoFault[]> = { TransactWriteItemsCommand: [], UpdateItemCommand: [] };
  const sent: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      sent[command] = (sent[command] ?? 0) + 1;
      const fault = queues[command as FaultedCommand]?.shift();
      if (fault)
        throw errorFor(fault, command, ((args.input as { TransactItems?: unknown[] }).TransactItems ?? []).length);
      return next(args);
    },
    { step: 'initialize', name: 'testDynamoFaults', override: true },
  );
  return {
    fail: (command: FaultedCommand, ...faults: DynamoFault[]) => {
      queues[command].push(...faults);
    },
    /** Fails every matching call until cleared. */
    failAlways: (command: FaultedCommand, fault: DynamoFault) => {
      queues[command].push(...Array<DynamoFault>(1000).fill(fault));
    },
    clear: () => {
      for (const q of Object.values(queues)) q.length = 0;
    },
    sent: (command: string) => sent[command] ?? 0,
    resetCounts: () => {
      for (const k of Object.keys(sent)) delete sent[k];
    },
  };
}
