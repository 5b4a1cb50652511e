import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Finding 4: NUL bytes and lone surrogates reached Postgres and came back as 500s. */
describe.each(backends)('NUL and lone surrogates are a 400 naming the field (%s)', (backend) => {
  const t = useTestApp(backend);

  it('before login: the login body', async () => {
    const r = await t.call('POST', '/api/auth/login', {
      token: null,
      raw: '{"email":"a\\u0000@example.com","password":"x\\ud800y"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
  });

  it('a contact with a lone surrogate or NUL: 400 naming each field, nothing stored', async () => {
    const r = await t.call('POST', '/api/contacts', {
      raw: '{"email":"lone@example.com","firstName":"Ad\\ud800a","company":"Ac\\u0000me"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'company',
      'firstName',
    ]);
    const listed = await t.call('GET', '/api/contacts?email=lone%40example.com');
    expect(listed.body.items).toEqual([]);
  });

  it('query strings too', async () => {
    const r = await t.call('GET', '/api/contacts?q=%00');
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('q');
  });

  it('a CSV with one NUL cell imports its good rows and fails only that row', async () => {
    const csv = 'email,firstName\ngood1@example.com,Ann\nbad@example.com,B\u0000b\ngood2@example.com,Cy\n';
    const r = await t.call('POST', '/api/contacts/import', {
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(2);
    expect(r.body.failed).toEqual([{ row: 2, error: expect.stringContaining('firstName') }]);
  });
});
