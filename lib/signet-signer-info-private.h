/* signet-signer-info-private.h: what signet-cms.c needs of a SignerInfo.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gnutls/pkcs7.h>
#include <libtasn1.h>

#include "signet-signed-data-view.h"
#include "signet-signer-info.h"

G_BEGIN_DECLS

/* Whether a SignerInfo can be verified at all. */
typedef enum
{
  SIGNET_SIGNER_INFO_USABLE,
  SIGNET_SIGNER_INFO_UNSUPPORTED, /* algorithm GnuTLS does not know */
  SIGNET_SIGNER_INFO_MALFORMED,   /* inconsistent algorithms or malformed attributes */
} SignetSignerInfoState;

/* @view: the SignerInfo as the DER walk of the SignedData (@der, a slice
 * of the CMS bytes, which the SignerInfo keeps slices of) located it; or
 * else @signed_data, the SignedData decoded with signet-cms.asn from @der;
 * both NULL when neither worked (then the checks that need them are
 * skipped). Never fails: a SignerInfo GnuTLS cannot read is returned in a
 * non-USABLE state. */
SignetSignerInfo *_signet_signer_info_new (gnutls_pkcs7_t p7,
                                           guint index,
                                           const SignetSignerView *view,
                                           asn1_node signed_data,
                                           GBytes *der);

/* For tests and the fuzzer: whether SignerInfo @index reads the same from
 * the DER walk's @view as from the libtasn1 tree @tree, both of @der. */
gboolean _signet_signer_sources_agree (const SignetSignerView *view,
                                       asn1_node tree,
                                       GBytes *der,
                                       guint index);
SignetSignerInfoState _signet_signer_info_get_state (SignetSignerInfo *self);
guint _signet_signer_info_get_n_content_types (SignetSignerInfo *self);

/* RSASSA-PSS (RFC 4055, 4056): GnuTLS 3.7 ignores the parameters in
 * gnutls_pkcs7_verify_direct(), so signet-cms.c verifies these itself.
 * Returns whether the signatureAlgorithm is id-RSASSA-PSS; for a USABLE
 * SignerInfo @hash and @salt_length are its parameters (MGF1 with the same
 * hash, trailerField 1). */
gboolean _signet_signer_info_get_rsa_pss (SignetSignerInfo *self,
                                          gnutls_digest_algorithm_t *hash,
                                          guint *salt_length);
/* The signature value (nullable): a slice of the CMS bytes, or a copy
 * when the SignedData could only be read by GnuTLS. */
GBytes *_signet_signer_info_get_signature (SignetSignerInfo *self);
/* The signedAttrs exactly as encoded in the message, [0] IMPLICIT tag
 * included: a slice of the CMS bytes, for every SignerInfo that has them
 * (NULL without them, or when they could not be located). */
GBytes *_signet_signer_info_get_signed_attributes (SignetSignerInfo *self);
/* What the signature covers (RFC 5652 5.4): with signed attributes their
 * DER with the [0] IMPLICIT tag replaced by SET (a fresh copy; NULL when
 * they could not be located), otherwise @content (a new reference;
 * nullable). */
GBytes *_signet_signer_info_dup_signed_input (SignetSignerInfo *self, GBytes *content);

G_END_DECLS
