import { App, CfnResource, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyMethodRoutes, allRoutes, DEFAULT_ROUTE_FUNCTION, routeEntries } from '#infra/route-table';
import { functions, stateMachines, type FunctionId } from '#infra/catalog';
import { corsOrigins } from '#infra/constructs/cors-origins';
import { DossierStack } from '#infra/dossier-stack';
import { globalSecondaryIndexes, TTL_ATTRIBUTE } from '#store/dynamo/table-schema';
import {
  actionsOf,
  allStatements,
  asList,
  functionOfRoute,
  referencedId,
  resources,
  resourcesFor,
  statementsOfRole,
} from '#test/infra/template-queries';

// Bundling is skipped here (`aws:cdk:bundling-stacks: []`) so the file runs in seconds;
// `npm run synth` is the check that esbuild really bundles every catalog entry.
let app: App;
let stack: DossierStack;
let template: Template;

const logicalId = (c: IConstruct): string => stack.getLogicalId(c.node.defaultChild as CfnResource);
const fnLogicalId = (id: FunctionId): string => logicalId(stack.functions.get(id));
const roleLogicalId = (id: FunctionId): string => logicalId(stack.functions.get(id).role!);
const machineLogicalId = (id: string): string => logicalId(stack.stateMachines.byId.get(id)!);
const hasAlias = (id: string): boolean => stateMachines.some((m) => m.id === id && 'alias' in m && m.alias);
/** What a function starts executions through: the machine's alias where it has one (approvals), else the machine. */
const startLogicalId = (id: string): string =>
  hasAlias(id)
    ? stack.getLogicalId(stack.stateMachines.byId.get(id)!.node.scope!.node.findChild('Alias') as CfnResource)
    : machineLogicalId(id);

beforeAll(() => {
  app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new DossierStack(app, 'Dossier', { corsOrigins: ['*'] });
  template = Template.fromStack(stack);
});

describe('data', () => {
  it('keeps one on-demand table with point-in-time recovery, TTL and the ten GSIs, retained on delete', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true }),
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
    const table = Object.values(resources(template, 'AWS::DynamoDB::GlobalTable'))[0];
    const gsis = table.Properties.GlobalSecondaryIndexes as Array<{
      IndexName: string;
      KeySchema: unknown;
      Projection: unknown;
    }>;
    expect(gsis).toHaveLength(10);
    expect(gsis).toEqual(
      globalSecondaryIndexes.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('blocks public access, encrypts and refuses plain HTTP on every bucket', () => {
    const buckets = resources(template, 'AWS::S3::Bucket');
    // Documents, their access logs, the search index (issue 25).
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm,
      ).toBe('AES256');
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('expires previews kept over the inline cap a day after they were written, by their tag, and nothing else', () => {
    const documents = resources(template, 'AWS::S3::Bucket')[logicalId(stack.data.bucket)];
    const rules = documents.Properties.LifecycleConfiguration.Rules as Array<Record<string, unknown>>;
    expect(rules.filter((r) => r.ExpirationInDays !== undefined)).toEqual([
      {
        Id: 'ExpirePreviews',
        Status: 'Enabled',
        ExpirationInDays: 1,
        TagFilters: [{ Key: 'dossier-expire', Value: '1d' }],
      },
    ]);
  });

  it('keeps the document bucket unversioned (versions are ours), logs access and allows browser PUTs with the signed headers', () => {
    const documents = resources(template, 'AWS::S3::Bucket')[logicalId(stack.data.bucket)];
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ LoggingConfiguration: Match.anyValue() }),
    });
    expect(documents.Properties.VersioningConfiguration).toBeUndefined();
    expect(JSON.stringify(documents.Properties.LifecycleConfiguration)).not.toMatch(/Noncurrent/);
    expect(documents.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
    expect(documents.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: expect.arrayContaining(['PUT']),
        AllowedOrigins: ['*'],
        AllowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
      }),
    ]);
    expect(documents.Properties.CorsConfiguration.CorsRules[0].AllowedMethods).not.toContain('POST');
  });

  it('reads CORS origins from context as a list or a comma-separated string', () => {
    const withContext = (value: unknown) => new App({ context: value === undefined ? {} : { corsOrigins: value } });
    expect(corsOrigins(withContext(undefined))).toEqual(['*']);
    expect(corsOrigins(withContext('https://a.example, https://b.example'))).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(corsOrigins(withContext(['https://a.example']))).toEqual(['https://a.example']);
  });
});

