import { TrustedNetworks } from './trusted-networks.js';

describe('TrustedNetworks', () => {
  const networks = TrustedNetworks.parse('10.0.0.0/8, 192.168.1.7,fd00::/8', '--trust-network');

  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['192.168.1.7', true],
    ['192.168.1.8', false],
    ['11.0.0.1', false],
    ['fd12::1', true],
    ['fe80::1', false],
    ['127.0.0.1', false],
    ['', false],
    [undefined, false],
    ['not-an-address', false],
  ])('%s is trusted: %s', (address, trusted) => {
    expect(networks.contains(address)).toBe(trusted);
  });

  it.each([
    ['0.0.0.0/0', 'at least /8'],
    ['10.0.0.0/7', 'at least /8'],
    ['::/0', 'at least /8'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['10.0.0.0/8/8', '10.0.0.0/8/8'],
    ['10.0.0.0/x', '10.0.0.0/x'],
    ['example.org', 'example.org'],
    ['loopback', 'loopback'],
    ['', '""'],
  ])('refuses %s', (value, message) => {
    expect(() => TrustedNetworks.parse(value, '--trust-network')).toThrow(message);
    expect(() => TrustedNetworks.parse(value, '--trust-network')).toThrow('--trust-network');
  });
});
