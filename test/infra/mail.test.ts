import { App, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, type FunctionId, type FunctionSpec } from '#infra/catalog';
import { TRACKED_MAIL_EVENTS } from '#infra/constructs/mail';
import { DossierStack } from '#infra/dossier-stack';
import {
  actionsOf,
  allStatements,
  asList,
  referencedId,
  resources,
  statementsOfRole,
} from '#test/infra/template-queries';

let stack: DossierStack;
let template: Template;
const logicalId = (c: IConstruct): string => stack.getLogicalId(c.node.defaultChild as CfnResource);
const fnLogicalId = (id: FunctionId) => logicalId(stack.functions.get(id));
const roleLogicalId = (id: FunctionId) => logicalId(stack.functions.get(id).role!);

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new DossierStack(app, 'Dossier', { corsOrigins: ['*'] });
  template = Template.fromStack(stack);
});

describe('mail', () => {
  it("gives every function that sends mail PUBLIC_BASE_URL: the PublicBaseUrl parameter, else the HTTP API's endpoint", () => {
    template.hasParameter('PublicBaseUrl', { Type: 'String', Default: '' });
    const senders = (functions as readonly FunctionSpec[]).filter((f) => f.sendsMail);
    expect(senders.map((f) => f.id)).toContain('approval-deadline');
    const lambdas = resources(template, 'AWS::Lambda::Function');
    for (const spec of functions as readonly FunctionSpec[]) {
      const env = lambdas[fnLogicalId(spec.id as FunctionId)].Properties.Environment?.Variables ?? {};
      if (!spec.sendsMail) {
        expect(env.PUBLIC_BASE_URL, spec.id).toBeUndefined();
        continue;
      }
      const [condition, endpoint, parameter] = env.PUBLIC_BASE_URL['Fn::If'];
      expect(condition).toBe('PublicBaseUrlIsEndpoint');
      expect(JSON.stringify(endpoint)).toContain(logicalId(stack.http.api));
      expect(parameter).toEqual({ Ref: 'PublicBaseUrl' });
    }
  });

  it('verifies the platform domain and sends through a configuration set that requires TLS and publishes to EventBridge', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: { Ref: 'MailDomain' } });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['delivery', 'bounce', 'complaint']),
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      },
    });
  });

  it('routes delivery, bounce and complaint events to the mail-event function, with a dead-letter queue', () => {
    const rules = Object.values(resources(template, 'AWS::Events::Rule')).filter(
      (r) => r.Properties.EventPattern?.source?.[0] === 'aws.ses',
    );
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties.EventPattern['detail-type']).toEqual(TRACKED_MAIL_EVENTS);
    const [target] = rules[0].Properties.Targets;
    expect(referencedId(target.Arn)).toBe(fnLogicalId('ses-events'));
    expect(target.DeadLetterConfig.Arn).toBeTruthy();
    expect(target.RetryPolicy.MaximumRetryAttempts).toBe(2);
  });

  it('lets only the functions that send mail call ses:SendEmail, on the identity and configuration set, from the platform address', () => {
    for (const spec of functions as readonly FunctionSpec[]) {
      const ses = statementsOfRole(template, roleLogicalId(spec.id as FunctionId)).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('ses:')),
      );
      if (!spec.sendsMail) {
        expect(ses, spec.id).toEqual([]);
        continue;
      }
      expect(actionsOf(ses)).toEqual(['ses:SendEmail']);
      const text = JSON.stringify(ses.flatMap((s) => asList(s.Resource)));
      expect(text).toContain(':identity/');
      expect(text).toContain(':configuration-set/');
      expect(text).not.toContain('*');
      expect(JSON.stringify((ses[0] as unknown as { Condition: unknown }).Condition)).toContain('ses:FromAddress');
    }
    expect(actionsOf(allStatements(template)).filter((a) => a.startsWith('ses:') && a !== 'ses:SendEmail')).toEqual([]);
  });

  it('gives the sender and the configuration set to the functions that send mail, and to no other', () => {
    for (const spec of functions as readonly FunctionSpec[]) {
      const env = resources(template, 'AWS::Lambda::Function')[fnLogicalId(spec.id as FunctionId)].Properties
        .Environment.Variables as Record<string, unknown>;
      if (spec.sendsMail)
        expect(Object.keys(env)).toEqual(expect.arrayContaining(['MAIL_FROM_ADDRESS', 'SES_CONFIGURATION_SET']));
      else expect(env.MAIL_FROM_ADDRESS).toBeUndefined();
    }
  });
});
