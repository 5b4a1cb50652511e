import { describe, expect, it } from 'vitest';
import { ContactDirectory } from '../../../extension/ui/console/contact-directory';
import { fakeServer, reply, servicesFor } from './fake-server';
import { contact, contactsRoute } from './fixtures';

const people = Array.from({ length: 250 }, (_, i) => contact({ id: `c${i}`, email: `p${i}@acme.test` }));

function directory(server = fakeServer().on('GET', /^\/api\/contacts$/, contactsRoute(people))) {
  return { server, contacts: new ContactDirectory(servicesFor(server).api) };
}
const lookups = (server: ReturnType<typeof fakeServer>) =>
  server.callsTo('GET', '/api/contacts').map((c) => (c.query.get('ids') ?? '').split(',').length);

describe('the contact directory', () => {
  it('looks contacts up in batches of 100 and asks for each one only once', async () => {
    const { server, contacts } = directory();
    const ids = [...people.map((p) => p.id), 'c0', 'c_gone'];
    const found = await contacts.many(ids);
    expect(found.size).toBe(250);
    expect(found.get('c7')?.email).toBe('p7@acme.test');
    expect(lookups(server)).toEqual([100, 100, 51]);
    expect(server.callsTo('GET', '/api/contacts').map((c) => c.query.get('limit'))).toEqual([
      '100',
      '100',
      '51',
    ]);

    // Known ones, and ones the server did not return (hidden or deleted), are not asked for again.
    expect((await contacts.many(['c1', 'c_gone'])).size).toBe(1);
    expect(await contacts.one('c_gone')).toBeNull();
    expect(await contacts.one('c3')).toMatchObject({ id: 'c3' });
    expect(lookups(server)).toEqual([100, 100, 51]);
    expect(server.callsTo('GET', /^\/api\/contacts\//)).toEqual([]);
  });

  it('shares one lookup between screens asking at the same time, and forgets it when it failed', async () => {
    let fail = true;
    const server = fakeServer().on('GET', /^\/api\/contacts$/, (call) =>
      fail ? reply(503, { error: { code: 'unavailable', message: 'down' } }) : contactsRoute(people)(call),
    );
    const { contacts } = directory(server);
    const [a, b] = await Promise.all([contacts.many(['c1', 'c2']), contacts.one('c2')]);
    expect(a.size).toBe(0);
    expect(b).toBeNull();
    expect(lookups(server)).toEqual([2]);

    fail = false;
    expect((await contacts.many(['c1', 'c2'])).size).toBe(2);
    expect(lookups(server)).toEqual([2, 2]);

    contacts.clear();
    await contacts.one('c1');
    expect(lookups(server)).toEqual([2, 2, 1]);
  });
});
