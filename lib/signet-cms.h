/* signet-cms.h: a CMS ContentInfo (RFC 5652) as S/MIME uses it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <gnutls/abstract.h>
#include <gnutls/pkcs7.h>

#include "signet-certificate.h"
#include "signet-signer-info.h"

G_BEGIN_DECLS

typedef enum
{
  SIGNET_CMS_SIGNED_DATA,
  SIGNET_CMS_ENVELOPED_DATA,
  SIGNET_CMS_AUTH_ENVELOPED_DATA,
  SIGNET_CMS_COMPRESSED_DATA,
  SIGNET_CMS_OTHER,
} SignetCmsType;

typedef enum
{
  SIGNET_CMS_VERIFY_OK,
  SIGNET_CMS_VERIFY_BAD_SIGNATURE,    /* digest matches, signature value does not */
  SIGNET_CMS_VERIFY_DIGEST_MISMATCH,  /* messageDigest differs from the content's digest */
  SIGNET_CMS_VERIFY_NO_CONTENT,       /* detached signature and no content given */
  SIGNET_CMS_VERIFY_UNSUPPORTED,      /* algorithm GnuTLS cannot verify */
  SIGNET_CMS_VERIFY_MALFORMED,        /* attributes missing or malformed (RFC 5652 5.3) */
} SignetCmsVerifyResult;

/* Sniffs the outer ContentInfo contentType without parsing the rest
 * (cheap; works on BER too). */
SignetCmsType signet_cms_sniff_type (GBytes *der);
/* "signed-data", "enveloped-data", "auth-enveloped-data",
 * "compressed-data", "other" (stable, for logs and tests). */
const char *signet_cms_type_to_string (SignetCmsType type);

#define SIGNET_TYPE_CMS (signet_cms_get_type ())
G_DECLARE_FINAL_TYPE (SignetCms, signet_cms, SIGNET, CMS, GObject)

/* Parses a SignedData ContentInfo (DER or BER; also PEM "PKCS7"/"CMS").
 * Errors: PARSE (not CMS, or not SignedData: use signet_cms_sniff_type
 * first to tell encrypted data apart), LIMIT (over SIGNET_MAX_CMS_SIZE). */
SignetCms *signet_cms_new (GBytes *data, GError **error);

const char *signet_cms_get_econtent_type (SignetCms *self);  /* e.g. SIGNET_OID_DATA */
/* The encapsulated content (opaque signed-data), NULL when detached. */
GBytes *signet_cms_get_content (SignetCms *self);
gboolean signet_cms_is_detached (SignetCms *self);

/* Certificates of the CertificateSet that parse (at most
 * SIGNET_MAX_CMS_CERTIFICATES; element-type SignetCertificate); entries
 * that are not X.509 certificates (attribute certificates, garbage) are
 * skipped and counted. */
GPtrArray *signet_cms_get_certificates (SignetCms *self);
guint signet_cms_get_n_skipped_certificates (SignetCms *self);
/* CRLs of the RevocationInfoChoices, DER (element-type GBytes). */
GPtrArray *signet_cms_get_crls (SignetCms *self);
/* Whether the SignedData had more CertificateSet entries, CRLs or
 * SignerInfos than the limits, so that only the first ones were taken. */
gboolean signet_cms_get_certificates_truncated (SignetCms *self);
gboolean signet_cms_get_crls_truncated (SignetCms *self);
gboolean signet_cms_get_signers_truncated (SignetCms *self);

/* SignerInfos (at most SIGNET_MAX_CMS_SIGNERS; element-type SignetSignerInfo).
 * Empty for certs-only. */
GPtrArray *signet_cms_get_signers (SignetCms *self);

/* Verifies SignerInfo @index with @signer's public key over @content
 * (the detached content; NULL to use the encapsulated content). Checks the
 * messageDigest attribute (exactly one, equal to the content digest), the
 * contentType attribute (equal to the eContentType), and the signature over
 * the signed attributes (or over the content when there are none). Judges
 * nothing else: validity dates, key usage, algorithms are for the caller. */
SignetCmsVerifyResult signet_cms_verify_signer (SignetCms *self,
                                                guint index,
                                                SignetCertificate *signer,
                                                GBytes *content);

/* Like signet_cms_verify_signer(), with @key instead of a certificate's
 * key: for a DSA key whose parameters are inherited from its issuer
 * (RFC 5280 6.1.4 (f)), completed by signet_path_inherited_dsa_key().
 * The same checks in the same order; the signature is verified with
 * gnutls_pubkey_verify_data2() (SHA-1 allowed). @key is not modified. */
SignetCmsVerifyResult signet_cms_verify_signer_with_key (SignetCms *self,
                                                         guint index,
                                                         gnutls_pubkey_t key,
                                                         GBytes *content);

const char *signet_cms_verify_result_to_string (SignetCmsVerifyResult result);

/* Certificates parsed from CMS objects are kept (by DER) in the
 * process-wide cache of signet-certificate-private.h. */
void signet_cms_clear_certificate_cache (void);

gboolean _signet_cms_signed_data_views_agree (GBytes *data, gboolean *walked);

/* Internal: the MIME scanner imports each SignedData to classify it and
 * hands the parsed object on (per thread, a few recent ones, only small
 * objects such as detached signatures), so that signet_cms_new() on the
 * same bytes does not parse them again. Takes ownership of @p7. */
#define SIGNET_CMS_HANDOFF_MAX_SIZE (64 * 1024)
void _signet_cms_hand_off (GBytes *der, gnutls_pkcs7_t p7);

G_END_DECLS
