// JSON values: every result crosses a transport (Electron's structured clone, or HTTP as JSON text),
// so results are restricted to what both carry identically: no Date, no Map, no undefined, no bytes.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
