import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Exports written from each tool's documented column set, with the awkward values real files carry. */
const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/imports/${name}`, import.meta.url), 'utf8');

describe.each(backends)('contact import from other tools’ exports (%s)', (backend) => {
  const t = useTestApp(backend);
  const upload = (csv: string) =>
    t.call('POST', '/api/contacts/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
  const byEmail = async (email: string) =>
    (await t.call('GET', `/api/contacts?email=${encodeURIComponent(email)}`)).body.items[0];
  const owners: Record<string, string> = {};
  const listsOf = (contactId: string) =>
    t.db.database.query<{ name: string }>(
      'select l.name from list_members m join lists l on l.id = m.list_id where m.contact_id = $1 order by l.name',
      [contactId],
    );

  beforeAll(async () => {
    for (const [email, name] of [
      ['owner.apollo@stride.test', 'Apollo Owner'],
      ['hub.owner@stride.test', 'Hub Owner'],
      ['sf.owner@stride.test', 'SF Owner'],
      ['owner.outreach@stride.test', 'Outreach Owner'],
      ['pipe.owner@stride.test', 'Pipe Owner'],
    ] as const) {
      const r = await t.call('POST', '/api/users', {
        body: { email, name, password: 'long-enough-password', role: 'rep' },
      });
      owners[email] = r.body.id;
    }
  });

  it('Apollo: BOM, quoted newlines, guarded phones, country names, GMT-style zones, statuses, lists', async () => {
    const r = await upload(fixture('apollo-contacts.csv'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      created: 5,
      updated: 0,
      failed: [],
      unsubscribed: 1,
      bounced: 1,
      listsCreated: 2,
    });
    expect(r.body.columns).toContainEqual({ header: '# Employees', field: 'fields.employees' });
    expect(r.body.columns).toContainEqual({ header: 'Person Linkedin Url', field: 'linkedinUrl' });
    expect(r.body.columns).toContainEqual({ header: 'Contact Owner', field: 'ownerEmail' });
    expect(r.body.columns.at(-1)).toEqual({ header: '', field: null });
    const zoe = await byEmail('zoe.angstrom@nordlicht.example');
    expect(zoe).toMatchObject({
      firstName: 'Zoë',
      lastName: 'Ångström',
      title: 'VP Engineering',
      company: 'Nordlicht GmbH',
      emailStatus: 'verified',
      ownerId: owners['owner.apollo@stride.test'],
      phone: '+4930901820',
      phoneValid: true,
      linkedinUrl: 'https://www.linkedin.com/in/zoe-angstrom',
      country: 'DE',
      timezone: 'Europe/Berlin',
      stage: 'Cold',
      unsubscribed: false,
      bounced: false,
      fields: { employees: '51-200', City: 'Berlin', Industry: 'Software' },
    });
    expect((await listsOf(zoe.id)).map((l) => l.name)).toEqual(['DACH Founders', 'Q3 Outbound']);
    const account = await t.call('GET', `/api/accounts/${zoe.accountId}`);
    expect(account.body).toMatchObject({ name: 'Nordlicht GmbH', domain: 'nordlicht.example' });

    const marcus = await byEmail('marcus@acmerockets.example');
    expect(marcus).toMatchObject({
      title: 'Head of Sales,\nNorth America',
      emailStatus: 'unverified',
      phone: '+14155550132',
      country: 'US',
      timezone: 'America/Los_Angeles',
      linkedinUrl: 'https://www.linkedin.com/in/marcus-oneil',
      fields: { employees: '1,001-5,000' },
    });
    const priya = await byEmail('priya@acmerockets.example');
    expect(priya).toMatchObject({
      emailStatus: 'invalid',
      bounced: true,
      timezone: 'America/Chicago',
      country: 'US',
    });
    expect(priya.accountId).toBe(marcus.accountId);
    const jean = await byEmail('jean.dupont@sgdemo.example');
    expect(jean).toMatchObject({
      firstName: 'Jean',
      company: 'Société Générale Démo',
      unsubscribed: true,
      ownerId: null,
      phone: '+33123456789',
      country: 'FR',
      fields: { employees: '=SUM(A1:A2)' },
    });
    const locked = await t.db.database.query<{
      email: string | null;
      country: string | null;
      linkedin_url: string;
    }>("select email, country, linkedin_url from contacts where first_name = 'Locked'");
    expect(locked).toEqual([
      { email: null, country: null, linkedin_url: 'https://www.linkedin.com/in/locked-person' },
    ]);
    expect(r.body.cellErrors.map((e: any) => [e.row, e.column, e.value])).toEqual([
      [4, 'Contact Owner', 'nobody@elsewhere.example'],
      [5, 'Email', 'email_not_unlocked@domain.com'],
      [5, 'Country', 'Atlantis'],
      [5, 'Time Zone', 'Mars/Olympus'],
    ]);
    // A bounced address is on the team's bounce list, so bounce protection holds for any later contact.
    const bounced = await t.db.database.query<{ address: string }>('select address from bounced_addresses');
    expect(bounced.map((b) => b.address)).toContain('priya@acmerockets.example');
    const preflight = await t.call('POST', '/api/preflight', {
      body: { email: 'jean.dupont@sgdemo.example' },
    });
    expect(preflight.body.reasons.map((x: any) => x.code)).toContain('unsubscribed');
  });

  it('HubSpot: semicolons, local country names, HubSpot zone ids, owner by name, opt-out and bounce counts', async () => {
    const r = await upload(fixture('hubspot-contacts.csv'));
    expect(r.body).toMatchObject({ created: 3, failed: [], cellErrors: [], unsubscribed: 1, bounced: 1 });
    expect(await byEmail('soren@filosofi.example')).toMatchObject({
      firstName: 'Søren',
      country: 'DK',
      phone: '+4532123456',
      ownerId: owners['hub.owner@stride.test'],
      stage: 'lead',
      timezone: 'Europe/Copenhagen',
      fields: { 'Record ID': '5101', 'Create Date': '2026-01-05 10:00' },
    });
    expect(await byEmail('ana.garcia@ventas.example')).toMatchObject({
      country: 'ES',
      phone: '+34612345678',
      timezone: 'Europe/Madrid',
      ownerId: owners['hub.owner@stride.test'],
      unsubscribed: true,
      bounced: false,
    });
    expect(await byEmail('tom.baker@bounce.example')).toMatchObject({
      country: 'GB',
      phone: '+442079460958',
      timezone: 'Europe/London',
      bounced: true,
      emailStatus: 'invalid',
    });
  });

  it('Salesforce: quoted report, mobile as fallback phone, opt-out flag, bounce reason, owner by name', async () => {
    const r = await upload(fixture('salesforce-contacts.csv'));
    expect(r.body).toMatchObject({ created: 3, failed: [], cellErrors: [], unsubscribed: 1, bounced: 1 });
    expect(await byEmail('h.tanaka@sakura.example')).toMatchObject({
      country: 'JP',
      phone: '+81312345678',
      company: 'Sakura KK',
      ownerId: owners['sf.owner@stride.test'],
      fields: { 'Contact ID': '0035g00000AbCdE', 'Mailing City': 'Tokyo', 'Lead Source': 'Web' },
    });
    expect(await byEmail('lena.schmidt@mueller.example')).toMatchObject({
      phone: '+491701234567',
      country: 'DE',
      unsubscribed: true,
    });
    expect(await byEmail('ola@fjord.example')).toMatchObject({ bounced: true, country: 'NO' });
  });

  it('Outreach, Pipedrive, Sales Navigator: full names, several emails in a cell, Windows zones, URLs', async () => {
    const outreach = await upload(fixture('outreach-prospects.csv'));
    expect(outreach.body).toMatchObject({ created: 2, failed: [], cellErrors: [], unsubscribed: 1 });
    const chidi = await byEmail('chidi@ethics.example');
    expect(chidi).toMatchObject({
      firstName: 'Chidi',
      lastName: 'Okafor',
      phone: '+16025550147',
      timezone: 'America/Phoenix',
      linkedinUrl: 'https://www.linkedin.com/in/chidiokafor',
      ownerId: owners['owner.outreach@stride.test'],
    });
    expect((await listsOf(chidi.id)).map((l) => l.name)).toEqual(['Philosophers', 'Q4']);
    expect(await byEmail('eleanor@arizona.example')).toMatchObject({
      timezone: 'America/Chicago',
      unsubscribed: true,
      country: 'US',
    });

    const pipedrive = await upload(fixture('pipedrive-people.csv'));
    expect(pipedrive.body.created).toBe(1);
    expect(pipedrive.body.failed).toEqual([
      { row: 2, error: 'no usable email, phone or LinkedIn profile to reach this person' },
    ]);
    expect(pipedrive.body.cellErrors).toMatchObject([
      { row: 2, column: 'Person - Phone - Work', value: '555' },
    ]);
    expect(await byEmail('bjork@reykjavik.example')).toMatchObject({
      firstName: 'Björk',
      lastName: 'Guðmundsdóttir',
      phone: '+3545551234',
      company: 'Reykjavik ehf',
      stage: 'Hot lead',
      ownerId: owners['pipe.owner@stride.test'],
    });

    const nav = await upload(fixture('sales-navigator-leads.csv'));
    expect(nav.body).toMatchObject({ created: 1, failed: [], cellErrors: [] });
    const wei = await t.db.database.query<{ linkedin_url: string; fields: Record<string, string> }>(
      "select linkedin_url, fields from contacts where first_name = 'Wei'",
    );
    expect(wei[0]).toMatchObject({
      linkedin_url: 'https://www.linkedin.com/in/wei-zhang-growth',
      fields: {
        Location: 'Shanghai, China',
        'Sales Navigator URL': 'https://www.linkedin.com/sales/lead/ACwAAB123',
      },
    });
  });
});
