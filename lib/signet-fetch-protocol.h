/* signet-fetch-protocol.h: what the signet-fetch helper and SignetFetcher
 * agree on (command line, exit codes, status line). Shared by
 * tools/signet-fetch.c and lib/signet-fetcher.c; not installed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

/* The helper is run as
 *
 *   signet-fetch --url URL --max-size BYTES --timeout SECONDS
 *                [--post-file PATH|- --content-type TYPE]
 *
 * The response body (only when complete and accepted) goes to stdout. The
 * last line written to stderr is a one-line JSON object:
 *
 *   {"result":"ok","status":200,"url":"http://final/url",
 *    "content_type":"application/pkix-crl","size":1234,"message":"..."}
 *
 * "result" is one of the SIGNET_FETCH_RESULT_* strings below; "status" is
 * the last HTTP status (0 when no response arrived); "url" is the URL of the
 * last request sent (after redirects). The exit code says the same as
 * "result", so the status line is informative, not needed. */

#define SIGNET_FETCH_EXIT_OK 0
#define SIGNET_FETCH_EXIT_USAGE 1      /* bad command line, unreadable POST body */
#define SIGNET_FETCH_EXIT_HTTP 2       /* a final response other than 200 */
#define SIGNET_FETCH_EXIT_TOO_LARGE 3  /* declared or received body over --max-size */
#define SIGNET_FETCH_EXIT_TIMEOUT 4    /* overall deadline or a socket timeout */
#define SIGNET_FETCH_EXIT_BAD_SCHEME 5 /* a URL (first or redirect target) not http(s) */
#define SIGNET_FETCH_EXIT_REDIRECTS 6  /* too many redirects, or a bad Location */
#define SIGNET_FETCH_EXIT_NETWORK 7    /* DNS, connect, TLS, protocol errors */

#define SIGNET_FETCH_RESULT_OK "ok"
#define SIGNET_FETCH_RESULT_USAGE "usage"
#define SIGNET_FETCH_RESULT_HTTP "http-error"
#define SIGNET_FETCH_RESULT_TOO_LARGE "too-large"
#define SIGNET_FETCH_RESULT_TIMEOUT "timeout"
#define SIGNET_FETCH_RESULT_BAD_SCHEME "bad-scheme"
#define SIGNET_FETCH_RESULT_REDIRECTS "redirect-loop"
#define SIGNET_FETCH_RESULT_NETWORK "network"

/* Redirects followed per fetch; each target is checked again. */
#define SIGNET_FETCH_MAX_REDIRECTS 3
/* Largest POST body the helper reads (an OCSP request is a few hundred bytes). */
#define SIGNET_FETCH_MAX_POST_SIZE (64 * 1024)
/* Longest URL accepted, by the library and the helper. */
#define SIGNET_FETCH_MAX_URL_LENGTH 2048
/* Longest --timeout accepted by the helper. */
#define SIGNET_FETCH_MAX_TIMEOUT 600
/* Largest stderr the library keeps from the helper (it reads only the last line). */
#define SIGNET_FETCH_MAX_STATUS_SIZE (16 * 1024)
