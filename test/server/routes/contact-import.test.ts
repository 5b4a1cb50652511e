import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('contact CSV import (%s)', (backend) => {
  const t = useTestApp(backend);
  let rep: { id: string; token: string };
  let otherRep: { id: string; token: string };

  const upload = (csv: string, opts: { token?: string; type?: string } = {}) =>
    t.call('POST', '/api/contacts/import', {
      raw: csv,
      headers: { 'content-type': opts.type ?? 'text/csv' },
      ...(opts.token && { token: opts.token }),
    });
  const byEmail = async (email: string) =>
    (await t.call('GET', `/api/contacts?email=${encodeURIComponent(email)}`)).body.items[0];
  const contactCount = async () =>
    Number((await t.db.database.query<{ n: number }>('select count(*)::int as n from contacts'))[0]?.n);

  beforeAll(async () => {
    rep = await t.createUser('rep');
    otherRep = await t.createUser('rep');
  });

  it('maps header aliases case-insensitively and keeps unknown columns as custom fields', async () => {
    const csv = [
      'E-mail,First Name,LAST_NAME,Job Title,Time zone,Country,Email Status,Prospect Score,LinkedIn URL,fields.Plan,',
      'alias1@example.com,Ada,Lovelace,Countess,Europe/London,gb,Verified,42,https://li.example/ada,gold,',
    ].join('\n');
    const r = await upload(csv);
    expect(r).toMatchObject({ status: 200, body: { created: 1, updated: 0, failed: [] } });
    expect(await byEmail('ALIAS1@example.com')).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      title: 'Countess',
      timezone: 'Europe/London',
      country: 'GB',
      emailStatus: 'verified',
      prospectScore: 42,
      fields: { Plan: 'gold' },
    });
    expect(r.body.cellErrors).toEqual([
      {
        row: 1,
        column: 'LinkedIn URL',
        value: 'https://li.example/ada',
        error: 'use a LinkedIn profile URL such as https://www.linkedin.com/in/name',
      },
    ]);
    expect(r.body.columns.map((c: any) => c.field)).toEqual([
      'email',
      'firstName',
      'lastName',
      'title',
      'timezone',
      'country',
      'emailStatus',
      'prospectScore',
      'linkedinUrl',
      'fields.Plan',
      null,
    ]);
  });

  it('handles a BOM, CRLF line ends, quoted commas and newlines inside quotes', async () => {
    const csv =
      '\uFEFFemail,firstName,company,personalizedOpener\r\n' +
      'quoted@example.com,"Smith, Jr.","Acme, Inc.","Loved your talk,\r\nespecially the ""demo"" part"\r\n' +
      'crlf@example.com,Bob,Bobco,\r\n';
    const r = await upload(csv);
    expect(r.body).toMatchObject({ created: 2, updated: 0, failed: [], cellErrors: [] });
    expect(await byEmail('quoted@example.com')).toMatchObject({
      firstName: 'Smith, Jr.',
      company: 'Acme, Inc.',
      personalizedOpener: 'Loved your talk,\r\nespecially the "demo" part',
    });
    expect((await byEmail('crlf@example.com')).personalizedOpener).toBeNull();
  });

  it('fails only the cells it cannot read, numbering data rows from 1; a row fails only with no way to reach the person', async () => {
    const csv = [
      'email,firstName,timezone,country,emailStatus',
      'good1@example.com,A,Europe/Berlin,DE,verified',
      'bad-tz@example.com,B,Mars/Olympus,DE,verified',
      '',
      'bad-country@example.com,C,,Atlantis,',
      'bad-status@example.com,D,,,maybe',
      'short@example.com,E',
      'long@example.com,F,,,,extra',
      'not-an-email,,,,',
      `huge@example.com,${'x'.repeat(300)},,,`,
      'good2@example.com,H,,,',
    ].join('\n');
    const n0 = await contactCount();
    const r = await upload(csv);
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(7);
    expect(r.body.updated).toBe(0);
    expect(r.body.failed).toEqual([
      { row: 6, error: 'row has 6 cells but the header has 5' },
      {
        row: 7,
        error: 'email: Invalid email address, and no phone or LinkedIn profile to reach this person instead',
      },
    ]);
    expect(r.body.cellErrors.map((e: any) => [e.row, e.column, e.value])).toEqual([
      [2, 'timezone', 'Mars/Olympus'],
      [3, 'country', 'Atlantis'],
      [4, 'emailStatus', 'maybe'],
      [7, 'email', 'not-an-email'],
      [8, 'firstName', 'x'.repeat(300)],
    ]);
    expect(r.body.cellErrors[0].error).toMatch(/time zone/);
    expect(await contactCount()).toBe(n0 + 7);
    expect(await byEmail('bad-tz@example.com')).toMatchObject({
      firstName: 'B',
      timezone: null,
      country: 'DE',
    });
    expect(await byEmail('bad-status@example.com')).toMatchObject({ emailStatus: 'unverified' });
    expect(await byEmail('huge@example.com')).toMatchObject({ firstName: null });
  });

  it('dedupes by email: a later row updates the contact an earlier row created', async () => {
    const csv = [
      'email,firstName,lastName,title,Team',
      'dup@example.com,Dana,,CTO,red',
      'other@example.com,Olga,,,',
      'DUP@Example.com,,Scully,,blue',
    ].join('\n');
    const r = await upload(csv);
    expect(r.body).toMatchObject({ created: 2, updated: 1, failed: [], cellErrors: [] });
    expect(await byEmail('dup@example.com')).toMatchObject({
      email: 'DUP@Example.com',
      firstName: 'Dana',
      lastName: 'Scully',
      title: 'CTO',
      fields: { Team: 'blue' },
    });
    const rows = await t.db.database.query<{ n: number }>(
      "select count(*)::int as n from contacts where email_lower = 'dup@example.com'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('updates existing contacts: only non-empty cells overwrite, custom fields merge, changeSeq moves', async () => {
    const existing = await t.call('POST', '/api/contacts', {
      body: { email: 'known@example.com', firstName: 'Kim', title: 'VP', fields: { keep: 'me' } },
    });
    t.clock.advance(1000);
    const seqBefore = (
      await t.db.database.query<{ s: string }>('select change_seq::text as s from contacts where id = $1', [
        existing.body.id,
      ])
    )[0]?.s;
    const r = await upload(`email,firstName,title,stage,Source\nKNOWN@example.com,,Chief,Warm,conf\n`);
    expect(r.body).toMatchObject({ created: 0, updated: 1, failed: [], cellErrors: [] });
    const after = await t.call('GET', `/api/contacts/${existing.body.id}`);
    expect(after.body).toMatchObject({
      email: 'KNOWN@example.com',
      firstName: 'Kim',
      title: 'Chief',
      stage: 'Warm',
      fields: { keep: 'me', Source: 'conf' },
    });
    const seqAfter = (
      await t.db.database.query<{ s: string }>('select change_seq::text as s from contacts where id = $1', [
        existing.body.id,
      ])
    )[0]?.s;
    expect(Number(seqAfter)).toBeGreaterThan(Number(seqBefore));
    const kinds = await t.db.database.query<{ kind: string; data: any }>(
      'select kind, data from activities where contact_id = $1 order by id',
      [existing.body.id],
    );
    expect(kinds.map((k) => [k.kind, k.data.source])).toEqual([
      ['contact_created', 'api'],
      ['contact_updated', 'csv_import'],
    ]);
  });

  it('links new contacts to the account of their email domain and checks owners and accounts', async () => {
    const account = await t.call('POST', '/api/accounts', {
      body: { name: 'Hooli', domain: 'hooli.example' },
    });
    const csv = [
      'email,ownerId,accountId',
      `gavin@hooli.example,${rep.id},`,
      'richard@piedpiper.example,usr_nobody,',
      'erlich@aviato.example,,acc_nothing',
      `jared@hooli.example,,${account.body.id}`,
    ].join('\n');
    const r = await upload(csv);
    expect(r.body.created).toBe(4);
    expect(r.body.failed).toEqual([]);
    expect(r.body.cellErrors).toEqual([
      { row: 2, column: 'ownerId', value: 'usr_nobody', error: 'no such user in your team' },
      { row: 3, column: 'accountId', value: 'acc_nothing', error: 'no such account in your team' },
    ]);
    expect(await byEmail('richard@piedpiper.example')).toMatchObject({ ownerId: null });
    expect(await byEmail('gavin@hooli.example')).toMatchObject({
      ownerId: rep.id,
      accountId: account.body.id,
      company: 'Hooli',
    });
    expect((await byEmail('jared@hooli.example')).accountId).toBe(account.body.id);
  });

  it("keeps a rep's import to what the rep may touch", async () => {
    await t.call('POST', '/api/contacts', {
      body: { email: 'theirs@example.com', ownerId: otherRep.id, title: 'Old' },
    });
    const csv = [
      'email,title,ownerId',
      'theirs@example.com,New,',
      `mine@example.com,,${rep.id}`,
      `gift@example.com,,${otherRep.id}`,
    ].join('\n');
    const r = await upload(csv, { token: rep.token });
    expect(r.body.created).toBe(2);
    expect(r.body.updated).toBe(0);
    expect(r.body.failed).toEqual([
      { row: 1, error: 'email: a contact with this email exists and belongs to another user' },
    ]);
    expect(r.body.cellErrors).toEqual([
      {
        row: 3,
        column: 'ownerId',
        value: otherRep.id,
        error: 'only an admin can assign a record to another user',
      },
    ]);
    expect((await byEmail('gift@example.com')).ownerId).toBeNull();
    expect((await byEmail('theirs@example.com')).title).toBe('Old');
    expect((await byEmail('mine@example.com')).ownerId).toBe(rep.id);
  });

  it('imports any header: reserved or symbol names get a usable key, a second email column is a fallback', async () => {
    const r = await upload('email,E-mail,__proto__,# Employees,###\n,b2@x.example,x,51-200,y\n');
    expect(r.status).toBe(200);
    expect(r.body.columns).toEqual([
      { header: 'email', field: 'email' },
      { header: 'E-mail', field: 'email' },
      { header: '__proto__', field: 'fields.proto' },
      { header: '# Employees', field: 'fields.employees' },
      { header: '###', field: null },
    ]);
    expect(await byEmail('b2@x.example')).toMatchObject({ fields: { proto: 'x', employees: '51-200' } });
  });

  it('answers an empty file with 400 and a header-only file with nothing to do', async () => {
    const empty = await upload('');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    expect(await upload('\uFEFF\r\n\r\n')).toMatchObject({ status: 400 });
    expect(await upload('email,firstName\r\n')).toMatchObject({
      status: 200,
      body: { created: 0, updated: 0, failed: [] },
    });
  });

  it('refuses files whose header or quoting is broken, changing nothing', async () => {
    const n0 = await contactCount();
    const noKnownColumn = await upload('Nickname,Shoe size\nAl,44\n');
    expect(noKnownColumn.status).toBe(400);
    expect(noKnownColumn.body.error.message).toMatch(/header/);
    const unclosed = await upload('email,firstName\nq@example.com,"unclosed\nr@example.com,R\n');
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.error.message).toMatch(/malformed/);
    expect(await contactCount()).toBe(n0);
  });

  it('refuses other content types (415) and bodies over 20 MB or 50,000 rows (413)', async () => {
    const json = await upload('{"email":"x@example.com"}', { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
    expect((await upload('email\nx@example.com\n', { type: 'text/csv; charset=latin1' })).status).toBe(415);
    expect((await upload('email\nutf@example.com\n', { type: 'text/csv; charset=UTF-8' })).status).toBe(200);
    const big = `email,note\n${`big@example.com,${'x'.repeat(1000)}\n`.repeat(21 * 1024)}`;
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    const manyRows = `email\n${Array.from({ length: 50_001 }, (_, i) => `m${i}@example.com`).join('\n')}`;
    const tooMany = await upload(manyRows);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('too_many_rows');
    expect(await byEmail('m0@example.com')).toBeUndefined();
  });

  it('documents the CSV body and the row numbering in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/openapi.json', { token: null });
    const op = doc.body.paths['/api/contacts/import'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['text/csv']);
    expect(op.description).toContain('1-based data row number');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']));
  });

  it('imports 10,000 rows in one request, then updates them all in another', async () => {
    const header = 'email,firstName,lastName,title,company,timezone,country,emailStatus,Segment';
    const rows = Array.from(
      { length: 10_000 },
      (_, i) =>
        `bulk${i}@bulk.example,First${i},Last${i},Engineer,"Bulk, Inc.",America/New_York,US,verified,s${i % 7}`,
    );
    const n0 = await contactCount();
    let started = performance.now();
    const created = await upload(`${header}\n${rows.join('\n')}\n`);
    const createMs = performance.now() - started;
    expect(created.body).toMatchObject({ created: 10_000, updated: 0, failed: [], cellErrors: [] });
    expect(await contactCount()).toBe(n0 + 10_000);
    started = performance.now();
    const again = await upload(
      `email,stage\n${rows.map((_, i) => `BULK${i}@bulk.example,Contacted`).join('\n')}\n`,
    );
    const updateMs = performance.now() - started;
    expect(again.body).toMatchObject({ created: 0, updated: 10_000, failed: [], cellErrors: [] });
    console.info(
      `[${backend}] 10,000-row CSV import: create ${createMs.toFixed(0)} ms, update ${updateMs.toFixed(0)} ms`,
    );
    expect(await byEmail('bulk9999@bulk.example')).toMatchObject({
      firstName: 'First9999',
      company: 'Bulk, Inc.',
      stage: 'Contacted',
      fields: { Segment: 's3' },
    });
    const history = await t.db.database.query<{ n: number }>(
      "select count(*)::int as n from activities where kind in ('contact_created', 'contact_updated') and data->>'source' = 'csv_import' and contact_id like 'con_%'",
    );
    expect(history[0]?.n).toBeGreaterThanOrEqual(20_000);
  });
});
