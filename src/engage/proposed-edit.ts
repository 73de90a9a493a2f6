import { z } from 'zod';
import { EngageOutputSchema } from '../models/index.js';

/** One file the Shaper wants changed: its whole new content (swarmlord computes the diff). */
export const ProposedEditSchema = z.object({
  path: z.string().min(1).describe('workspace-relative path, e.g. src/app.ts'),
  content: z.string().describe('the complete new content of the file'),
  reason: z.string().optional().describe('why this change'),
});

/** The Shaper's answer: analysis artifacts, metrics and, optionally, edits to propose. */
export const EngageProposalOutputSchema = EngageOutputSchema.extend({
  edits: z
    .array(ProposedEditSchema)
    .optional()
    .describe('files to change, each with its complete new content; omit for analysis only'),
});

export type ProposedEdit = z.infer<typeof ProposedEditSchema>;
export type EngageProposalOutput = z.infer<typeof EngageProposalOutputSchema>;
