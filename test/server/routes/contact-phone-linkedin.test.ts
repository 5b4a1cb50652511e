import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('contact phone and LinkedIn (%s)', (backend) => {
  const t = useTestApp(backend);

  it('stores E.164 read with the contact country, and a normalised profile URL', async () => {
    const created = await t.call('POST', '/api/contacts', {
      body: {
        email: 'jonas@phone.example',
        country: 'DE',
        phone: '0151 23456789',
        linkedinUrl: 'de.linkedin.com/in/Jonas-Weber/?originalSubdomain=de',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      phone: '+4915123456789',
      phoneValid: true,
      linkedinUrl: 'https://www.linkedin.com/in/jonas-weber',
    });
    const got = await t.call('GET', `/api/contacts/${created.body.id}`);
    expect(got.body).toMatchObject({ phone: '+4915123456789', linkedinUrl: created.body.linkedinUrl });
  });

  it('keeps an unreadable number as written and flags it; a country given later reads it', async () => {
    const created = await t.call('POST', '/api/contacts', {
      body: { email: 'no-country@phone.example', phone: '(415) 555-0132 ' },
    });
    expect(created.body).toMatchObject({ phone: '(415) 555-0132', phoneValid: false });
    const patched = await t.call('PATCH', `/api/contacts/${created.body.id}`, { body: { country: 'US' } });
    expect(patched.body).toMatchObject({ phone: '+14155550132', phoneValid: true });
    const junk = await t.call('PATCH', `/api/contacts/${created.body.id}`, {
      body: { phone: 'ask reception' },
    });
    expect(junk.body).toMatchObject({ phone: 'ask reception', phoneValid: false });
    const cleared = await t.call('PATCH', `/api/contacts/${created.body.id}`, {
      body: { phone: null, linkedinUrl: null },
    });
    expect(cleared.body).toMatchObject({ phone: null, phoneValid: null, linkedinUrl: null });
  });

  it('refuses a URL that is not a LinkedIn profile with the failing field', async () => {
    const res = await t.call('POST', '/api/contacts', {
      body: { email: 'bad-li@phone.example', linkedinUrl: 'https://linkedin.com.evil.example/in/x' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('linkedinUrl');
    const company = await t.call('POST', '/api/contacts', {
      body: { email: 'bad-li@phone.example', linkedinUrl: 'https://www.linkedin.com/company/acme' },
    });
    expect(company.status).toBe(400);
  });
});
