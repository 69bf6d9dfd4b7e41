/* signet-verifier.h: from a raw message to a report.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-fetcher.h"
#include "signet-report.h"
#include "signet-store.h"
#include "signet-trust.h"

G_BEGIN_DECLS

/* The warning of a certificate whose revocation is being fetched (severity
 * info; see signet_verifier_verify_async()). */

/**
 * SignetRevocationOrder:
 * @SIGNET_REVOCATION_ORDER_CRL_FIRST: fetch CRLs first, ask OCSP only when
 *   no CRL decides (the default: a CRL does not reveal whose mail is read)
 * @SIGNET_REVOCATION_ORDER_OCSP_FIRST: ask OCSP first, fetch CRLs when OCSP
 *   does not decide (faster for large CRLs, tells the responder whose
 *   certificate is checked)
 * @SIGNET_REVOCATION_ORDER_CRL_ONLY: never ask OCSP (cached OCSP answers
 *   are not used either)
 *
 * Where the verifier looks for revocation information on the network.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_REVOCATION_ORDER_CRL_FIRST,
  SIGNET_REVOCATION_ORDER_OCSP_FIRST,
  SIGNET_REVOCATION_ORDER_CRL_ONLY,
} SignetRevocationOrder;

/* The total time the fetches of one verification may take, in seconds. */
/**
 * SIGNET_VERIFIER_DEFAULT_FETCH_BUDGET:
 *
 * The default total time the fetches of one verification may take, in
 * seconds.
 *
 * Since: 0.1
 */
#define SIGNET_VERIFIER_DEFAULT_FETCH_BUDGET 30
/* Levels of missing issuers fetched through caIssuers for one path. */
/**
 * SIGNET_VERIFIER_MAX_ISSUER_FETCHES:
 *
 * The most levels of missing issuers fetched through caIssuers for one path.
 *
 * Since: 0.1
 */
#define SIGNET_VERIFIER_MAX_ISSUER_FETCHES 4
/* CRLs fetched without a store that are kept in memory. */
/**
 * SIGNET_VERIFIER_MAX_MEMORY_CRLS:
 *
 * The most fetched CRLs a verifier without a store keeps in memory.
 *
 * Since: 0.1
 */
#define SIGNET_VERIFIER_MAX_MEMORY_CRLS 64

#define SIGNET_TYPE_VERIFIER (signet_verifier_get_type ())
G_DECLARE_FINAL_TYPE (SignetVerifier, signet_verifier, SIGNET, VERIFIER, GObject)

SignetVerifier *signet_verifier_new (void);

void signet_verifier_add_anchor (SignetVerifier *self, SignetCertificate *anchor);
gboolean signet_verifier_add_anchors_from_file (SignetVerifier *self, const char *path, GError **error);
void signet_verifier_add_certificate (SignetVerifier *self, SignetCertificate *certificate);
gboolean signet_verifier_add_certificates_from_file (SignetVerifier *self, const char *path, GError **error);
void signet_verifier_add_crl (SignetVerifier *self, SignetCrl *crl);
gboolean signet_verifier_add_crls_from_file (SignetVerifier *self, const char *path, GError **error);
void signet_verifier_set_use_system_trust (SignetVerifier *self, gboolean use_system_trust);
void signet_verifier_set_time (SignetVerifier *self, gint64 unix_time);
void signet_verifier_unset_time (SignetVerifier *self);
gint64 signet_verifier_get_time (SignetVerifier *self);
void signet_verifier_set_offline (SignetVerifier *self, gboolean offline);
gboolean signet_verifier_get_offline (SignetVerifier *self);
void signet_verifier_set_initial_policies (SignetVerifier *self, const char *const *policies);
void signet_verifier_set_require_explicit_policy (SignetVerifier *self, gboolean require);
void signet_verifier_set_inhibit_policy_mapping (SignetVerifier *self, gboolean inhibit);
void signet_verifier_set_inhibit_any_policy (SignetVerifier *self, gboolean inhibit);
void signet_verifier_set_check_revocation (SignetVerifier *self, gboolean check);
void signet_verifier_set_store (SignetVerifier *self, SignetStore *store);
SignetStore *signet_verifier_get_store (SignetVerifier *self);
void signet_verifier_set_trust (SignetVerifier *self, SignetTrust *trust);
SignetTrust *signet_verifier_get_trust (SignetVerifier *self);
void signet_verifier_set_revocation_order (SignetVerifier *self, SignetRevocationOrder order);
SignetRevocationOrder signet_verifier_get_revocation_order (SignetVerifier *self);
SignetFetcher *signet_verifier_get_fetcher (SignetVerifier *self);
void signet_verifier_set_fetcher (SignetVerifier *self, SignetFetcher *fetcher);
void signet_verifier_set_fetch_timeout (SignetVerifier *self, guint seconds);
guint signet_verifier_get_fetch_timeout (SignetVerifier *self);
void signet_verifier_set_reject_sha1 (SignetVerifier *self, gboolean reject);
gboolean signet_verifier_get_reject_sha1 (SignetVerifier *self);
void signet_verifier_set_fetch_budget (SignetVerifier *self, guint seconds);
guint signet_verifier_get_fetch_budget (SignetVerifier *self);

SignetReport *signet_verifier_verify_bytes (SignetVerifier *self,
                                            GBytes *message,
                                            GCancellable *cancellable,
                                            GError **error);
SignetReport *signet_verifier_verify_file (SignetVerifier *self,
                                           const char *path,
                                           GCancellable *cancellable,
                                           GError **error);
void signet_verifier_verify_async (SignetVerifier *self,
                                   GBytes *message,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
SignetReport *signet_verifier_verify_finish (SignetVerifier *self,
                                             GAsyncResult *result,
                                             GError **error);

void signet_verifier_complete_async (SignetVerifier *self,
                                     GBytes *message,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
SignetReport *signet_verifier_complete_finish (SignetVerifier *self,
                                               GAsyncResult *result,
                                               GError **error);

SignetSignature *signet_verifier_check_certificate (SignetVerifier *self,
                                                    SignetCertificate *certificate,
                                                    const char *address);

G_END_DECLS
