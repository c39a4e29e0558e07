// The Workshop file format, probelab.dev/v1: an ordered list of lab files to teach (or rehearse)
// together, each with its own timeout, whether it may run beside others, and whether to leave it
// out. Strict like the lab format, so a typo is an error rather than a silently ignored setting.

import * as z from 'zod';
import { Duration } from '../lab/schema.js';

export const WorkshopLab = z
  .strictObject({
    lab: z.string().min(1, { error: 'expected a lab file path, got an empty string' }).meta({ description: 'A lab file, relative to the workshop file.' }),
    timeout: Duration.optional().meta({ description: "Overrides the lab's spec.timeout on this workshop's cluster." }),
    parallel: z.boolean().default(true).meta({ description: 'false: run this lab alone, never beside another (it uses something node-wide, such as a hostPath).' }),
    skip: z
      .union([z.boolean(), z.string().min(1, { error: 'expected the reason for skipping, got an empty string' })])
      .optional()
      .meta({ description: 'Leave the lab out of `workshop check` and `workshop verify`: true, or the reason.' }),
  })
  .meta({ description: 'One lab of the workshop.' });

const Metadata = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'expected a workshop name of lowercase letters, digits and "-"' }),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
});

const Spec = z.strictObject({
  parallel: z.int().min(1).default(1).meta({ description: 'How many labs `workshop check` runs at once, each in its own namespace.' }),
  labs: z.array(WorkshopLab).min(1),
});

export const Workshop = z.strictObject({
  $schema: z.string().optional(),
  apiVersion: z.literal('probelab.dev/v1'),
  kind: z.literal('Workshop'),
  metadata: Metadata,
  spec: Spec,
});

export type Workshop = z.infer<typeof Workshop>;
export type WorkshopLab = z.infer<typeof WorkshopLab>;

/** Every key the format knows, for "did you mean" on an unknown key. */
export const WORKSHOP_KEYS = new Set([...Object.keys(Workshop.shape), ...Object.keys(Metadata.shape), ...Object.keys(Spec.shape), ...Object.keys(WorkshopLab.shape)]);
