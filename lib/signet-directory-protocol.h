/* signet-directory-protocol.h: what the signet-directory-helper program and
 * SignetDirectory agree on. Shared by tools/signet-directory-helper.c and
 * lib/signet-directory.c; not installed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

/* The helper is run as
 *
 *   signet-directory-helper --ldap-url URL --address ADDRESS
 *                           --timeout SECONDS --max-size BYTES --size-limit N
 *   signet-directory-helper --smimea OWNER-NAME [--resolver IP[@PORT]]
 *                           [--trust-anchor FILE]
 *                           --timeout SECONDS --max-size BYTES --size-limit N
 *
 * On success stdout holds one JSON object (at most --max-size bytes):
 *
 *   LDAP:   {"items":[{"dn":"...","attribute":"userCertificate;binary",
 *                      "value":"BASE64"}, ...], "truncated":false}
 *   SMIMEA: {"secure":true,"owner":"NAME","items":[{"rdata":"BASE64"}, ...],
 *            "truncated":false}
 *
 * An SMIMEA answer is written only when libunbound validated it (secure);
 * a name that securely does not exist gives "items":[]. As for signet-fetch,
 * the last line of stderr is a one-line JSON status
 * {"result":"...","message":"..."} and the exit code says the same. */

#define SIGNET_DIRECTORY_EXIT_OK 0
#define SIGNET_DIRECTORY_EXIT_USAGE 1
#define SIGNET_DIRECTORY_EXIT_SERVER 2    /* the LDAP server refused or failed the search */
#define SIGNET_DIRECTORY_EXIT_TOO_LARGE 3 /* the answer is over --max-size */
#define SIGNET_DIRECTORY_EXIT_TIMEOUT 4
#define SIGNET_DIRECTORY_EXIT_NETWORK 7  /* connection, resolver, protocol */
#define SIGNET_DIRECTORY_EXIT_INSECURE 8 /* a DNS answer that DNSSEC did not validate */

#define SIGNET_DIRECTORY_RESULT_OK "ok"
#define SIGNET_DIRECTORY_RESULT_USAGE "usage"
#define SIGNET_DIRECTORY_RESULT_SERVER "server-error"
#define SIGNET_DIRECTORY_RESULT_TOO_LARGE "too-large"
#define SIGNET_DIRECTORY_RESULT_TIMEOUT "timeout"
#define SIGNET_DIRECTORY_RESULT_NETWORK "network"
#define SIGNET_DIRECTORY_RESULT_INSECURE "insecure"

/* Longest URL or owner name accepted. */
#define SIGNET_DIRECTORY_MAX_URL_LENGTH 2048
/* Longest --timeout accepted. */
#define SIGNET_DIRECTORY_MAX_TIMEOUT 600
/* Largest --size-limit accepted (entries or records). */
#define SIGNET_DIRECTORY_MAX_SIZE_LIMIT 1000
/* Values kept per LDAP entry attribute. */
#define SIGNET_DIRECTORY_MAX_VALUES 32
/* Largest stderr the library keeps from the helper. */
#define SIGNET_DIRECTORY_MAX_STATUS_SIZE (16 * 1024)
