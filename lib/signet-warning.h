/* signet-warning.h: one finding about a signature or a certificate.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Stable warning codes: new ones may be added, none is ever renamed. */
/**
 * SIGNET_WARNING_BAD_SIGNATURE:
 *
 * The signature does not verify: the content was changed or the signature is
 * corrupt (error).
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_BAD_SIGNATURE              "bad-signature"
/**
 * SIGNET_WARNING_ADDRESS_MISMATCH:
 *
 * The signer's certificate does not name the sender's address (warning).
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_ADDRESS_MISMATCH           "address-mismatch"
/**
 * SIGNET_WARNING_NO_ADDRESS:
 *
 * The signer's certificate names no e-mail address at all.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_NO_ADDRESS                 "no-address"
/**
 * SIGNET_WARNING_UNTRUSTED_ROOT:
 *
 * The chain ends at a root that is not a trust anchor.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_UNTRUSTED_ROOT             "untrusted-root"
/**
 * SIGNET_WARNING_ISSUER_UNKNOWN:
 *
 * The issuer of a certificate of the chain was not found.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_ISSUER_UNKNOWN             "issuer-unknown"
/**
 * SIGNET_WARNING_INVALID_CHAIN:
 *
 * A certificate of the chain fails path validation (RFC 5280) for a reason
 * without a code of its own.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_INVALID_CHAIN              "invalid-chain"
/**
 * SIGNET_WARNING_UNKNOWN_CRITICAL_EXTENSION:
 *
 * A certificate carries a critical extension Signet does not understand.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_UNKNOWN_CRITICAL_EXTENSION "unknown-critical-extension"
/**
 * SIGNET_WARNING_EXPIRED:
 *
 * A certificate of the chain had expired at the validation time.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_EXPIRED                    "expired"
/**
 * SIGNET_WARNING_NOT_YET_VALID:
 *
 * A certificate of the chain was not yet valid at the validation time.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_NOT_YET_VALID              "not-yet-valid"
/**
 * SIGNET_WARNING_REVOKED:
 *
 * A certificate of the chain is revoked (error).
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_REVOKED                    "revoked"
/**
 * SIGNET_WARNING_REVOCATION_UNKNOWN:
 *
 * Whether a certificate of the chain is revoked could not be found out.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_REVOCATION_UNKNOWN         "revocation-unknown"
/**
 * SIGNET_WARNING_CRL_EXPIRED:
 *
 * The only CRL at hand is past its nextUpdate.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_CRL_EXPIRED                "crl-expired"
/**
 * SIGNET_WARNING_CRL_INVALID:
 *
 * A CRL could not be used: bad signature, wrong issuer or scope, or
 * malformed.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_CRL_INVALID                "crl-invalid"
/**
 * SIGNET_WARNING_KEY_USAGE:
 *
 * A certificate's keyUsage or extendedKeyUsage does not allow its use.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_KEY_USAGE                  "key-usage"
/**
 * SIGNET_WARNING_WEAK_ALGORITHM:
 *
 * A signature of the message or the chain uses a weak algorithm or key.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_WEAK_ALGORITHM             "weak-algorithm"
/**
 * SIGNET_WARNING_SELF_SIGNED:
 *
 * The signer's certificate is self-signed and not a trust anchor.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_SELF_SIGNED                "self-signed"
/**
 * SIGNET_WARNING_MALFORMED:
 *
 * The S/MIME structure cannot be parsed.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_MALFORMED                  "malformed"
/**
 * SIGNET_WARNING_ENCRYPTED:
 *
 * The message holds an encrypted part, which Signet does not look into
 * (information).
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_ENCRYPTED                  "encrypted"
/**
 * SIGNET_WARNING_SIGNER_NOT_FOUND:
 *
 * The signer's certificate is neither in the message nor known.
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_SIGNER_NOT_FOUND           "signer-not-found"
/**
 * SIGNET_WARNING_CERTIFICATE_CHANGED:
 *
 * The sender signed with another certificate before (certificate
 * continuity).
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_CERTIFICATE_CHANGED        "certificate-changed"
/**
 * SIGNET_WARNING_REVOCATION_PENDING:
 *
 * Revocation is being fetched; signet_verifier_complete_async() gives the
 * final answer (information).
 *
 * Since: 0.1
 */
#define SIGNET_WARNING_REVOCATION_PENDING         "revocation-pending"
#define SIGNET_WARNING_DISTRUSTED                 "distrusted"
#define SIGNET_WARNING_PINNED                     "pinned"

/**
 * SignetSeverity:
 * @SIGNET_SEVERITY_INFO: worth knowing; does not change the verdict
 * @SIGNET_SEVERITY_WARNING: the signature verifies, but something is wrong
 * @SIGNET_SEVERITY_ERROR: the signature must not be relied on
 *
 * How much a warning matters. A signature's verdict is the highest severity
 * among its warnings.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_SEVERITY_INFO,
  SIGNET_SEVERITY_WARNING,
  SIGNET_SEVERITY_ERROR,
} SignetSeverity;

#define SIGNET_TYPE_WARNING (signet_warning_get_type ())
G_DECLARE_FINAL_TYPE (SignetWarning, signet_warning, SIGNET, WARNING, GObject)

SignetWarning *signet_warning_new (const char *code, SignetSeverity severity, GVariant *details);
const char *signet_warning_get_code (SignetWarning *self);
SignetSeverity signet_warning_get_severity (SignetWarning *self);
GVariant *signet_warning_get_details (SignetWarning *self);
const char *signet_warning_get_detail_string (SignetWarning *self, const char *key);
const char *signet_warning_get_message (SignetWarning *self);
const char *signet_severity_to_string (SignetSeverity severity);

/* Builds the a{sv} details of a warning: pairs of key and GVariant, then NULL.
 * signet_warning_new_take ("expired", SIGNET_SEVERITY_WARNING,
 *                          "certificate", g_variant_new_string (subject), NULL) */
SignetWarning *signet_warning_new_with (const char *code, SignetSeverity severity,
                                        const char *first_key, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
