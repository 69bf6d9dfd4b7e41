/* signet-certificate.h: an X.509 certificate and the facts Signet reads from it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_CERTIFICATE (signet_certificate_get_type ())
G_DECLARE_FINAL_TYPE (SignetCertificate, signet_certificate, SIGNET, CERTIFICATE, GObject)

/**
 * SignetKeyUsage:
 * @SIGNET_KEY_USAGE_DIGITAL_SIGNATURE: digitalSignature
 * @SIGNET_KEY_USAGE_NON_REPUDIATION: nonRepudiation (contentCommitment)
 * @SIGNET_KEY_USAGE_KEY_ENCIPHERMENT: keyEncipherment
 * @SIGNET_KEY_USAGE_DATA_ENCIPHERMENT: dataEncipherment
 * @SIGNET_KEY_USAGE_KEY_AGREEMENT: keyAgreement
 * @SIGNET_KEY_USAGE_KEY_CERT_SIGN: keyCertSign
 * @SIGNET_KEY_USAGE_CRL_SIGN: cRLSign
 * @SIGNET_KEY_USAGE_ENCIPHER_ONLY: encipherOnly
 * @SIGNET_KEY_USAGE_DECIPHER_ONLY: decipherOnly
 *
 * keyUsage bits (RFC 5280 4.2.1.3), the same values as GnuTLS's
 * `GNUTLS_KEY_*` flags. A flags type (`SIGNET_TYPE_KEY_USAGE` is
 * registered with g_flags_register_static()): the bits of
 * signet_certificate_get_key_usage() combine.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/
{
  SIGNET_KEY_USAGE_DIGITAL_SIGNATURE = GNUTLS_KEY_DIGITAL_SIGNATURE,
  SIGNET_KEY_USAGE_NON_REPUDIATION = GNUTLS_KEY_NON_REPUDIATION,
  SIGNET_KEY_USAGE_KEY_ENCIPHERMENT = GNUTLS_KEY_KEY_ENCIPHERMENT,
  SIGNET_KEY_USAGE_DATA_ENCIPHERMENT = GNUTLS_KEY_DATA_ENCIPHERMENT,
  SIGNET_KEY_USAGE_KEY_AGREEMENT = GNUTLS_KEY_KEY_AGREEMENT,
  SIGNET_KEY_USAGE_KEY_CERT_SIGN = GNUTLS_KEY_KEY_CERT_SIGN,
  SIGNET_KEY_USAGE_CRL_SIGN = GNUTLS_KEY_CRL_SIGN,
  SIGNET_KEY_USAGE_ENCIPHER_ONLY = GNUTLS_KEY_ENCIPHER_ONLY,
  SIGNET_KEY_USAGE_DECIPHER_ONLY = GNUTLS_KEY_DECIPHER_ONLY,
} SignetKeyUsage;

SignetCertificate *signet_certificate_new_from_der (GBytes *der, GError **error);
SignetCertificate *signet_certificate_new_from_bytes (GBytes *data, GError **error);
GPtrArray *signet_certificate_list_from_bytes (GBytes *data, GError **error);
GPtrArray *signet_certificate_list_from_file (const char *path, GError **error);

GBytes *signet_certificate_get_der (SignetCertificate *self);
gnutls_x509_crt_t signet_certificate_get_gnutls (SignetCertificate *self);
const char *signet_certificate_get_sha256 (SignetCertificate *self);
char *signet_certificate_format_fingerprint (SignetCertificate *self);
const char *signet_certificate_get_subject (SignetCertificate *self);
const char *signet_certificate_get_issuer (SignetCertificate *self);
const char *signet_certificate_get_common_name (SignetCertificate *self);
const char *signet_certificate_get_display_name (SignetCertificate *self);
GBytes *signet_certificate_get_raw_subject (SignetCertificate *self);
GBytes *signet_certificate_get_raw_issuer (SignetCertificate *self);
GBytes *signet_certificate_get_serial (SignetCertificate *self);
const char *signet_certificate_get_serial_hex (SignetCertificate *self);
gint64 signet_certificate_get_not_before (SignetCertificate *self);
gint64 signet_certificate_get_not_after (SignetCertificate *self);
GBytes *signet_certificate_get_subject_key_id (SignetCertificate *self);
GBytes *signet_certificate_get_authority_key_id (SignetCertificate *self);
const char *const *signet_certificate_get_emails (SignetCertificate *self);
const char *const *signet_certificate_get_san_emails (SignetCertificate *self);
const char *const *signet_certificate_get_dn_emails (SignetCertificate *self);
int signet_certificate_get_version (SignetCertificate *self);
gboolean signet_certificate_is_self_issued (SignetCertificate *self);
gboolean signet_certificate_is_self_signed (SignetCertificate *self);
gboolean signet_certificate_get_basic_constraints (SignetCertificate *self,
                                                  gboolean *is_ca,
                                                  int *path_len);
gboolean signet_certificate_get_key_usage (SignetCertificate *self, guint *usage);
gboolean signet_certificate_has_extended_key_usage (SignetCertificate *self);
gboolean signet_certificate_allows_purpose (SignetCertificate *self, const char *purpose_oid);
const char *const *signet_certificate_get_critical_extensions (SignetCertificate *self);
gnutls_sign_algorithm_t signet_certificate_get_signature_algorithm (SignetCertificate *self);
gnutls_pk_algorithm_t signet_certificate_get_key_algorithm (SignetCertificate *self, guint *bits);
gboolean signet_certificate_is_issuer_name_of (SignetCertificate *issuer, SignetCertificate *subject);
gboolean signet_certificate_verify_signed_by (SignetCertificate *self, SignetCertificate *issuer);
gboolean signet_certificate_is_valid_at (SignetCertificate *self, gint64 when);

gboolean signet_certificate_equal (gconstpointer a, gconstpointer b);
guint signet_certificate_hash (gconstpointer a);

G_END_DECLS

G_BEGIN_DECLS
/* For signature checks with keys Signet completes itself (DSA parameter
 * inheritance): the to-be-signed bytes and the signature value. */
GBytes *signet_certificate_get_tbs (SignetCertificate *self);
GBytes *signet_certificate_get_signature_value (SignetCertificate *self);
G_END_DECLS
