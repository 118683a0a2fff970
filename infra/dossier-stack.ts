import { CfnCondition, CfnOutput, CfnParameter, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { EventType } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { functions, type FunctionId, type FunctionSpec } from '#infra/catalog';
import { Data, privateBucket } from '#infra/constructs/data';
import { SearchIndex } from '#infra/constructs/search-index';
import { Downloads } from '#infra/constructs/downloads';
import { Functions } from '#infra/constructs/functions';
import { Mail } from '#infra/constructs/mail';
import { DossierApi } from '#infra/constructs/http-api';
import { connectInvocations } from '#infra/constructs/invocations';
import { connectMachines } from '#infra/constructs/machine-access';
import { acknowledgeBucketNotificationsHandler } from '#infra/constructs/cdk-internals';
import { Schedules } from '#infra/constructs/schedules';
import { deploySecrets } from '#infra/constructs/secrets';
import { StateMachines } from '#infra/constructs/state-machines';
import { StreamConsumers } from '#infra/constructs/stream-consumers';

export interface DossierStackProps extends StackProps {
  /** Browser origins allowed to call the API and upload to the bucket. */
  corsOrigins: string[];
}

/**
 * Everything Dossier runs on, generated from infra/catalog.ts and the route table.
 * The platform admin key is never deployed: only its SHA-256 arrives, as a NoEcho parameter.
 */
export class DossierStack extends Stack {
  readonly data: Data;
  readonly functions: Functions;
  readonly stateMachines: StateMachines;
  readonly http: DossierApi;
  readonly mail: Mail;

  constructor(scope: Construct, id: string, props: DossierStackProps) {
    super(scope, id, props);
    this.data = new Data(this, 'Data', { corsOrigins: props.corsOrigins });
    const { table, bucket } = this.data;
    const secrets = deploySecrets(this);
    const downloads = new Downloads(this, 'Downloads', { bucket });
    const searchIndex = new SearchIndex(this, 'Search', { bucketProps: privateBucket });
    const functionById = (fnId: FunctionId) => this.functions.get(fnId);
    this.mail = new Mail(this, 'Mail');
    this.functions = new Functions(this, 'Functions', {
      table,
      bucket,
      environment: { TABLE_NAME: table.tableName, BUCKET_NAME: bucket.bucketName },
      // Task and event functions never authenticate callers nor page lists: they do not get the secrets.
      apiEnvironment: {
        ADMIN_KEY_SHA256: secrets.adminKeySha256,
        CURSOR_SECRET: secrets.cursorSecret,
        DOWNLOAD_BASE_URL: downloads.baseUrl,
      },
      mailEnvironment: this.mail.environment,
      searchIndex,
    });
    for (const spec of functions as readonly FunctionSpec[])
      if (spec.sendsMail) this.mail.allowSending(functionById(spec.id as FunctionId));
    for (const fn of this.functions.ofKind('mail-event')) this.mail.deliverEventsTo(fn);
    this.stateMachines = new StateMachines(this, 'StateMachines', { functionById });
    connectMachines(functionById, this.stateMachines.byId, this.stateMachines.startArnById);
    connectInvocations(functionById);
    this.http = new DossierApi(this, 'Http', { functionById, corsOrigins: props.corsOrigins });
    // Intake URLs point at the API that serves intake (no cycle: the function needs the API's id, not its routes).
    for (const fnId of this.http.ownCorsFunctions)
      this.functions.get(fnId).addEnvironment('INTAKE_BASE_URL', this.http.ownCorsApi!.apiEndpoint);

    // Emails link to pages served by the API (the approver's page, /a/{token}): by default its own
    // endpoint, or the domain it is published under.
    const publicBaseUrl = new CfnParameter(this, 'PublicBaseUrl', {
      type: 'String',
      default: '',
      allowedPattern: '^(https://[^\\s/]+(/[^\\s]*)?)?$',
      constraintDescription: 'empty (the HTTP API endpoint) or an https:// URL',
      description:
        "Where emails link to the API's pages (https://…, no trailing slash); empty: the HTTP API's endpoint.",
    });
    const useEndpoint = new CfnCondition(this, 'PublicBaseUrlIsEndpoint', {
      expression: Fn.conditionEquals(publicBaseUrl.valueAsString, ''),
    });
    const publicBase = Fn.conditionIf(
      useEndpoint.logicalId,
      this.http.api.apiEndpoint,
      publicBaseUrl.valueAsString,
    ).toString();
    for (const spec of functions as readonly FunctionSpec[])
      if (spec.sendsMail) functionById(spec.id as FunctionId).addEnvironment('PUBLIC_BASE_URL', publicBase);

    // Every key, not only t/: the same handler deletes objects that landed outside a tenant prefix.
    for (const fn of this.functions.ofKind('event'))
      bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn));
    new Schedules(this, 'Schedules', { functionById });
    new StreamConsumers(this, 'StreamConsumers', { table, functionById });
    acknowledgeBucketNotificationsHandler(this);

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
  }
}
