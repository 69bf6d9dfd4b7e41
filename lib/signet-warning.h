/* signet-warning.h: one finding about a signature or a certificate.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Stable warning codes: new ones may be added, none is ever renamed. */
#define SIGNET_WARNING_BAD_SIGNATURE              "bad-signature"
#define SIGNET_WARNING_ADDRESS_MISMATCH           "address-mismatch"
#define SIGNET_WARNING_NO_ADDRESS                 "no-address"
#define SIGNET_WARNING_UNTRUSTED_ROOT             "untrusted-root"
#define SIGNET_WARNING_ISSUER_UNKNOWN             "issuer-unknown"
#define SIGNET_WARNING_INVALID_CHAIN              "invalid-chain"
#define SIGNET_WARNING_UNKNOWN_CRITICAL_EXTENSION "unknown-critical-extension"
#define SIGNET_WARNING_EXPIRED                    "expired"
#define SIGNET_WARNING_NOT_YET_VALID              "not-yet-valid"
#define SIGNET_WARNING_REVOKED                    "revoked"
#define SIGNET_WARNING_REVOCATION_UNKNOWN         "revocation-unknown"
#define SIGNET_WARNING_CRL_EXPIRED                "crl-expired"
#define SIGNET_WARNING_CRL_INVALID                "crl-invalid"
#define SIGNET_WARNING_KEY_USAGE                  "key-usage"
#define SIGNET_WARNING_WEAK_ALGORITHM             "weak-algorithm"
#define SIGNET_WARNING_SELF_SIGNED                "self-signed"
#define SIGNET_WARNING_MALFORMED                  "malformed"
#define SIGNET_WARNING_ENCRYPTED                  "encrypted"
#define SIGNET_WARNING_SIGNER_NOT_FOUND           "signer-not-found"
#define SIGNET_WARNING_CERTIFICATE_CHANGED        "certificate-changed"
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
