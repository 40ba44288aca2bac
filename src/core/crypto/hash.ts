// Hash functions, through node:crypto.
import { createHash } from 'node:crypto';

/** SHA-256 of `data` (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** Lowercase hex SHA-256 of `data` (64 characters). */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-512 of `data` (64 bytes). */
export function sha512(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha512').update(data).digest());
}

/** BLAKE2b with a 64-byte output (RFC 7693), unkeyed: minisign's prehash (OpenSSL's 'blake2b512'). */
export function blake2b512(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('blake2b512').update(data).digest());
}
