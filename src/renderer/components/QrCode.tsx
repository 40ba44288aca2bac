// A QR code drawn from a matrix of modules (groups:fingerprint's `qr`, true = dark) as SVG
// rectangles: no image, no HTML from anywhere, nothing fetched. Each run of dark modules in a row is
// one <rect> (qr.ts); a quiet zone of four modules surrounds it, as scanners expect.

import { QUIET, qrRuns } from './qr.js';

/** `label` names what the code holds, for screen readers (the digits beside it say the same). */
export function QrCode({ matrix, label, size = 180 }: { matrix: readonly (readonly boolean[])[]; label: string; size?: number }) {
  const modules = matrix.length + 2 * QUIET;
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges">
      <rect x={0} y={0} width={modules} height={modules} fill="#fff" />
      {qrRuns(matrix).map((r) => (
        <rect key={`${r.x},${r.y}`} x={r.x} y={r.y} width={r.width} height={1} fill="#000" />
      ))}
    </svg>
  );
}
