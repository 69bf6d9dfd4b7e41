/* signet-async.h: asynchronous forms of the operations that touch the
 * disk or the network and have no _async variant in their own header
 * (SignetStore, SignetVerifier, SignetTrust, the built-in trust anchors,
 * SignetPrompt, certificate and CRL files).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-prompt.h"
#include "signet-signature.h"
#include "signet-store.h"
#include "signet-trust.h"
#include "signet-trust-anchors.h"
#include "signet-verifier.h"

G_BEGIN_DECLS

void signet_store_import_file_async (SignetStore *self,
                                     const char *path,
                                     const char *origin,
                                     gint64 when,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean signet_store_import_file_finish (SignetStore *self,
                                          GAsyncResult *result,
                                          guint *n_added,
                                          GError **error);

void signet_store_list_async (SignetStore *self,
                              const char *address,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
GPtrArray *signet_store_list_finish (SignetStore *self, GAsyncResult *result, GError **error);

void signet_store_remove_async (SignetStore *self,
                                const char *sha256,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean signet_store_remove_finish (SignetStore *self,
                                     GAsyncResult *result,
                                     gboolean *removed,
                                     GError **error);

void signet_store_add_crl_async (SignetStore *self,
                                 SignetCrl *crl,
                                 const char *fetched_from,
                                 gint64 when,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean signet_store_add_crl_finish (SignetStore *self,
                                      GAsyncResult *result,
                                      SignetStoreCrlResult *result_out,
                                      GError **error);

/* Files */
void signet_certificate_list_from_file_async (const char *path,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
GPtrArray *signet_certificate_list_from_file_finish (GAsyncResult *result, GError **error);
void signet_crl_list_from_file_async (const char *path,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
GPtrArray *signet_crl_list_from_file_finish (GAsyncResult *result, GError **error);

/* SignetStore */
void signet_store_open_async (const char *directory,
                              SignetStoreFlags flags,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
SignetStore *signet_store_open_finish (GAsyncResult *result, GError **error);

void signet_store_find_by_subject_async (SignetStore *self,
                                         GBytes *raw_subject,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
GPtrArray *
signet_store_find_by_subject_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_find_by_issuer_serial_async (SignetStore *self,
                                               GBytes *raw_issuer,
                                               GBytes *serial,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
GPtrArray *
signet_store_find_by_issuer_serial_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_find_by_subject_key_id_async (SignetStore *self,
                                                GBytes *ski,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
GPtrArray *signet_store_find_by_subject_key_id_finish (SignetStore *self,
                                                       GAsyncResult *result,
                                                       GError **error);
void signet_store_lookup_async (SignetStore *self,
                                const char *sha256,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
SignetCertificate *
signet_store_lookup_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_list_crls_async (SignetStore *self,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
GPtrArray *signet_store_list_crls_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_find_crls_by_issuer_async (SignetStore *self,
                                             GBytes *raw_issuer,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
GPtrArray *
signet_store_find_crls_by_issuer_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_record_signer_async (SignetStore *self,
                                       const char *address,
                                       SignetCertificate *certificate,
                                       gint64 when,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean
signet_store_record_signer_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_get_last_signer_async (SignetStore *self,
                                         const char *address,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
SignetCertificate *signet_store_get_last_signer_finish (SignetStore *self,
                                                        GAsyncResult *result,
                                                        gint64 *last_signed,
                                                        GError **error);
void signet_store_lookup_verdict_async (SignetStore *self,
                                        const char *message_id,
                                        const char *signature_digest,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
char *signet_store_lookup_verdict_finish (SignetStore *self,
                                          GAsyncResult *result,
                                          gint64 *first_verified,
                                          GError **error);
void signet_store_add_trust_async (SignetStore *self,
                                   const SignetStoreTrustRecord *record,
                                   SignetCertificate *certificate,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean
signet_store_add_trust_finish (SignetStore *self, GAsyncResult *result, gint64 *id, GError **error);
void signet_store_list_trust_async (SignetStore *self,
                                    const char *sha256,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
GPtrArray *signet_store_list_trust_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_remove_trust_async (SignetStore *self,
                                      gint64 id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean signet_store_remove_trust_finish (SignetStore *self,
                                           GAsyncResult *result,
                                           gboolean *removed,
                                           GError **error);
void signet_store_lookup_record_async (SignetStore *self,
                                       const char *sha256,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
SignetStoreRecord *
signet_store_lookup_record_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_find_revocations_async (SignetStore *self,
                                          GBytes *raw_issuer,
                                          GBytes *serial,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
GPtrArray *
signet_store_find_revocations_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_record_verdict_async (SignetStore *self,
                                        const char *message_id,
                                        const char *signature_digest,
                                        const char *verdict,
                                        gint64 when,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean
signet_store_record_verdict_finish (SignetStore *self, GAsyncResult *result, GError **error);

/* SignetVerifier */
void signet_verifier_verify_file_async (SignetVerifier *self,
                                        const char *path,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
SignetReport *
signet_verifier_verify_file_finish (SignetVerifier *self, GAsyncResult *result, GError **error);
void signet_verifier_check_certificate_async (SignetVerifier *self,
                                              SignetCertificate *certificate,
                                              const char *address,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
SignetSignature *signet_verifier_check_certificate_finish (SignetVerifier *self,
                                                           GAsyncResult *result,
                                                           GError **error);
void signet_verifier_add_anchors_from_file_async (SignetVerifier *self,
                                                  const char *path,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
gboolean signet_verifier_add_anchors_from_file_finish (SignetVerifier *self,
                                                       GAsyncResult *result,
                                                       GError **error);
void signet_verifier_add_certificates_from_file_async (SignetVerifier *self,
                                                       const char *path,
                                                       GCancellable *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer user_data);
gboolean signet_verifier_add_certificates_from_file_finish (SignetVerifier *self,
                                                            GAsyncResult *result,
                                                            GError **error);
void signet_verifier_add_crls_from_file_async (SignetVerifier *self,
                                               const char *path,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
gboolean signet_verifier_add_crls_from_file_finish (SignetVerifier *self,
                                                    GAsyncResult *result,
                                                    GError **error);

/* SignetTrust */
void signet_trust_new_async (SignetStore *store,
                             SignetTrustSource source,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
SignetTrust *signet_trust_new_finish (GAsyncResult *result, GError **error);
void signet_trust_list_async (SignetTrust *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
GPtrArray *signet_trust_list_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_undo_async (SignetTrust *self,
                              const char *id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean
signet_trust_undo_finish (SignetTrust *self, GAsyncResult *result, gboolean *found, GError **error);
void signet_trust_apply_async (SignetTrust *trust,
                               SignetPrompt *prompt,
                               const char *choice,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean signet_trust_apply_finish (SignetTrust *trust, GAsyncResult *result, GError **error);
void signet_trust_add_anchor_async (SignetTrust *self,
                                    SignetCertificate *certificate,
                                    SignetTrustScope scope,
                                    const char *reason,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
char *signet_trust_add_anchor_finish (SignetTrust *self, GAsyncResult *result, GError **error);

/* SignetStore: fingerprints and OCSP answers */
void signet_store_resolve_fingerprint_async (SignetStore *self,
                                             const char *text,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
char *
signet_store_resolve_fingerprint_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_record_ocsp_async (SignetStore *self,
                                     const char *issuer_sha256,
                                     GBytes *serial,
                                     GBytes *response,
                                     gint64 this_update,
                                     gint64 next_update,
                                     const char *fetched_from,
                                     gint64 when,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean signet_store_record_ocsp_finish (SignetStore *self, GAsyncResult *result, GError **error);
void signet_store_lookup_ocsp_async (SignetStore *self,
                                     const char *issuer_sha256,
                                     GBytes *serial,
                                     gint64 now,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
GBytes *signet_store_lookup_ocsp_finish (SignetStore *self,
                                         GAsyncResult *result,
                                         char **fetched_from,
                                         GError **error);

/* SignetTrust: decisions */
void signet_trust_remove_anchor_async (SignetTrust *self,
                                       SignetCertificate *certificate,
                                       const char *reason,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
char *signet_trust_remove_anchor_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_distrust_async (SignetTrust *self,
                                  SignetCertificate *certificate,
                                  const char *sha256,
                                  SignetTrustScope scope,
                                  const char *reason,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
char *signet_trust_distrust_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_pin_async (SignetTrust *self,
                             SignetCertificate *certificate,
                             const char *address,
                             SignetTrustScope scope,
                             const char *reason,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
char *signet_trust_pin_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_undo_certificate_async (SignetTrust *self,
                                          const char *sha256,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
guint
signet_trust_undo_certificate_finish (SignetTrust *self, GAsyncResult *result, GError **error);

/* SignetTrust: questions */
void signet_trust_get_builtin_anchors_async (SignetTrust *self,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
GPtrArray *
signet_trust_get_builtin_anchors_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_get_anchors_async (SignetTrust *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
GPtrArray *
signet_trust_get_anchors_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_is_anchor_async (SignetTrust *self,
                                   SignetCertificate *certificate,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean signet_trust_is_anchor_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_is_distrusted_async (SignetTrust *self,
                                       SignetCertificate *certificate,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean
signet_trust_is_distrusted_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_get_pin_async (SignetTrust *self,
                                 const char *address,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
SignetCertificate *
signet_trust_get_pin_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_is_pinned_async (SignetTrust *self,
                                   const char *address,
                                   SignetCertificate *certificate,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean signet_trust_is_pinned_finish (SignetTrust *self, GAsyncResult *result, GError **error);
void signet_trust_review_signature_async (SignetTrust *self,
                                          SignetSignature *signature,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean
signet_trust_review_signature_finish (SignetTrust *self, GAsyncResult *result, GError **error);

/* Built-in anchors */
void signet_trust_anchors_load_mozilla_async (const char *module_path,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
SignetTrustAnchors *signet_trust_anchors_load_mozilla_finish (GAsyncResult *result, GError **error);
void signet_trust_anchors_load_system_async (const char *paths,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
SignetTrustAnchors *signet_trust_anchors_load_system_finish (GAsyncResult *result, GError **error);
void signet_trust_anchors_load_async (SignetTrustSource source,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
SignetTrustAnchors *signet_trust_anchors_load_finish (GAsyncResult *result, GError **error);

/* SignetPrompt */
void signet_prompt_new_for_signature_async (SignetSignature *signature,
                                            SignetTrust *trust,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
SignetPrompt *signet_prompt_new_for_signature_finish (GAsyncResult *result, GError **error);

G_END_DECLS
