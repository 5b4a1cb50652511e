import { z } from 'zod';

const stage = z.string().min(1).max(100);

export const rulesetSchema = z.object({
  blockedContactStages: z.array(stage).max(100).optional(),
  blockedAccountStages: z.array(stage).max(100).optional(),
  sameAccountReply: z.enum(['ignore', 'not_sent']).optional(),
  gdprBlockEu: z.boolean().optional(),
  bounceProtection: z.boolean().optional(),
  unverifiedProtection: z.boolean().optional(),
  ownershipRequired: z.boolean().optional(),
  finishOnReply: z.boolean().optional(),
  /** Finish (meeting_booked) when the contact's human click is on the sender's meeting link. */
  finishOnMeetingLinkClick: z.boolean().optional(),
  /** Create a call task for the owner once the contact has this many human clicks in the sequence. */
  callTaskAfterClicks: z.number().int().min(1).max(100).nullable().optional(),
});
export type Ruleset = z.infer<typeof rulesetSchema>;

/** The ruleset with every default filled in, so rules never re-derive defaults. */
export type EffectiveRuleset = Required<Ruleset>;

export function effectiveRuleset(r: Ruleset | null | undefined): EffectiveRuleset {
  return {
    blockedContactStages: r?.blockedContactStages ?? [],
    blockedAccountStages: r?.blockedAccountStages ?? [],
    sameAccountReply: r?.sameAccountReply ?? 'ignore',
    gdprBlockEu: r?.gdprBlockEu ?? false,
    bounceProtection: r?.bounceProtection ?? true,
    // On unless turned off: the help centre treats a first send to an unverified address as a
    // failsafe stop (seeds/000, "Unverified Email"), not as an opt-in rule.
    unverifiedProtection: r?.unverifiedProtection ?? true,
    ownershipRequired: r?.ownershipRequired ?? false,
    finishOnReply: r?.finishOnReply ?? true,
    finishOnMeetingLinkClick: r?.finishOnMeetingLinkClick ?? true,
    callTaskAfterClicks: r?.callTaskAfterClicks ?? null,
  };
}
