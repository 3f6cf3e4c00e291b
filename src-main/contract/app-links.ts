import { z } from 'zod';

/** A `motiv://idea/<id>` or `motiv://node/<id>` link the OS opened the app with (parsed in shared/app-links.ts). */
export const AppLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idea'), id: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('node'), id: z.string().min(1).max(128) }),
]);
