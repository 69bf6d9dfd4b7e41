/* signet-recipient.h: choosing the certificate to encrypt for (RFC 2632
 * sections 4 and 4.4.2).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "signet-certificate.h"
#include "signet-directory.h"
#include "signet-store.h"
#include "signet-trust.h"

G_BEGIN_DECLS

/* Limits of this module (in addition to signet-limits.h). */
#define SIGNET_MAX_RECIPIENT_CANDIDATES 64 /* certificates judged for one address */
#define SIGNET_MAX_RECIPIENT_ISSUERS 64 /* issuer certificates taken from the store per address */

/**
 * SignetRecipientSource:
 * @SIGNET_RECIPIENT_SOURCE_STORE: the certificate store
 * @SIGNET_RECIPIENT_SOURCE_DIRECTORY: a configured directory (LDAP, DANE)
 * @SIGNET_RECIPIENT_SOURCE_CALLER: given by the caller
 *
 * Where a candidate certificate came from. None of them makes a
 * certificate trusted.
 */
typedef enum
{
  SIGNET_RECIPIENT_SOURCE_STORE,
  SIGNET_RECIPIENT_SOURCE_DIRECTORY,
  SIGNET_RECIPIENT_SOURCE_CALLER,
} SignetRecipientSource;

const char *signet_recipient_source_to_string (SignetRecipientSource source);

/**
 * SignetRecipientOptions:
 * @time: the time of the check (Unix seconds)
 * @anchors: (element-type SignetCertificate) (nullable): trust anchors
 * @intermediates: (element-type SignetCertificate) (nullable): extra
 *   issuer certificates
 * @crls: (element-type SignetCrl) (nullable): CRLs
 * @check_revocation: whether every certificate of a path (the anchor aside)
 *   needs a known, good revocation status, as for signatures
 * @last_signer: (nullable): the certificate the correspondent last signed
 *   with; signet_recipient_find_async() reads it from the store when %NULL
 * @capabilities: (nullable) (array zero-terminated=1): the correspondent's
 *   SMIMECapabilities OIDs, in their order of preference
 * @use_directories: whether signet_recipient_find_async() also asks the
 *   configured directories
 * @offline: whether to forbid every network access for revocation: as
 *   for signatures, an online selection (the default) fetches the CRLs,
 *   OCSP answers and issuer certificates the path points to (through the
 *   signet-fetch helper, cached in the store); an offline one only uses
 *   what it was given and what the store holds, and a certificate whose
 *   revocation only the network could tell gets `revocation-unknown`
 *   with reason "offline"
 * @trust: (nullable): the user's trust model: its e-mail anchors join
 *   @anchors, a distrusted certificate anywhere in a path makes a
 *   candidate unusable, and pins are noted, as for signatures
 *
 * Settings of one recipient selection (the caller owns everything).
 */
typedef struct
{
  gint64 time;
  GPtrArray *anchors;
  GPtrArray *intermediates;
  GPtrArray *crls;
  gboolean check_revocation;
  SignetCertificate *last_signer;
  const char *const *capabilities;
  gboolean use_directories;
  gboolean offline;
  SignetTrust *trust;
} SignetRecipientOptions;

void signet_recipient_options_init (SignetRecipientOptions *options, gint64 time);

/* One judged certificate; owned by its SignetRecipientResult. */
typedef struct _SignetRecipientCandidate SignetRecipientCandidate;

SignetCertificate *
signet_recipient_candidate_get_certificate (const SignetRecipientCandidate *candidate);
SignetRecipientSource
signet_recipient_candidate_get_source (const SignetRecipientCandidate *candidate);
const char *signet_recipient_candidate_get_origin (const SignetRecipientCandidate *candidate);
gboolean signet_recipient_candidate_get_usable (const SignetRecipientCandidate *candidate);
GPtrArray *signet_recipient_candidate_get_warnings (const SignetRecipientCandidate *candidate);
GPtrArray *signet_recipient_candidate_get_chain (const SignetRecipientCandidate *candidate);
gboolean signet_recipient_candidate_get_last_signer (const SignetRecipientCandidate *candidate);
gboolean
signet_recipient_candidate_get_capability_match (const SignetRecipientCandidate *candidate);

/* The encryption-usage rules of RFC 2632 4.4.2 and RFC 5280 4.2.1.3 for a
 * certificate to encrypt for, as warnings (element-type SignetWarning;
 * empty when the key may be used). */
GPtrArray *signet_recipient_check_encryption_usage (SignetCertificate *certificate);

#define SIGNET_TYPE_RECIPIENT_RESULT (signet_recipient_result_get_type ())
G_DECLARE_FINAL_TYPE (
    SignetRecipientResult, signet_recipient_result, SIGNET, RECIPIENT_RESULT, GObject)

SignetRecipientResult *signet_recipient_result_new (const char *address,
                                                    const SignetRecipientOptions *options);
gboolean signet_recipient_result_add (SignetRecipientResult *self,
                                      SignetCertificate *certificate,
                                      SignetRecipientSource source,
                                      const char *origin);
const char *signet_recipient_result_get_address (SignetRecipientResult *self);
guint signet_recipient_result_get_n_candidates (SignetRecipientResult *self);
const SignetRecipientCandidate *signet_recipient_result_get_candidate (SignetRecipientResult *self,
                                                                       guint index);
const SignetRecipientCandidate *signet_recipient_result_get_best (SignetRecipientResult *self);
const SignetRecipientCandidate *signet_recipient_result_get_chosen (SignetRecipientResult *self);
gboolean
signet_recipient_result_choose (SignetRecipientResult *self, const char *sha256, GError **error);
gboolean signet_recipient_result_choose_override (SignetRecipientResult *self,
                                                  const char *sha256,
                                                  GError **error);
gboolean signet_recipient_result_get_override (SignetRecipientResult *self);
const char *signet_recipient_result_get_content_encryption (SignetRecipientResult *self);
GPtrArray *signet_recipient_result_get_directory_errors (SignetRecipientResult *self);
JsonNode *signet_recipient_result_to_json (SignetRecipientResult *self);

void signet_recipient_find_async (SignetStore *store,
                                  SignetDirectory *directory,
                                  const char *address,
                                  const SignetRecipientOptions *options,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
SignetRecipientResult *signet_recipient_find_finish (GAsyncResult *result, GError **error);
SignetRecipientResult *signet_recipient_find (SignetStore *store,
                                              SignetDirectory *directory,
                                              const char *address,
                                              const SignetRecipientOptions *options,
                                              GCancellable *cancellable,
                                              GError **error);

G_END_DECLS
