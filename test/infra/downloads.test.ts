import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DossierStack } from '#infra/dossier-stack';
import { resources } from '#test/infra/template-queries';

// S3 cannot send nosniff, so downloads are served through CloudFront with a response headers
// policy; the API functions presign as before and hand out CloudFront's host.
let template: Template;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new DossierStack(app, 'Dossier', { corsOrigins: ['*'] }));
});

describe('downloads', () => {
  it('serves presigned GETs through CloudFront with nosniff, uncached, query string forwarded to S3', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ ContentTypeOptions: { Override: true } }),
      }),
    });
    const [distribution] = Object.values(resources(template, 'AWS::CloudFront::Distribution'));
    const behavior = distribution.Properties.DistributionConfig.DefaultCacheBehavior;
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    // Managed policies: CachingDisabled, AllViewerExceptHostHeader.
    expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(behavior.ResponseHeadersPolicyId).toBeDefined();
    const [origin] = distribution.Properties.DistributionConfig.Origins;
    expect(JSON.stringify(origin.DomainName)).toContain('RegionalDomainName');
  });

  it('tells every API function where downloads are served', () => {
    const apiFunctions = Object.values(resources(template, 'AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.ADMIN_KEY_SHA256,
    );
    expect(apiFunctions.length).toBeGreaterThan(0);
    for (const f of apiFunctions) expect(f.Properties.Environment.Variables.DOWNLOAD_BASE_URL).toBeDefined();
  });
});