describe('functions', () => {
  it('makes one arm64 Node.js 22+ function per catalog entry with its memory, timeout and log retention', () => {
    for (const spec of functions) {
      const fn = resources(template, 'AWS::Lambda::Function')[fnLogicalId(spec.id)];
      expect(fn.Properties).toMatchObject({
        // The approval workflow's five task functions share one module, each on its own export.
        Handler: `index.${'handler' in spec && spec.handler ? spec.handler : 'handler'}`,
        Architectures: ['arm64'],
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
      });
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      const logGroup = resources(template, 'AWS::Logs::LogGroup')[referencedId(fn.Properties.LoggingConfig.LogGroup)!];
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
  });

  it('passes each function its configuration, the secrets as NoEcho parameters and never a local endpoint', () => {
    template.templateMatches({
      Parameters: {
        AdminKeySha256: { Type: 'String', NoEcho: true, AllowedPattern: '^[0-9a-f]{64}$' },
        CursorSecret: { Type: 'String', NoEcho: true, MinLength: 32 },
      },
    });
    for (const spec of functions) {
      const env = resources(template, 'AWS::Lambda::Function')[fnLogicalId(spec.id)].Properties.Environment.Variables;
      if (spec.kind === 'api')
        expect(env).toMatchObject({
          ADMIN_KEY_SHA256: { Ref: 'AdminKeySha256' },
          CURSOR_SECRET: { Ref: 'CursorSecret' },
        });
      else expect(Object.keys(env)).not.toEqual(expect.arrayContaining(['ADMIN_KEY_SHA256']));
      if (spec.kind !== 'api') expect(env.CURSOR_SECRET).toBeUndefined();
      expect(referencedId(env.TABLE_NAME)).toBe(logicalId(stack.data.table));
      expect(referencedId(env.BUCKET_NAME)).toBe(logicalId(stack.data.bucket));
      expect(Object.keys(env).filter((k) => k.endsWith('_ENDPOINT'))).toEqual([]);
      const machineRefs = JSON.stringify(env.STATE_MACHINE_ARNS).match(/StateMachines\w+/g) ?? [];
      expect(machineRefs.sort()).toEqual(spec.startsMachines.map(startLogicalId).sort());
    }
  });

  it('sends every ObjectCreated event to the event functions', () => {
    const events = functions.filter((f) => f.kind === 'event');
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.data.bucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: events.map((f) => ({
          Events: ['s3:ObjectCreated:*'],
          LambdaFunctionArn: { 'Fn::GetAtt': [fnLogicalId(f.id), 'Arn'] },
        })),
      },
    });
  });
});

