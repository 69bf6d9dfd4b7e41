/* fuzz-cms.c: a CMS ContentInfo through signet_cms_new(), its
 * certificates, CRLs and SignerInfos, and signet_cms_verify_signer().
 *
 * Each SignerInfo is verified with the certificates of the set that it
 * names (at most a few, to keep runs short) and with the first one, over
 * the encapsulated content or, when detached, over fixed bytes. The DER
 * walk of the SignedData must read what libtasn1 reads.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "signet-cms.h"
#include "signet-limits.h"

#define FUZZ_MAX_VERIFY 4

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
touch_signer (SignetSignerInfo *si)
{
  gnutls_digest_algorithm_t alg = GNUTLS_DIG_UNKNOWN;
  const char *const *caps;

  (void) signet_signer_info_get_index (si);
  (void) signet_signer_info_get_issuer (si);
  (void) signet_signer_info_get_serial (si);
  (void) signet_signer_info_get_subject_key_id (si);
  (void) signet_signer_info_get_digest_algorithm (si);
  (void) signet_signer_info_get_signature_algorithm (si);
  (void) signet_signer_info_get_declared_digest_algorithm (si);
  (void) signet_signer_info_get_digest_algorithm_name (si);    /* nullable */
  (void) signet_signer_info_get_signature_algorithm_name (si); /* nullable */
  (void) signet_signer_info_has_signed_attributes (si);
  (void) signet_signer_info_get_signing_time (si);
  (void) signet_signer_info_get_message_digest (si);
  (void) signet_signer_info_get_n_message_digests (si);
  (void) signet_signer_info_get_content_type (si);
  caps = signet_signer_info_get_smime_capabilities (si);
  for (guint i = 0; caps != NULL && caps[i] != NULL; i++)
    (void) *caps[i];
  (void) signet_signer_info_get_ess_cert_hash (si, &alg);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char detached[] = "Content-Type: text/plain\r\n\r\nhello\r\n";
  g_autoptr (GBytes) input = fuzz_bytes (data, size);
  g_autoptr (GBytes) fixed = g_bytes_new_static (detached, sizeof detached - 1);
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *certs, *crls, *signers;
  GBytes *content;

  (void) signet_cms_type_to_string (signet_cms_sniff_type (input));
  /* The DER walk of the SignedData never accepts what libtasn1's decoding
   * refuses, and reads every SignerInfo as it does. */
  if (!_signet_cms_signed_data_views_agree (input, NULL))
    abort ();
  cms = signet_cms_new (input, &error);
  if (cms == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }

  (void) signet_cms_get_econtent_type (cms);
  content = signet_cms_get_content (cms);
  if ((content == NULL) != signet_cms_is_detached (cms))
    abort ();
  certs = signet_cms_get_certificates (cms);
  crls = signet_cms_get_crls (cms);
  signers = signet_cms_get_signers (cms);
  if (certs->len > SIGNET_MAX_CMS_CERTIFICATES || crls->len > SIGNET_MAX_CMS_CRLS ||
      signers->len > SIGNET_MAX_CMS_SIGNERS)
    abort ();
  (void) signet_cms_get_n_skipped_certificates (cms);
  (void) signet_cms_get_certificates_truncated (cms);
  (void) signet_cms_get_crls_truncated (cms);
  (void) signet_cms_get_signers_truncated (cms);

  for (guint i = 0; i < crls->len; i++)
    {
      g_autoptr (SignetCrl) crl = signet_crl_new_from_der (g_ptr_array_index (crls, i), NULL);

      if (crl != NULL)
        (void) signet_crl_get_entry_count (crl);
    }

  for (guint i = 0; i < signers->len; i++)
    {
      SignetSignerInfo *si = g_ptr_array_index (signers, i);
      guint tried = 0;

      touch_signer (si);
      for (guint j = 0; j < certs->len && tried < FUZZ_MAX_VERIFY; j++)
        {
          SignetCertificate *cert = g_ptr_array_index (certs, j);
          SignetCmsVerifyResult r;

          if (j != 0 && !signet_signer_info_matches (si, cert))
            continue;
          tried++;
          (void) signet_signer_info_ess_matches (si, cert);
          r = signet_cms_verify_signer (cms, i, cert, content != NULL ? NULL : fixed);
          if (signet_cms_verify_result_to_string (r) == NULL)
            abort ();
        }
    }
  return 0;
}
