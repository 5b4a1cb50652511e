import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mailboxes, users } from '../../db/schema';
import type { Actor } from '../actor';
import { conflict, invalid } from '../errors';
import { addressRuleViolations } from './address-rules';
import { type MailboxDto, toMailboxDto } from './mailbox-dto';
import { insertMailbox, updateMailbox } from './mailbox-writes';
import { defaultOAuthClients, type OAuthProviderName, verifyState } from './oauth-link';
import { exchangeCode, linkedAddress, type OAuthEdges } from './oauth-provider';

export interface OAuthCallback {
  provider: OAuthProviderName;
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

/**
 * The provider sent the browser back: exchange the code, learn the address, and create the mailbox or
 * reconnect the user's mailbox of that address. No Actor: the signed state names the user.
 */
export async function completeOAuthLink(
  { db, now, ...edges }: OAuthEdges & { db: Db; now: Date },
  q: OAuthCallback,
): Promise<{ created: boolean; mailbox: MailboxDto }> {
  if (q.error) throw invalid(`linking was not completed: ${q.error_description ?? q.error}`);
  if (!q.code || !q.state) throw invalid('the callback needs code and state');
  const { provider } = q;
  const check = verifyState(edges.secretKey, q.state, provider, now);
  if (!check.ok) throw invalid(`invalid state: ${check.problem}`);
  const [user] = await db
    .select({ id: users.id, teamId: users.teamId, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, check.state.userId));
  if (!user) throw invalid('invalid state: the user who started this no longer exists');
  const { client, tokens } = await exchangeCode(edges, provider, q.code, check.state.nonce);
  const address = (await linkedAddress(edges, provider, client, tokens)).trim();
  const problems = addressRuleViolations(address);
  if (problems.length > 0) throw invalid(`${address} cannot be linked: the address ${problems.join('; ')}`);
  const defaults = defaultOAuthClients({});
  const settings = {
    accessToken: tokens.access_token,
    ...(typeof tokens.refresh_token === 'string' && { refreshToken: tokens.refresh_token }),
    ...(client.tokenUrl !== defaults[provider].tokenUrl && { tokenUrl: client.tokenUrl }),
    clientId: client.clientId,
    ...(client.clientSecret && { clientSecret: client.clientSecret }),
    ...(typeof tokens.expires_in === 'number' && {
      accessTokenExpiresAt: new Date(now.getTime() + tokens.expires_in * 1000).toISOString(),
    }),
  };
  const ctx = { user: user as Actor, secretKey: edges.secretKey, now };
  const [existing] = await db
    .select()
    .from(mailboxes)
    .where(
      and(eq(mailboxes.teamId, user.teamId), sql`lower(${mailboxes.address}) = ${address.toLowerCase()}`),
    );
  const dto = (row: typeof mailboxes.$inferSelect) => toMailboxDto(row, edges, now);
  if (existing) {
    if (existing.userId !== user.id)
      throw conflict(`${address} is already linked by another user of your team`);
    if (existing.provider !== client.mailboxProvider) {
      throw conflict(`${address} is already linked as a ${existing.provider} mailbox; unlink it first`);
    }
    const row = await updateMailbox(db, existing.id, { settings }, { ...ctx, reconnect: true });
    return { created: false, mailbox: dto(row) };
  }
  const row = await insertMailbox(db, { provider: client.mailboxProvider, address, settings }, ctx);
  return { created: true, mailbox: dto(row) };
}
