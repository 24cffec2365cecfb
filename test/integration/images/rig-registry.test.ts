import { expect, it } from 'vitest';

import { rigRegistry, skipUnlessRegistry } from '../../rig';

skipUnlessRegistry('the rig registry', () => {
  it('serves the fixture image behind htpasswd auth', async () => {
    const registry = rigRegistry();
    expect(registry).toMatchObject({ address: expect.any(String) as unknown });
    const response = await fetch(`http://${registry!.address}/v2/berth/busybox/tags/list`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${registry!.username}:${registry!.password}`).toString('base64')}`,
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'berth/busybox', tags: ['1.0'] });
    const anonymous = await fetch(`http://${registry!.address}/v2/berth/busybox/tags/list`);
    expect(anonymous.status).toBe(401);
  });
});
