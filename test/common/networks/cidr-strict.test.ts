import { describe, expect, it } from 'vitest';

import { parseCidr, parseIp } from '../../../electron/common/networks/cidr';

// Where Go's net.ParseIP is stricter than ipaddr.js, Berth follows Go (the daemon would refuse the rest).
describe('parseIp beyond ipaddr.js', () => {
  it.each(['::ffff:01.2.3.4', 'fe80::1%1', '::1%eth0', '0x7f.0.0.1', '127.1', '1.2.3.4/8'])(
    'rejects %j',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );

  it('keeps the host bits of a written address apart from the network', () => {
    expect(parseCidr('fd00::1:2/112')).toEqual({
      version: 6,
      address: 0xfd000000000000000000000000010002n,
      prefix: 112,
      network: 0xfd000000000000000000000000010000n,
    });
  });
});
