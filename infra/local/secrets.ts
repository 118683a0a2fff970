import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintAdminKey } from '#core/tenancy/key-secret';

export interface LocalSecrets {
  adminKey: string;
  cursorSecret: string;
}

/** The admin key (DOSSIER_ADMIN_KEY or generated once) and the cursor key, kept across restarts. */
export function localSecrets(dataDir: string | undefined, adminKeyFromEnv: string | undefined): LocalSecrets {
  const file = dataDir && join(dataDir, 'secrets.json');
  const saved: Partial<LocalSecrets> = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = {
    adminKey: adminKeyFromEnv || saved.adminKey || mintAdminKey(),
    cursorSecret: saved.cursorSecret || randomBytes(32).toString('base64url'),
  };
  if (file) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