describe('schedules', () => {
  it('invokes each scheduled function at its rate through EventBridge Scheduler, with a role that may invoke only it', () => {
    const scheduled = functions.filter((f) => f.kind === 'schedule');
    expect(scheduled.map((f) => f.id)).toContain('sweep-reservations');
    const schedules = Object.values(resources(template, 'AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(scheduled.length);
    for (const spec of scheduled) {
      const schedule = schedules.find((s) => JSON.stringify(s.Properties.Target.Arn).includes(fnLogicalId(spec.id)));
      expect(schedule?.Properties.ScheduleExpression).toBe(
        `rate(${spec.everyMinutes} minute${spec.everyMinutes === 1 ? '' : 's'})`,
      );
      expect(schedule?.Properties.State).not.toBe('DISABLED');
      const roleId = referencedId(schedule!.Properties.Target.RoleArn);
      const invokes = statementsOfRole(template, roleId!);
      expect(actionsOf(invokes)).toEqual(['lambda:InvokeFunction']);
      expect(
        invokes
          .flatMap((st) => asList(st.Resource))
          .map((r) => JSON.stringify(r))
          .every((r) => r.includes(fnLogicalId(spec.id))),
      ).toBe(true);
    }
  });
});

describe('state machines', () => {
  it('builds each machine from its file with its task functions, full logging and tracing', () => {
    for (const spec of stateMachines) {
      const machine = resources(template, 'AWS::StepFunctions::StateMachine')[machineLogicalId(spec.id)];
      expect(machine.Properties).toMatchObject({
        StateMachineType: spec.type,
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      });
      const substitutions = Object.fromEntries(
        Object.entries(machine.Properties.DefinitionSubstitutions).map(([k, v]) => [k, referencedId(v)]),
      );
      expect(substitutions).toEqual(
        Object.fromEntries(Object.entries(spec.functions).map(([k, fnId]) => [k, fnLogicalId(fnId)])),
      );
    }
  });

  it('starts approvals through an alias on a retained version, so a deploy never changes a running approval', () => {
    const machine = machineLogicalId('approval');
    const versions = Object.entries(resources(template, 'AWS::StepFunctions::StateMachineVersion'));
    expect(versions).toHaveLength(1);
    const [versionId, version] = versions[0];
    expect(version).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        StateMachineArn: { Ref: machine },
        StateMachineRevisionId: { 'Fn::GetAtt': [machine, 'StateMachineRevisionId'] },
      },
    });
    const alias = resources(template, 'AWS::StepFunctions::StateMachineAlias')[startLogicalId('approval')];
    expect(alias.Properties.RoutingConfiguration).toEqual([
      { StateMachineVersionArn: { 'Fn::GetAtt': [versionId, 'Arn'] }, Weight: 100 },
    ]);
  });

  it('lets each machine invoke exactly its task functions', () => {
    for (const spec of stateMachines) {
      const role = referencedId(
        resources(template, 'AWS::StepFunctions::StateMachine')[machineLogicalId(spec.id)].Properties.RoleArn,
      )!;
      const statements = statementsOfRole(template, role);
      const invoked = resourcesFor(statements, 'lambda:').map(referencedId);
      expect(invoked.sort()).toEqual(Object.values(spec.functions).map(fnLogicalId).sort());
      expect(actionsOf(statements).filter((a) => a.startsWith('lambda:'))).toEqual(['lambda:InvokeFunction']);
    }
  });
});

describe('http api', () => {
  const routes = () => Object.values(resources(template, 'AWS::ApiGatewayV2::Route'));
  const routeKeys = () => routes().map((r) => r.Properties.RouteKey as string);
  const routeByKey = (key: string) => routes().find((r) => r.Properties.RouteKey === key)!;

  it("has a route for every entry of the route table, sent to that capability's function", () => {
    for (const [fnId, tableRoutes] of routeEntries()) {
      for (const route of tableRoutes) {
        const deployed = routeByKey(route.routeKey);
        expect(deployed, route.routeKey).toBeDefined();
        expect(functionOfRoute(template, deployed)).toBe(fnLogicalId(fnId));
      }
    }
  });

  it('sends any other method on a known path, and any unknown path, to a function', () => {
    for (const { path, functionId } of anyMethodRoutes())
      expect(functionOfRoute(template, routeByKey(`ANY ${path}`))).toBe(fnLogicalId(functionId));
    expect(functionOfRoute(template, routeByKey('$default'))).toBe(fnLogicalId(DEFAULT_ROUTE_FUNCTION));
    expect(routeKeys()).toHaveLength(allRoutes().length + anyMethodRoutes().length + 1);
  });

  it('lets API Gateway invoke the default route, whose ARN the API-wide permission does not match', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnLogicalId(DEFAULT_ROUTE_FUNCTION), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/\\*/\\$default$')])] },
    });
  });

  it('uses payload 2.0, access logs, throttling and the CORS headers the API reads', () => {
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowHeaders: Match.arrayWith(['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id']),
      }),
    });
    expect(Object.keys(template.findOutputs('*')).some((k) => k.startsWith('HttpUrl'))).toBe(true);
  });
});

