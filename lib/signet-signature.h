/* signet-signature.h: the outcome of checking one signature.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "signet-certificate.h"
#include "signet-warning.h"

G_BEGIN_DECLS

/**
 * SignetVerdict:
 * @SIGNET_VERDICT_VALID: the signature verifies and nothing is wrong
 * @SIGNET_VERDICT_WARNING: the signature verifies but a warning remains
 * @SIGNET_VERDICT_INVALID: the signature does not verify, a certificate is
 *   revoked, or the chain is broken
 * @SIGNET_VERDICT_UNSIGNED: there is no S/MIME signature
 * @SIGNET_VERDICT_ERROR: the input could not be read
 *
 * What a person should make of a signature or a message.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_VERDICT_VALID,
  SIGNET_VERDICT_WARNING,
  SIGNET_VERDICT_INVALID,
  SIGNET_VERDICT_UNSIGNED,
  SIGNET_VERDICT_ERROR,
} SignetVerdict;

const char *signet_verdict_to_string (SignetVerdict verdict);

#define SIGNET_TYPE_SIGNATURE (signet_signature_get_type ())
G_DECLARE_FINAL_TYPE (SignetSignature, signet_signature, SIGNET, SIGNATURE, GObject)

SignetSignature *signet_signature_new (const char *part_path, guint signer_index);

const char *signet_signature_get_part (SignetSignature *self);
guint signet_signature_get_signer_index (SignetSignature *self);
SignetVerdict signet_signature_get_verdict (SignetSignature *self);
gboolean signet_signature_get_path_valid (SignetSignature *self);
SignetCertificate *signet_signature_get_signer (SignetSignature *self);
GPtrArray *signet_signature_get_chain (SignetSignature *self);
GPtrArray *signet_signature_get_warnings (SignetSignature *self);
gint64 signet_signature_get_signing_time (SignetSignature *self);
const char *signet_signature_get_digest_algorithm (SignetSignature *self);
const char *signet_signature_get_signature_algorithm (SignetSignature *self);
const char *const *signet_signature_get_message_addresses (SignetSignature *self);
const char *const *signet_signature_get_valid_policies (SignetSignature *self);
const char *signet_signature_get_revocation (SignetSignature *self);
gboolean signet_signature_has_warning (SignetSignature *self, const char *code);
const char *signet_signature_get_first_verified (SignetSignature *self, gint64 *when);
void signet_signature_set_first_verified (SignetSignature *self, const char *verdict, gint64 when);
void signet_signature_replace_warning (SignetSignature *self, SignetWarning *old, SignetWarning *replacement);
char *signet_signature_get_summary (SignetSignature *self);

/* Filled in by the verifier. */
void signet_signature_set_signer (SignetSignature *self, SignetCertificate *signer);
void signet_signature_set_chain (SignetSignature *self, GPtrArray *chain);
void signet_signature_set_path_valid (SignetSignature *self, gboolean path_valid);
void signet_signature_set_signing_time (SignetSignature *self, gint64 signing_time);
void signet_signature_set_algorithms (SignetSignature *self, const char *digest, const char *signature);
void signet_signature_set_message_addresses (SignetSignature *self, const char *const *addresses);
void signet_signature_set_valid_policies (SignetSignature *self, const char *const *policies);
void signet_signature_set_revocation (SignetSignature *self, const char *revocation);
void signet_signature_add_warning (SignetSignature *self, SignetWarning *warning);
void signet_signature_add_warnings (SignetSignature *self, GPtrArray *warnings);

G_END_DECLS
