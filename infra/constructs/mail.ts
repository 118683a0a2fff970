import { Arn, CfnParameter, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { eventDeadLetterQueue } from '#infra/constructs/dead-letter';

/** SES events Dossier tracks, as EventBridge names them (detail-type). */
export const TRACKED_MAIL_EVENTS = ['Email Delivered', 'Email Bounced', 'Email Complaint Received'];

/**
 * Mail goes out from the platform's own domain (`no-reply@<MailDomain>`, verified with Easy DKIM),
 * through one configuration set whose delivery, bounce and complaint events reach EventBridge.
 * Tenants' own domains are out of scope: every tenant sends as "<tenant> via Dossier".
 */
export class Mail extends Construct {
  readonly fromAddress: string;
  readonly configurationSet: ConfigurationSet;
  readonly identityArn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const domain = new CfnParameter(stack, 'MailDomain', {
      type: 'String',
      allowedPattern: '^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$',
      constraintDescription: 'a lower-case domain name, e.g. mail.example.com',
      description: 'The domain Dossier sends mail from (no-reply@<domain>); add the DKIM records SES shows for it.',
    }).valueAsString;
    this.fromAddress = `no-reply@${domain}`;
    new EmailIdentity(this, 'Identity', { identity: Identity.domain(domain) });
    this.identityArn = Arn.format({ service: 'ses', resource: 'identity', resourceName: domain }, stack);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      // Addresses that bounced or complained are not mailed again (account-level list, per set here).
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
  }

  /** Environment of a function that sends mail (functions/config.ts). */
  get environment(): Record<string, string> {
    return { MAIL_FROM_ADDRESS: this.fromAddress, SES_CONFIGURATION_SET: this.configurationSet.configurationSetName };
  }

  /** `ses:SendEmail` on this identity and configuration set only, and only from the platform's address. */
  allowSending(fn: IFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.identityArn,
          Arn.format(
            { service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName },
            Stack.of(this),
          ),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.fromAddress } },
      }),
    );
  }

  /** The configuration set's events of the kinds Dossier tracks, to `fn` (retried, then dead-lettered). */
  deliverEventsTo(fn: IFunction): void {
    new Rule(this, 'Events', {
      description: 'SES delivery, bounce and complaint events of Dossier mail',
      eventPattern: { source: ['aws.ses'], detailType: TRACKED_MAIL_EVENTS },
      targets: [new LambdaFunction(fn, { deadLetterQueue: eventDeadLetterQueue(this), retryAttempts: 2 })],
    });
  }
}
