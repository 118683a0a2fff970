import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
const c = new DynamoDBClient({ endpoint: 'http://127.0.0.1:40547', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
let n = 0; const now = new Date().toISOString(); let past = 0; let sample;
for (let s = 0; s < 16; s++) {
  const r = await c.send(new QueryCommand({ TableName: 'dossier', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'PLATFORM#webhooks#' + String(s).padStart(2, '0') } } }));
  n += r.Count; for (const i of r.Items) { if (i.sk.S < now) past++; sample ??= i; }
}
console.log('due items', n, 'past due', past, now); console.log(JSON.stringify(sample).slice(0, 600));
