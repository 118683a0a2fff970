import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { TableAccess } from '#infra/catalog';

// Explicit actions instead of grantReadData/grantReadWriteData: those include dynamodb:Scan, which
// no Dossier code path may use, so IAM refuses it too. Transactions need no action of their own:
// each item in them is authorized as the Put/Update/Delete/ConditionCheck it is.
const READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export function grantTable(table: ITableV2, grantee: IGrantable, access: TableAccess): void {
  table.grant(grantee, ...READ, ...(access === 'readwrite' ? WRITE : []));
}
