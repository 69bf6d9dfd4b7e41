/* signet-verifier.h: from a raw message to a report.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-report.h"
#include "signet-store.h"

G_BEGIN_DECLS

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
void signet_verifier_set_offline (SignetVerifier *self, gboolean offline);
gboolean signet_verifier_get_offline (SignetVerifier *self);
void signet_verifier_set_initial_policies (SignetVerifier *self, const char *const *policies);
void signet_verifier_set_require_explicit_policy (SignetVerifier *self, gboolean require);
void signet_verifier_set_inhibit_policy_mapping (SignetVerifier *self, gboolean inhibit);
void signet_verifier_set_inhibit_any_policy (SignetVerifier *self, gboolean inhibit);
void signet_verifier_set_check_revocation (SignetVerifier *self, gboolean check);
void signet_verifier_set_store (SignetVerifier *self, SignetStore *store);
SignetStore *signet_verifier_get_store (SignetVerifier *self);

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

SignetSignature *signet_verifier_check_certificate (SignetVerifier *self,
                                                    SignetCertificate *certificate,
                                                    const char *address);

G_END_DECLS
