/* signet-store.h: the persistent store of certificates, CRLs, signers and
 * verdicts (an SQLite database).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-certificate.h"
#include "signet-crl.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_STORE (signet_store_get_type ())
G_DECLARE_FINAL_TYPE (SignetStore, signet_store, SIGNET, STORE, GObject)

/**
 * SignetStoreFlags:
 * @SIGNET_STORE_FLAGS_NONE: open for reading and writing, creating the store
 *   when it does not exist
 * @SIGNET_STORE_FLAGS_READ_ONLY: open an existing store for reading only;
 *   every write then fails with %SIGNET_ERROR_IO
 *
 * How signet_store_open_full() opens a store.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  SIGNET_STORE_FLAGS_NONE = 0,
  SIGNET_STORE_FLAGS_READ_ONLY = 1 << 0,
} SignetStoreFlags;

/**
 * SignetStoreCrlResult:
 * @SIGNET_STORE_CRL_ADDED: the CRL was new and nothing was replaced
 * @SIGNET_STORE_CRL_REPLACED: the CRL was new and replaced an older CRL of
 *   the same issuer, key and scope
 * @SIGNET_STORE_CRL_DUPLICATE: the store already held this very CRL
 * @SIGNET_STORE_CRL_SUPERSEDED: the store holds a newer CRL of the same
 *   issuer, key and scope; nothing was changed
 *
 * What signet_store_add_crl() did.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_STORE_CRL_ADDED,
  SIGNET_STORE_CRL_REPLACED,
  SIGNET_STORE_CRL_DUPLICATE,
  SIGNET_STORE_CRL_SUPERSEDED,
} SignetStoreCrlResult;

/**
 * SignetStoreRecord:
 * @certificate: the certificate
 * @origin: (nullable): where the certificate was first seen, as given to
 *   signet_store_add_certificates()
 * @first_seen: when it was first added (Unix time)
 * @last_seen: when it was last added (Unix time)
 * @addresses: the normalised addresses it is indexed under
 *
 * A certificate and what the store knows about it.
 *
 * Since: 0.1
 */
typedef struct
{
  SignetCertificate *certificate;
  char *origin;
  gint64 first_seen;
  gint64 last_seen;
  GStrv addresses;
} SignetStoreRecord;

#define SIGNET_TYPE_STORE_RECORD (signet_store_record_get_type ())
GType signet_store_record_get_type (void) G_GNUC_CONST;
SignetStoreRecord *signet_store_record_copy (const SignetStoreRecord *record);
void signet_store_record_free (SignetStoreRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetStoreRecord, signet_store_record_free)

/**
 * SignetStoreRevocation:
 * @crl_sha256: the SHA-256 fingerprint (lower-case hex) of the CRL listing
 *   the certificate
 * @crl_is_delta: whether that CRL is a delta CRL
 * @revocation_time: the entry's revocationDate (Unix time)
 * @reason: the entry's reasonCode
 * @invalidity_date: the entry's invalidityDate, -1 when absent
 *
 * One CRL entry found by signet_store_find_revocations().
 *
 * Since: 0.1
 */
typedef struct
{
  char *crl_sha256;
  gboolean crl_is_delta;
  gint64 revocation_time;
  SignetCrlReason reason;
  gint64 invalidity_date;
} SignetStoreRevocation;

#define SIGNET_TYPE_STORE_REVOCATION (signet_store_revocation_get_type ())
GType signet_store_revocation_get_type (void) G_GNUC_CONST;
SignetStoreRevocation *signet_store_revocation_copy (const SignetStoreRevocation *revocation);
void signet_store_revocation_free (SignetStoreRevocation *revocation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetStoreRevocation, signet_store_revocation_free)

/**
 * SignetStoreTrustRecord:
 * @id: the row id (0 before it is stored)
 * @kind: `anchor`, `certificate` or `pin`
 * @sha256: the SHA-256 fingerprint (lower-case hex) of the certificate
 * @address: (nullable): the normalised address of a pin
 * @scope: (nullable): the purpose OID the decision is for
 *   (1.3.6.1.5.5.7.3.4: e-mail protection)
 * @decision: `trust`, `distrust` or `remove` (a built-in anchor the user
 *   took away)
 * @reason: (nullable): why, in the user's or the program's words
 * @created: when the decision was made (Unix time)
 *
 * One trust decision (see SignetTrust).
 *
 * Since: 0.1
 */
typedef struct
{
  gint64 id;
  char *kind;
  char *sha256;
  char *address;
  char *scope;
  char *decision;
  char *reason;
  gint64 created;
} SignetStoreTrustRecord;

#define SIGNET_TYPE_STORE_TRUST_RECORD (signet_store_trust_record_get_type ())
GType signet_store_trust_record_get_type (void) G_GNUC_CONST;
SignetStoreTrustRecord *signet_store_trust_record_copy (const SignetStoreTrustRecord *record);
void signet_store_trust_record_free (SignetStoreTrustRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetStoreTrustRecord, signet_store_trust_record_free)

/* Opening */
char *signet_store_get_default_directory (void);
SignetStore *signet_store_open (const char *directory, GError **error);
SignetStore *signet_store_open_full (const char *directory,
                                     SignetStoreFlags flags,
                                     GError **error);
const char *signet_store_get_path (SignetStore *self);
int signet_store_get_schema_version (SignetStore *self);

