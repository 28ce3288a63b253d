import type { AddressInfo } from 'node:net';

export interface ListenAddress {
  /** `127.0.0.1:4000`, `[::1]:4000`: what the socket is bound to. */
  bound: string;
  /** Where a browser on this machine reaches it. */
  url: string;
  /** Bound to the unspecified address (`0.0.0.0` or `::`): reachable from other machines too. */
  allInterfaces: boolean;
}

/** The bound address as an operator reads it; IPv6 in brackets, as in a URL. */
export function listenAddress(address: AddressInfo): ListenAddress {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  const allInterfaces = address.address === '0.0.0.0' || address.address === '::';
  return {
    bound: `${host}:${address.port}`,
    url: `http://${allInterfaces ? 'localhost' : host}:${address.port}`,
    allInterfaces,
  };
}
