import type { ApiFunctionId, FunctionId } from '#infra/catalog';
import { ArnFormat, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { anyMethodRoutes, DEFAULT_ROUTE_FUNCTION, routeEntries } from '#infra/route-table';
import { accessLogFormat } from '#infra/constructs/access-log-format';

export interface DossierApiProps {
  functionById: (id: FunctionId) => IFunction;
  corsOrigins: string[];
}

// A ceiling for the whole stage, so a runaway client costs bounded Lambda time; per-tenant limits
// belong to the application, which knows the tenant.
const THROTTLE = { rateLimit: 200, burstLimit: 400 };

/** The HTTP API: every route of the one route table, wrong methods and unknown paths included. */
export class DossierApi extends Construct {
  readonly api: HttpApi;
  /** Routes that answer their own CORS (form intake), on an API without `corsPreflight`. */
  readonly ownCorsApi?: HttpApi;
  /** The functions behind `ownCorsApi`: they need its URL (INTAKE_BASE_URL). */
  readonly ownCorsFunctions = new Set<ApiFunctionId>();

  constructor(scope: Construct, id: string, props: DossierApiProps) {
    super(scope, id);
    const integrations = new Map<string, HttpLambdaIntegration>();
    // One integration per API and function (CDK binds an integration to one API).
    const integrationFor = (fnId: ApiFunctionId, ownCors = false): HttpLambdaIntegration => {
      const key = `${ownCors ? 'own-cors-' : ''}${fnId}`;
      let integration = integrations.get(key);
      if (!integration) {
        // One API-wide permission per function: a permission per route would outgrow Lambda's 20 KB policy limit.
        integration = new HttpLambdaIntegration(`${key}-integration`, props.functionById(fnId), {
          scopePermissionToRoute: false,
        });
        integrations.set(key, integration);
      }
      return integration;
    };

    this.api = new HttpApi(this, 'Api', {
      apiName: Stack.of(this).stackName,
      description: 'Dossier CRM API',
      defaultIntegration: integrationFor(DEFAULT_ROUTE_FUNCTION),
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id'],
        exposeHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
        maxAge: Duration.hours(1),
      },
    });

    const ownCorsPaths = new Set(
      routeEntries().flatMap(([, routes]) => routes.filter((r) => r.ownCors).map((r) => r.path)),
    );
    if (ownCorsPaths.size) {
      this.ownCorsApi = new HttpApi(this, 'OwnCorsApi', {
        apiName: `${Stack.of(this).stackName}-intake`,
        description: 'Dossier form intake: answers CORS per form, so no API-wide CORS',
        createDefaultStage: true,
      });
    }
    const apiFor = (path: string) => (ownCorsPaths.has(path) ? this.ownCorsApi! : this.api);
    for (const [fnId, routes] of routeEntries()) {
      for (const route of routes) {
        if (ownCorsPaths.has(route.path)) this.ownCorsFunctions.add(fnId);
        apiFor(route.path).addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration: integrationFor(fnId, ownCorsPaths.has(route.path)),
        });
      }
    }
    for (const { path, functionId } of anyMethodRoutes()) {
      apiFor(path).addRoutes({
        path,
        methods: [HttpMethod.ANY],
        integration: integrationFor(functionId, ownCorsPaths.has(path)),
      });
    }

    this.permitDefaultRoute(props.functionById(DEFAULT_ROUTE_FUNCTION));
    this.configureStage(this.api, 'AccessLogs');
    if (this.ownCorsApi) this.configureStage(this.ownCorsApi, 'OwnCorsAccessLogs');
    for (const api of [this.api, this.ownCorsApi].filter((a) => a !== undefined))
      Validations.of(api).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'Callers authenticate with Dossier API keys (stored hashed) checked inside the Lambda; public routes (health, OpenAPI, form intake, share links) must stay open.',
        },
        {
          id: 'AwsSolutions-COG4',
          reason: 'Dossier does not use Cognito: tenants are API clients holding API keys, verified by the Lambda.',
        },
      );
    new CfnOutput(this, 'Url', { value: this.api.apiEndpoint, description: 'Base URL of the Dossier API' });
    if (this.ownCorsApi)
      new CfnOutput(this, 'IntakeUrl', { value: this.ownCorsApi.apiEndpoint, description: 'Base URL of form intake' });
  }

  // The API-wide permission CDK adds (`<api>/*/*/*`) needs two slashes after the stage, but the
  // $default route is invoked as `<api>/<stage>/$default`: without this one, unknown paths get a 500.
  private permitDefaultRoute(fn: IFunction): void {
    fn.addPermission('DefaultRouteInvoke', {
      scope: this,
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: Stack.of(this).formatArn({
        service: 'execute-api',
        resource: this.api.apiId,
        resourceName: '*/$default',
      }),
    });
  }

  private configureStage(api: HttpApi, logId: string): void {
    const logGroup = new LogGroup(this, logId, { retention: RetentionDays.ONE_MONTH });
    const stage = api.defaultStage?.node.defaultChild as CfnStage;
    // The log group ARN without the `:*` suffix that logGroupArn carries.
    const destinationArn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    stage.accessLogSettings = { destinationArn, format: accessLogFormat };
    stage.defaultRouteSettings = { throttlingRateLimit: THROTTLE.rateLimit, throttlingBurstLimit: THROTTLE.burstLimit };
  }
}
