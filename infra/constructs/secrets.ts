import { CfnParameter, Stack } from 'aws-cdk-lib';

export interface DeploySecrets {
  adminKeySha256: string;
  cursorSecret: string;
}

/**
 * The two secrets arrive as NoEcho parameters at deploy time, so they are in no template or repo.
 * Only the SHA-256 of the platform admin key is deployed: the plain key stays with the operator,
 * and a leaked function configuration does not yield a usable admin key.
 */
export function deploySecrets(stack: Stack): DeploySecrets {
  const adminKeySha256 = new CfnParameter(stack, 'AdminKeySha256', {
    type: 'String',
    noEcho: true,
    allowedPattern: '^[0-9a-f]{64}$',
    constraintDescription: 'the lowercase hex SHA-256 of the platform admin key (e.g. `printf %s "$KEY" | sha256sum`)',
    description: 'SHA-256 (hex) of the platform admin key. Never pass the key itself.',
  });
  const cursorSecret = new CfnParameter(stack, 'CursorSecret', {
    type: 'String',
    noEcho: true,
    minLength: 32,
    description: 'HMAC key (at least 32 characters) that makes pagination cursors tamper-evident.',
  });
  return { adminKeySha256: adminKeySha256.valueAsString, cursorSecret: cursorSecret.valueAsString };
}
