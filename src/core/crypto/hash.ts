// Hash functions, through node:crypto. One-shot `hash` where the data is whole: it skips making a
// Hash object, which costs more than hashing a small object (measured on the bundle reader's ids).
import { createHash, hash } from 'node:crypto';

/** SHA-256 of `data` (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(hash('sha256', data, 'buffer'));
}

/** Lowercase hex SHA-256 of `data` (64 characters). */
export function sha256Hex(data: Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** SHA-512 of `data` (64 bytes). */
export function sha512(data: Uint8Array): Uint8Array {
  return new Uint8Array(hash('sha512', data, 'buffer'));
}

/** BLAKE2b with a 64-byte output (RFC 7693), unkeyed: minisign's prehash (OpenSSL's 'blake2b512'). */
export function blake2b512(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('blake2b512').update(data).digest());
}