/* Certificates */
gboolean signet_store_add_certificates (SignetStore *self,
                                        GPtrArray *certificates,
                                        const char *origin,
                                        gint64 when,
                                        guint *n_added,
                                        GError **error);
void signet_store_add_certificates_async (SignetStore *self,
                                          GPtrArray *certificates,
                                          const char *origin,
                                          gint64 when,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean signet_store_add_certificates_finish (SignetStore *self,
                                               GAsyncResult *result,
                                               guint *n_added,
                                               GError **error);

GPtrArray *signet_store_find_by_address (SignetStore *self,
                                         const char *address,
                                         GError **error);
void signet_store_find_by_address_async (SignetStore *self,
                                         const char *address,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
GPtrArray *signet_store_find_by_address_finish (SignetStore *self,
                                                GAsyncResult *result,
                                                GError **error);
GPtrArray *signet_store_find_by_subject (SignetStore *self,
                                         GBytes *raw_subject,
                                         GError **error);
GPtrArray *signet_store_find_by_issuer_serial (SignetStore *self,
                                               GBytes *raw_issuer,
                                               GBytes *serial,
                                               GError **error);
GPtrArray *signet_store_find_by_subject_key_id (SignetStore *self,
                                                GBytes *ski,
                                                GError **error);
SignetCertificate *signet_store_lookup (SignetStore *self,
                                        const char *sha256,
                                        GError **error);
SignetStoreRecord *signet_store_lookup_record (SignetStore *self,
                                               const char *sha256,
                                               GError **error);
char *signet_store_resolve_fingerprint (SignetStore *self,
                                        const char *text,
                                        GError **error);
GPtrArray *signet_store_list (SignetStore *self,
                              const char *address,
                              GError **error);
gboolean signet_store_remove (SignetStore *self,
                              const char *sha256,
                              gboolean *removed,
                              GError **error);

/* CRLs */
gboolean signet_store_add_crl (SignetStore *self,
                               SignetCrl *crl,
                               const char *fetched_from,
                               gint64 when,
                               SignetStoreCrlResult *result,
                               GError **error);
GPtrArray *signet_store_find_crls_by_issuer (SignetStore *self,
                                             GBytes *raw_issuer,
                                             GError **error);
GPtrArray *signet_store_find_revocations (SignetStore *self,
                                          GBytes *raw_issuer,
                                          GBytes *serial,
                                          GError **error);

/* Certificate continuity */
gboolean signet_store_record_signer (SignetStore *self,
                                     const char *address,
                                     SignetCertificate *certificate,
                                     gint64 when,
                                     GError **error);
SignetCertificate *signet_store_get_last_signer (SignetStore *self,
                                                 const char *address,
                                                 gint64 *last_signed,
                                                 GError **error);

/* Verdict memory */
gboolean signet_store_record_verdict (SignetStore *self,
                                      const char *message_id,
                                      const char *signature_digest,
                                      const char *verdict,
                                      gint64 when,
                                      GError **error);
char *signet_store_lookup_verdict (SignetStore *self,
                                   const char *message_id,
                                   const char *signature_digest,
                                   gint64 *first_verified,
                                   GError **error);

/**
 * SignetStoreCrlRecord:
 * @crl: the CRL
 * @fetched_from: (nullable): the URL it was fetched from, %NULL when it
 *   came with a message or was imported
 * @added: when it was stored (Unix time)
 *
 * A stored CRL, as signet_store_list_crls() lists it.
 *
 * Since: 0.1
 */
typedef struct
{
  SignetCrl *crl;
  char *fetched_from;
  gint64 added;
} SignetStoreCrlRecord;

#define SIGNET_TYPE_STORE_CRL_RECORD (signet_store_crl_record_get_type ())
GType signet_store_crl_record_get_type (void) G_GNUC_CONST;
SignetStoreCrlRecord *signet_store_crl_record_copy (const SignetStoreCrlRecord *record);
void signet_store_crl_record_free (SignetStoreCrlRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetStoreCrlRecord, signet_store_crl_record_free)

GPtrArray *signet_store_list_crls (SignetStore *self, GError **error);

/* OCSP answers */

/**
 * SIGNET_STORE_OCSP_MAX_AGE:
 *
 * How long an OCSP answer without nextUpdate is kept after its thisUpdate,
 * in seconds (seven days).
 *
 * Since: 0.1
 */
/* The same as SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE (signet-ocsp.h). */
#define SIGNET_STORE_OCSP_MAX_AGE (7 * 24 * 60 * 60)

gboolean signet_store_record_ocsp (SignetStore *self,
                                   const char *issuer_sha256,
                                   GBytes *serial,
                                   GBytes *response,
                                   gint64 this_update,
                                   gint64 next_update,
                                   const char *fetched_from,
                                   gint64 when,
                                   GError **error);
GBytes *signet_store_lookup_ocsp (SignetStore *self,
                                  const char *issuer_sha256,
                                  GBytes *serial,
                                  gint64 now,
                                  char **fetched_from,
                                  GError **error);

/* Trust decisions */
gboolean signet_store_add_trust (SignetStore *self,
                                 const SignetStoreTrustRecord *record,
                                 SignetCertificate *certificate,
                                 gint64 *id,
                                 GError **error);
GPtrArray *signet_store_list_trust (SignetStore *self,
                                    const char *sha256,
                                    GError **error);
gboolean signet_store_remove_trust (SignetStore *self,
                                    gint64 id,
                                    gboolean *removed,
                                    GError **error);

G_END_DECLS
