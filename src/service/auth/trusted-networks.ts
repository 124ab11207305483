import { BlockList, isIP } from 'node:net';
import { inputError } from '../../errors/stackhook-error.js';

/**
 * The networks whose callers may use the build API without a key (`serve --trust-network`): IP addresses and
 * CIDR ranges, at least a /8 (a /0 would be everyone). IPv4 callers seen as IPv4-mapped IPv6 addresses (a
 * server listening on `::`) are matched as IPv4.
 */
export class TrustedNetworks {
  private constructor(
    private readonly list: BlockList,
    readonly ranges: readonly string[],
  ) {}

  /** `10.0.0.0/8,127.0.0.1`; anything else is an input error naming `field`. */
  static parse(value: string, field: string): TrustedNetworks {
    const list = new BlockList();
    const ranges = value.split(',').map((entry) => entry.trim());
    for (const range of ranges) {
      const [address = '', bits, ...rest] = range.split('/');
      const family = isIP(address);
      const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
      const max = family === 4 ? 32 : 128;
      if (
        family === 0 ||
        rest.length > 0 ||
        (bits !== undefined && !/^\d{1,3}$/.test(bits)) ||
        prefix < 8 ||
        prefix > max
      )
        throw inputError(`not an IP address or a CIDR range of at least /8: "${range}"`, field);
      list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    return new TrustedNetworks(list, ranges);
  }

  contains(address: string | undefined): boolean {
    if (!address) return false;
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
    const family = isIP(v4);
    return family !== 0 && this.list.check(v4, family === 4 ? 'ipv4' : 'ipv6');
  }
}
