// Browser mode's page heartbeat, shared by the page that sends it and the server that listens.

/** Every open page calls session:ping this often. */
export const PING_EVERY_MS = 5_000;

/**
 * How long the server waits without a ping before it locks the vault (the last tab was closed).
 * Above a minute because browsers throttle a hidden tab's timers to about one a minute after a few
 * minutes in the background: a tab the person merely switched away from must not lock the vault.
 */
export const PAGE_GRACE_MS = 90_000;
