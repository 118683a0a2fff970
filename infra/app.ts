import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { corsOrigins } from '#infra/constructs/cors-origins';
import { DossierStack } from '#infra/dossier-stack';

const app = new App();
new DossierStack(app, 'Dossier', {
  description: 'Dossier: multi-tenant, API-first CRM whose records carry their documents',
  corsOrigins: corsOrigins(app),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
