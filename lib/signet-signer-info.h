/* signet-signer-info.h: one SignerInfo of a SignedData.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <gnutls/gnutls.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* Limits of this module (in addition to signet-limits.h). */
#define SIGNET_MAX_CMS_ATTRIBUTES      128  /* signed attributes examined per SignerInfo */
#define SIGNET_MAX_SMIME_CAPABILITIES  64   /* SMIMECapabilities entries kept */
#define SIGNET_MAX_RSA_PSS_SALT        2048 /* RSASSA-PSS saltLength in bytes (RSA-16384) */

#define SIGNET_TYPE_SIGNER_INFO (signet_signer_info_get_type ())
G_DECLARE_FINAL_TYPE (SignetSignerInfo, signet_signer_info, SIGNET, SIGNER_INFO, GObject)

guint signet_signer_info_get_index (SignetSignerInfo *self);

/* SignerIdentifier: issuerAndSerialNumber (raw issuer Name DER + raw
 * serial INTEGER contents) or subjectKeyIdentifier. */
GBytes *signet_signer_info_get_issuer (SignetSignerInfo *self);        /* nullable */
GBytes *signet_signer_info_get_serial (SignetSignerInfo *self);        /* nullable */
GBytes *signet_signer_info_get_subject_key_id (SignetSignerInfo *self); /* nullable */
/* Whether @cert is the certificate this SignerInfo names (leading zero
 * octets of serials do not matter). */
gboolean signet_signer_info_matches (SignetSignerInfo *self, SignetCertificate *cert);

/* Algorithms: GnuTLS identifiers and display names ("SHA256", "RSA-SHA256",
 * "RSA-PSS-SHA256", "ECDSA-SHA256", "EdDSA-Ed25519", "DSA-SHA1"). */
gnutls_digest_algorithm_t signet_signer_info_get_digest_algorithm (SignetSignerInfo *self);
gnutls_sign_algorithm_t signet_signer_info_get_signature_algorithm (SignetSignerInfo *self);
/* The digestAlgorithm field as written (GNUTLS_DIG_UNKNOWN if unreadable). */
gnutls_digest_algorithm_t signet_signer_info_get_declared_digest_algorithm (SignetSignerInfo *self);
const char *signet_signer_info_get_digest_algorithm_name (SignetSignerInfo *self);
const char *signet_signer_info_get_signature_algorithm_name (SignetSignerInfo *self);

gboolean signet_signer_info_has_signed_attributes (SignetSignerInfo *self);
/* signingTime as Unix time, -1 when absent. */
gint64 signet_signer_info_get_signing_time (SignetSignerInfo *self);
/* messageDigest value (nullable) and how many messageDigest attributes there are. */
GBytes *signet_signer_info_get_message_digest (SignetSignerInfo *self);
guint signet_signer_info_get_n_message_digests (SignetSignerInfo *self);
const char *signet_signer_info_get_content_type (SignetSignerInfo *self); /* nullable OID */
/* SMIMECapabilities: the capability OIDs in the signer's order (nullable). */
const char *const *signet_signer_info_get_smime_capabilities (SignetSignerInfo *self);
/* ESS signingCertificate / signingCertificateV2 (RFC 2634, 5035): the hash
 * algorithm and hash of the first ESSCertID, nullable. */
GBytes *signet_signer_info_get_ess_cert_hash (SignetSignerInfo *self,
                                              gnutls_digest_algorithm_t *algorithm);
/* Whether @cert matches the ESS certificate identifier (TRUE when there
 * is none). */
gboolean signet_signer_info_ess_matches (SignetSignerInfo *self, SignetCertificate *cert);

G_END_DECLS