describe('least privilege', () => {
  it('lets a function start only the machines the catalog lists for it', () => {
    for (const spec of functions) {
      const statements = statementsOfRole(template, roleLogicalId(spec.id));
      const started = resourcesFor(statements, 'states:').map(referencedId).filter(Boolean);
      expect(new Set(started)).toEqual(
        new Set([
          ...spec.startsMachines.flatMap((id) => [machineLogicalId(id), ...(hasAlias(id) ? [startLogicalId(id)] : [])]),
          ...('resumesMachines' in spec ? (spec.resumesMachines as readonly string[]) : []).map(machineLogicalId),
        ]),
      );
      // Executions of its own machines only (DescribeExecution, StopExecution).
      for (const r of resourcesFor(statements, 'states:DescribeExecution'))
        expect(JSON.stringify(r)).toMatch(
          new RegExp(`:execution:.*(${spec.startsMachines.map(machineLogicalId).join('|')})`),
        );
    }
    expect(
      new Set(
        resourcesFor(statementsOfRole(template, roleLogicalId('platform-api')), 'states:Start').map(referencedId),
      ),
    ).toEqual(new Set([machineLogicalId('health')]));
    const sendsTaskResults = functions.filter((f) =>
      actionsOf(statementsOfRole(template, roleLogicalId(f.id))).some((a) => a.startsWith('states:SendTask')),
    );
    // Only what starts the approval workflow resumes its tasks (the pages: an approver's decision from
    // the emailed link); its own task functions never do.
    expect(sendsTaskResults.map((f) => f.id).sort()).toEqual(['approval-void', 'approvals-api', 'pages-api']);
    // The pages only resume task tokens: nothing to start, describe or stop.
    expect(
      actionsOf(statementsOfRole(template, roleLogicalId('pages-api')))
        .filter((a) => a.startsWith('states:'))
        .sort(),
    ).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    for (const spec of functions.filter((f) => f.kind !== 'api' && f.startsMachines.length === 0)) {
      expect(
        actionsOf(statementsOfRole(template, roleLogicalId(spec.id))).filter((a) => a.startsWith('states:')),
      ).toEqual([]);
    }
  });

  it('never allows a table Scan, gives table writes only to readwrite functions and bucket access only as the catalog says', () => {
    const documentsBucket = logicalId(stack.data.bucket);
    for (const spec of functions) {
      const statements = statementsOfRole(template, roleLogicalId(spec.id));
      const actions = actionsOf(statements);
      // The documents bucket's grants (the search index's bucket is checked below).
      const onDocuments = actionsOf(statements.filter((s) => JSON.stringify(s.Resource).includes(documentsBucket)));
      expect(actions.includes('dynamodb:PutItem')).toBe(spec.table === 'readwrite');
      expect(actions).toContain('dynamodb:Query');
      expect(actions.filter((a) => a.startsWith('dynamodb:Scan') || a === 'dynamodb:*')).toEqual([]);
      expect(onDocuments.includes('s3:GetObject')).toBe(spec.bucket === 'read' || spec.bucket === 'readwrite');
      expect(onDocuments.includes('s3:ListBucket')).toBe(spec.bucket !== 'none');
      expect(onDocuments.includes('s3:PutObject')).toBe(spec.bucket === 'readwrite');
    }
  });

  it('lets the health check describe only its machines and HEAD only the bucket, reading no object', () => {
    const statements = statementsOfRole(template, roleLogicalId('platform-api'));
    expect(new Set(resourcesFor(statements, 'states:DescribeStateMachine').map(referencedId))).toEqual(
      new Set([machineLogicalId('health')]),
    );
    const bucketArn = { 'Fn::GetAtt': [logicalId(stack.data.bucket), 'Arn'] };
    expect(resourcesFor(statements, 's3:')).toEqual([bucketArn]);
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:'))).toEqual(['s3:ListBucket']);
  });

  it('has no "*" action anywhere, and "*" resources only for actions that support nothing narrower', () => {
    // X-Ray and CloudWatch Logs delivery have no resource-level permissions; CDK adds them for tracing and logging.
    const resourceless =
      /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    for (const statement of allStatements(template)) {
      expect(asList(statement.Action).filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      if (asList(statement.Resource).includes('*'))
        for (const action of asList(statement.Action)) expect(action).toMatch(resourceless);
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgement a specific reason', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(40);
  });
});
