import * as z from 'zod';
import { ROLES } from '#core/tenancy/caller';
import { USER_ID } from '#core/tenancy/user';
import { Timestamp } from '#http/schemas/common';
import { UserProfileBody } from '#http/tenancy/schemas';

export const UserSchema = z
  .object({
    userId: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
    role: z.enum(ROLES).describe("The highest role among the user's active keys (the last one held, when inactive)."),
    active: z.boolean().describe('Has an unrevoked key, and so holds one of the tenant’s seats.'),
    activeKeys: z.number().int().describe('Unrevoked keys acting for the user.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User', description: 'A member of the tenant that API keys act for.' });

export const UserIdParam = z.strictObject({
  id: z.string().regex(USER_ID, 'must be a user id').describe('A user id (`usr_…` or the id the key was issued for).'),
});

export const UserPatchBody = z
  .strictObject({
    name: UserProfileBody.shape.name.unwrap().nullable().optional().describe("The user's name; null removes it."),
    email: UserProfileBody.shape.email
      .unwrap()
      .nullable()
      .optional()
      .describe("Where the user's notices go; null removes it."),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one of name, email.' })
  .meta({ id: 'UserPatchRequest' });
