import * as z from 'zod';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE } from '#core/control-characters';
import { ROLES } from '#core/tenancy/caller';
import { USER_ID } from '#core/tenancy/user';
import { ENTITIES } from '#core/records/entities';
import { MAX_LINKS, VISIBILITIES } from '#core/documents/document';

// Each tag is a list copy written with the document: 20, the document and 50 links stay well inside one transaction.
export const MAX_TAGS = 20;
export const MAX_ACL_ENTRIES = 100;

export const Tag = z.string().trim().min(1).max(64).regex(NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE);
const AclEntryInput = z.union([
  z
    // Any id a key can act for (usr_… or one the key was issued with); the store checks the user exists.
    .object({ userId: z.string().regex(USER_ID, 'must be a user id'), access: z.enum(['read', 'write']) })
    .strict(),
  z.object({ role: z.enum(ROLES), access: z.enum(['read', 'write']) }).strict(),
]);

export const DocumentPatch = z
  .object({
    name: z.string().min(1).max(1024).optional(),
    tags: z.array(Tag).max(MAX_TAGS).optional(),
    links: z
      .array(z.object({ entity: z.enum(ENTITIES), id: z.string().max(64) }).strict())
      .max(MAX_LINKS)
      .optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    acl: z.array(AclEntryInput).max(MAX_ACL_ENTRIES).optional(),
  })
  .strict();

export type DocumentPatchInput = z.output<typeof DocumentPatch>;

/** Tags compare case-insensitively; the first spelling is kept. */
export function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.map((t) => t.normalize('NFC')).filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}
