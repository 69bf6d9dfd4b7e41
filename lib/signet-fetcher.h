/* signet-fetcher.h: fetch CRLs, issuer certificates and OCSP responses
 * through the signet-fetch helper process.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SIGNET_FETCH_ERROR:
 *
 * Error domain of #SignetFetcher. Errors in this domain are from the
 * #SignetFetchError enumeration.
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_ERROR (signet_fetch_error_quark ())

/**
 * SignetFetchError:
 * @SIGNET_FETCH_ERROR_OFFLINE: the fetcher is offline; nothing was sent
 * @SIGNET_FETCH_ERROR_BAD_SCHEME: the URL, or a redirect target, is not http or https
 * @SIGNET_FETCH_ERROR_HTTP: the server answered with a status other than 200
 * @SIGNET_FETCH_ERROR_TOO_LARGE: the answer is larger than the limit for its kind
 * @SIGNET_FETCH_ERROR_TIMEOUT: no complete answer within the time limit
 * @SIGNET_FETCH_ERROR_REDIRECTS: too many redirects, or an unusable redirect
 * @SIGNET_FETCH_ERROR_NETWORK: name resolution, connection, TLS or protocol failure
 * @SIGNET_FETCH_ERROR_HELPER_FAILED: the helper program is missing, crashed or misbehaved
 * @SIGNET_FETCH_ERROR_CANCELLED: the caller cancelled the fetch
 *
 * Why a fetch failed. None of them says anything about a certificate.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_FETCH_ERROR_OFFLINE,
  SIGNET_FETCH_ERROR_BAD_SCHEME,
  SIGNET_FETCH_ERROR_HTTP,
  SIGNET_FETCH_ERROR_TOO_LARGE,
  SIGNET_FETCH_ERROR_TIMEOUT,
  SIGNET_FETCH_ERROR_REDIRECTS,
  SIGNET_FETCH_ERROR_NETWORK,
  SIGNET_FETCH_ERROR_HELPER_FAILED,
  SIGNET_FETCH_ERROR_CANCELLED,
} SignetFetchError;

GQuark signet_fetch_error_quark (void);

/**
 * SignetFetchKind:
 * @SIGNET_FETCH_KIND_CRL: a CRL (cRLDistributionPoints, freshestCRL)
 * @SIGNET_FETCH_KIND_CERTIFICATE: an issuer certificate or a certs-only
 *   bundle (authorityInfoAccess caIssuers)
 * @SIGNET_FETCH_KIND_OCSP: an OCSP response (authorityInfoAccess ocsp)
 *
 * What is being fetched; selects the size limit.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_FETCH_KIND_CRL,
  SIGNET_FETCH_KIND_CERTIFICATE,
  SIGNET_FETCH_KIND_OCSP,
} SignetFetchKind;

/**
 * SIGNET_FETCH_KIND_COUNT:
 *
 * The number of #SignetFetchKind values.
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_KIND_COUNT 3

/* Defaults; see signet_fetcher_set_timeout() and signet_fetcher_set_max_size(). */
/**
 * SIGNET_FETCH_DEFAULT_TIMEOUT:
 *
 * The default time limit of one fetch, in seconds; see
 * signet_fetcher_set_timeout().
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_DEFAULT_TIMEOUT 10 /* seconds */
/**
 * SIGNET_FETCH_DEFAULT_MAX_CRL:
 *
 * The default size limit of a fetched CRL, in bytes; see
 * signet_fetcher_set_max_size().
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_DEFAULT_MAX_CRL (64 * 1024 * 1024)
/**
 * SIGNET_FETCH_DEFAULT_MAX_CERTIFICATE:
 *
 * The default size limit of a fetched certificate or certs-only bundle, in
 * bytes.
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_DEFAULT_MAX_CERTIFICATE (64 * 1024)
/**
 * SIGNET_FETCH_DEFAULT_MAX_OCSP:
 *
 * The default size limit of a fetched OCSP response, in bytes.
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_DEFAULT_MAX_OCSP (64 * 1024)
/* Seconds the helper may overrun its own deadline before it is killed. */
/**
 * SIGNET_FETCH_KILL_GRACE:
 *
 * Seconds the fetch helper may overrun its own deadline before it is killed.
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_KILL_GRACE 1
/* Largest timeout signet_fetcher_set_timeout() accepts. */
/**
 * SIGNET_FETCH_MAX_TIMEOUT_SECONDS:
 *
 * The largest timeout signet_fetcher_set_timeout() accepts, in seconds.
 *
 * Since: 0.1
 */
#define SIGNET_FETCH_MAX_TIMEOUT_SECONDS 600

#define SIGNET_TYPE_FETCHER (signet_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (SignetFetcher, signet_fetcher, SIGNET, FETCHER, GObject)

SignetFetcher *signet_fetcher_new (const char *helper_path);

const char *signet_fetcher_get_helper_path (SignetFetcher *self);
void signet_fetcher_set_offline (SignetFetcher *self, gboolean offline);
gboolean signet_fetcher_get_offline (SignetFetcher *self);
void signet_fetcher_set_timeout (SignetFetcher *self, guint seconds);
guint signet_fetcher_get_timeout (SignetFetcher *self);
void signet_fetcher_set_max_size (SignetFetcher *self, SignetFetchKind kind, gsize bytes);
gsize signet_fetcher_get_max_size (SignetFetcher *self, SignetFetchKind kind);

gboolean signet_fetch_uri_is_allowed (const char *url);

void signet_fetcher_fetch_async (SignetFetcher *self,
                                 const char *url,
                                 SignetFetchKind kind,
                                 GBytes *post_body,
                                 const char *content_type,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GBytes *signet_fetcher_fetch_finish (SignetFetcher *self, GAsyncResult *result, GError **error);

GBytes *signet_fetcher_fetch (SignetFetcher *self,
                              const char *url,
                              SignetFetchKind kind,
                              GBytes *post_body,
                              const char *content_type,
                              GCancellable *cancellable,
                              GError **error);

G_END_DECLS
