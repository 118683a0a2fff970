import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * Where presigned downloads are served: S3 cannot add `X-Content-Type-Options: nosniff` to a GET
 * (its response-* overrides cover content type, disposition, language, expires, cache-control and
 * encoding only), so downloads go through CloudFront, whose response headers policy adds it. The
 * presigned S3 URL is used as it is with CloudFront's host (functions/store/aws/presign.ts): CloudFront
 * forwards the query string and sends the origin's own Host, so S3 checks the signature it issued.
 * Nothing is cached (every URL is signed and short-lived) and only GET/HEAD pass.
 */
export class Downloads extends Construct {
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: { bucket: IBucket }) {
    super(scope, id);
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Downloads: nosniff, no framing, no referrer, not cached',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cache-Control', value: 'no-store', override: true }] },
    });
    const distribution = new Distribution(this, 'Distribution', {
      comment: 'Dossier downloads (presigned S3 GETs, served with nosniff)',
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new HttpOrigin(props.bucket.bucketRegionalDomainName, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // Query string (the signature) and viewer headers go to S3; Host becomes the bucket's own.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
      },
    });
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Tenants and their clients download from anywhere; no geographic restriction applies.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Every request must carry a valid S3 signature of at most 5 minutes; S3 refuses the rest.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "The document bucket's server access logs record every download CloudFront forwards (nothing is cached).",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'No custom domain: the default CloudFront certificate, whose TLS policy CloudFront sets.',
      },
      {
        id: 'AwsSolutions-CFR7',
        reason:
          "Origin access control would sign with CloudFront's identity and open the bucket to anyone who reaches the distribution; here S3 checks each URL's own presigned signature and the bucket stays private.",
      },
    );
    this.baseUrl = `https://${distribution.distributionDomainName}`;
    new CfnOutput(this, 'Url', { value: this.baseUrl, description: 'Where presigned downloads are served' });
  }
}
