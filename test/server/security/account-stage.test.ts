import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/**
 * Also in issue 13: any rep could change any account's stage, and the stage blocks everyone's sends
 * to that company through the rulesets. Only its owner or an admin may.
 */
describe.each(backends)("an account's stage is its owner's or an admin's to change (%s)", (backend) => {
  const t = useTestApp(backend);

  it('another rep gets 403 and the stage stays; the owner and an admin may change it', async () => {
    const owner = await t.createUser('rep', 'Owner');
    const other = await t.createUser('rep', 'Other');
    const owned = await t.call('POST', '/api/accounts', {
      body: { name: 'Owned Co', domain: 'owned.example', stage: 'Prospect', ownerId: owner.id },
    });
    expect(owned.status).toBe(201);
    const id = owned.body.id as string;

    const byOther = await t.call('PATCH', `/api/accounts/${id}`, {
      token: other.token,
      body: { stage: 'Customer' },
    });
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.message).toMatch(/owner or an admin/);
    expect((await t.call('GET', `/api/accounts/${id}`)).body.stage).toBe('Prospect');
    // Clearing it is a change too.
    expect(
      (await t.call('PATCH', `/api/accounts/${id}`, { token: other.token, body: { stage: null } })).status,
    ).toBe(403);
    // Claiming and restaging in one call does not get around it.
    expect(
      (
        await t.call('PATCH', `/api/accounts/${id}`, {
          token: other.token,
          body: { stage: 'Customer', ownerId: other.id },
        })
      ).status,
    ).toBe(403);
    expect((await t.call('GET', `/api/accounts/${id}`)).body).toMatchObject({
      stage: 'Prospect',
      ownerId: owner.id,
    });

    const byOwner = await t.call('PATCH', `/api/accounts/${id}`, {
      token: owner.token,
      body: { stage: 'Customer' },
    });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.stage).toBe('Customer');
    const byAdmin = await t.call('PATCH', `/api/accounts/${id}`, { body: { stage: 'Churned' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.stage).toBe('Churned');
    // Other fields keep their rules: the stage check does not block an unchanged stage.
    const sameStage = await t.call('PATCH', `/api/accounts/${id}`, {
      token: other.token,
      body: { stage: 'Churned' },
    });
    expect(sameStage.status).toBe(200);
  });

  it('an account nobody owns is restaged only by an admin; a rep sets a stage only on one they own', async () => {
    const rep = await t.createUser('rep');
    const pooled = await t.call('POST', '/api/accounts', {
      body: { name: 'Pool Co', domain: 'pool.example' },
    });
    const id = pooled.body.id as string;
    expect(
      (await t.call('PATCH', `/api/accounts/${id}`, { token: rep.token, body: { stage: 'Customer' } }))
        .status,
    ).toBe(403);
    expect((await t.call('GET', `/api/accounts/${id}`)).body.stage).toBeNull();
    expect((await t.call('PATCH', `/api/accounts/${id}`, { body: { stage: 'Customer' } })).status).toBe(200);

    const unowned = await t.call('POST', '/api/accounts', {
      token: rep.token,
      body: { name: 'Big Co', domain: 'big.example', stage: 'Customer' },
    });
    expect(unowned.status).toBe(403);
    const list = await t.call('GET', '/api/accounts?domain=big.example');
    expect(list.body.items).toEqual([]);
    const own = await t.call('POST', '/api/accounts', {
      token: rep.token,
      body: { name: 'Big Co', domain: 'big.example', stage: 'Customer', ownerId: rep.id },
    });
    expect(own.status).toBe(201);
    // Without a stage a rep still creates pool accounts as before.
    const plain = await t.call('POST', '/api/accounts', { token: rep.token, body: { name: 'Plain Co' } });
    expect(plain.status).toBe(201);
  });
});
