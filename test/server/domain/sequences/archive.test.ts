import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';

const step = { type: 'auto_email', waitMinutes: 0, subject: 'Hi', body: 'Hello' };

describe.each(backends)('archiving sequences (%s)', (backend) => {
  const t = useTestApp(backend);

  it('archives instead of deleting: switched off, out of the default list, restorable', async () => {
    const created = await t.call('POST', '/api/sequences', {
      body: { name: 'Old', active: true, steps: [step] },
    });
    const id = created.body.id as string;

    const archived = await t.call('PATCH', `/api/sequences/${id}`, { body: { archived: true } });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ active: false, archivedAt: expect.any(String) });
    expect(archived.body.steps).toHaveLength(1);

    const inUse = await t.call('GET', '/api/sequences');
    expect(inUse.body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    const onlyArchived = await t.call('GET', '/api/sequences?archived=true');
    expect(onlyArchived.body.items.map((s: { id: string }) => s.id)).toEqual([id]);

    // An archived sequence cannot be switched on without restoring it.
    const on = await t.call('PATCH', `/api/sequences/${id}`, { body: { active: true } });
    expect(on.status).toBe(409);
    expect(on.body.error.details).toEqual([{ path: 'active', message: expect.any(String) }]);

    const restored = await t.call('PATCH', `/api/sequences/${id}`, { body: { archived: false } });
    expect(restored.status).toBe(200);
    expect(restored.body.active).toBe(false);
    expect(restored.body.archivedAt).toBeUndefined();
    const back = await t.call('GET', '/api/sequences');
    expect(back.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await t.call('PATCH', `/api/sequences/${id}`, { body: { active: true } })).status).toBe(200);
  });
});
