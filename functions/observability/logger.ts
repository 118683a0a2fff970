import { Logger } from '@aws-lambda-powertools/logger';

// Structured JSON with request and tenant ids; never keys, secrets or bodies.
export const logger = new Logger({ serviceName: 'dossier' });
