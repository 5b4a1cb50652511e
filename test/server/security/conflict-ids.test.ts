import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Finding 9: a 409 on a duplicate contact email named the id of a contact the caller could not see. */
describe.each(backends)('duplicate-email conflicts name only contacts the caller sees (%s)', (backend) => {
  const t = useTestApp(backend);

  it('a rep hears only that the address exists; the owner and an admin get the id', async () => {
    const alice = await t.createUser('rep', 'Alice');
    const bob = await t.createUser('rep', 'Bob');
    const bobs = await t.call('POST', '/api/contacts', {
      token: bob.token,
      body: { email: 'secret@client.example', ownerId: bob.id },
    });
    expect(bobs.status).toBe(201);

    const byAlice = await t.call('POST', '/api/contacts', {
      token: alice.token,
      body: { email: 'Secret@Client.example' },
    });
    expect(byAlice.status).toBe(409);
    expect(byAlice.body.error.code).toBe('conflict');
    expect(byAlice.body.error.message).toMatch(/already exists in your team/);
    expect(JSON.stringify(byAlice.body)).not.toContain(bobs.body.id);

    const own = await t.call('POST', '/api/contacts', {
      token: alice.token,
      body: { email: 'mine@client.example', ownerId: alice.id },
    });
    const patched = await t.call('PATCH', `/api/contacts/${own.body.id}`, {
      token: alice.token,
      body: { email: 'secret@client.example' },
    });
    expect(patched.status).toBe(409);
    expect(JSON.stringify(patched.body)).not.toContain(bobs.body.id);

    const byBob = await t.call('POST', '/api/contacts', {
      token: bob.token,
      body: { email: 'SECRET@client.example' },
    });
    expect(byBob.body.error.details).toEqual({ contactId: bobs.body.id });
    const byAdmin = await t.call('POST', '/api/contacts', { body: { email: 'secret@client.example' } });
    expect(byAdmin.body.error.details).toEqual({ contactId: bobs.body.id });

    // Nothing changed: Alice's contact keeps its address, Bob's is still the only one with it.
    const mine = await t.call('GET', `/api/contacts/${own.body.id}`, { token: alice.token });
    expect(mine.body.email).toBe('mine@client.example');
    const found = await t.call('GET', '/api/contacts?email=secret%40client.example');
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([bobs.body.id]);
  });
});
