// A small, slow, straightforward Ed25519 in BigInt (RFC 8032, section 5.1), written for the tests
// only: to build signatures that node:crypto accepts but a strict verifier must reject, and to
// enumerate the points of small order independently of the blocklist in src/.
import { createHash } from 'node:crypto';

export const p = 2n ** 255n - 19n;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a: bigint, m = p): bigint => ((a % m) + m) % m;

export function pow(b: bigint, e: bigint, m = p): bigint {
  let r = 1n;
  b = mod(b, m);
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
const inv = (a: bigint): bigint => pow(a, p - 2n);
export const d = mod(-121665n * inv(121666n));
const sqrtM1 = pow(2n, (p - 1n) / 4n);

export type Point = [bigint, bigint, bigint, bigint]; // extended coordinates X, Y, Z, T

export function add(P: Point, Q: Point): Point {
  const A = mod((P[1] - P[0]) * (Q[1] - Q[0]));
  const B = mod((P[1] + P[0]) * (Q[1] + Q[0]));
  const C = mod(2n * P[3] * Q[3] * d);
  const D = mod(2n * P[2] * Q[2]);
  const E = B - A,
    F = D - C,
    G = D + C,
    H = B + A;
  return [mod(E * F), mod(G * H), mod(F * G), mod(E * H)];
}

export function mul(s: bigint, P: Point): Point {
  let Q: Point = [0n, 1n, 1n, 0n];
  while (s > 0n) {
    if (s & 1n) Q = add(Q, P);
    P = add(P, P);
    s >>= 1n;
  }
  return Q;
}

export function equal(P: Point, Q: Point): boolean {
  return mod(P[0] * Q[2] - Q[0] * P[2]) === 0n && mod(P[1] * Q[2] - Q[1] * P[2]) === 0n;
}

export const identity: Point = [0n, 1n, 1n, 0n];

function recoverX(y: bigint, sign: number): bigint | null {
  if (y >= p) return null;
  const x2 = mod((y * y - 1n) * inv(d * y * y + 1n));
  if (x2 === 0n) return sign ? null : 0n;
  let x = pow(x2, (p + 3n) / 8n);
  if (mod(x * x - x2) !== 0n) x = mod(x * sqrtM1);
  if (mod(x * x - x2) !== 0n) return null;
  if (Number(x & 1n) !== sign) x = p - x;
  return x;
}

export function decode(b: Uint8Array): Point | null {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? b[i]! & 0x7f : b[i]!);
  const x = recoverX(y, b[31]! >> 7);
  return x === null ? null : [x, y, 1n, mod(x * y)];
}

export function encode(P: Point): Uint8Array {
  const zi = inv(P[2]);
  const x = mod(P[0] * zi),
    y = mod(P[1] * zi);
  const out = leBytes(y, 32);
  out[31]! |= Number(x & 1n) << 7;
  return out;
}

export function leBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

export function leInt(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

const gy = mod(4n * inv(5n));
export const B: Point = [recoverX(gy, 0)!, gy, 1n, mod(recoverX(gy, 0)! * gy)];

export function sha512Int(...parts: Uint8Array[]): bigint {
  const h = createHash('sha512');
  for (const part of parts) h.update(part);
  return leInt(new Uint8Array(h.digest()));
}

/** The secret scalar of a seed (RFC 8032, 5.1.5). */
export function secretScalar(seed: Uint8Array): bigint {
  const h = new Uint8Array(createHash('sha512').update(seed).digest()).subarray(0, 32);
  h[0]! &= 248;
  h[31]! &= 127;
  h[31]! |= 64;
  return leInt(h);
}
