/**
 * How long one call to a platform's API may take. A peer that accepts the connection and never
 * answers must not hold a start-up check, a post or a token request for ever: the call fails with
 * a timeout and the caller's own retry (connect.ts, the digest runner) takes over.
 */
export const PLATFORM_CALL_MS = 30_000;

/** An abort signal that ends a platform call after PLATFORM_CALL_MS. */
export function callDeadline(): AbortSignal {
  return AbortSignal.timeout(PLATFORM_CALL_MS);
}

/**
 * How long downloading one file a user sent may take (connect, headers and body). A peer that
 * stops sending mid-body must not hold the socket: the download is aborted and the file refused.
 */
export const DOWNLOAD_MS = 5 * 60_000;
