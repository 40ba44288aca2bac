// The dark runs of a QR matrix, row by row: what QrCode.tsx draws as SVG rectangles (one <rect>
// a run), pure so that tests/unit/renderer/fingerprint.test.ts can redraw the matrix from them.

/** Modules of light margin around the code on every side, as scanners expect. */
export const QUIET = 4;

export interface QrRun {
  x: number;
  y: number;
  width: number;
}

/** The dark runs of each row (x and y in modules, quiet zone included). */
export function qrRuns(matrix: readonly (readonly boolean[])[]): QrRun[] {
  const runs: QrRun[] = [];
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      runs.push({ x: start + QUIET, y: y + QUIET, width: x - start });
    }
  });
  return runs;
}
