/* test-cms.c: SignedData parsing and signature checks (signet-cms,
 * signet-signer-info). Fixtures: tests/data/cms/generate.sh.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "signet-cms.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-mime-scanner.h"
#include "signet-oids.h"
#include "signet-path.h"
#include "signet-signer-info-private.h"
#include "signet-smime-part.h"
#include "signet-test-util.h"

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cms", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static SignetCertificate *
load_cert (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pem", NULL);
  g_autoptr (GBytes) data = load (file);
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert = signet_certificate_new_from_bytes (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

static SignetCms *
load_cms (const char *name)
{
  g_autoptr (GBytes) data = load (name);
  g_autoptr (GError) error = NULL;
  SignetCms *cms = signet_cms_new (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cms);
  return cms;
}

static SignetCms *
cms_from_bytes (GBytes *data)
{
  g_autoptr (GError) error = NULL;
  SignetCms *cms = signet_cms_new (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cms);
  return cms;
}

static SignetSignerInfo *
signer_at (SignetCms *cms, guint i)
{
  GPtrArray *signers = signet_cms_get_signers (cms);

  g_assert_cmpuint (i, <, signers->len);
  return g_ptr_array_index (signers, i);
}

/* A copy of @data with byte @offset XOR-ed with @mask. */
static GBytes *
flip (GBytes *data, gsize offset, guint8 mask)
{
  gsize len;
  guint8 *copy = g_memdup2 (g_bytes_get_data (data, &len), g_bytes_get_size (data));

  g_assert_cmpuint (offset, <, len);
  copy[offset] ^= mask;
  return g_bytes_new_take (copy, len);
}

static gssize
find (GBytes *haystack, const guint8 *needle, gsize needle_len, guint nth)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (haystack, &len);

  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (data + i, needle, needle_len) == 0 && nth-- == 0)
      return (gssize) i;
  return -1;
}

static void
assert_parse_error (GBytes *data, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCms) cms = signet_cms_new (data, &error);

  g_assert_null (cms);
  g_assert_error (error, SIGNET_ERROR, code);
}

/* Fixtures: every algorithm, with signed attributes, detached. */
typedef struct
{
  const char *file;
  const char *signer;
  const char *wrong_signer;
  const char *sign_name;
  const char *digest_name;
} AlgorithmCase;

static const AlgorithmCase algorithm_cases[] = {
  { "rsa-sha1.p7s", "rsa", "rsa2", "RSA-SHA1", "SHA1" },
  { "rsa-sha256.p7s", "rsa", "rsa2", "RSA-SHA256", "SHA256" },
  { "rsa-sha384.p7s", "rsa", "rsa2", "RSA-SHA384", "SHA384" },
  { "rsa-sha512.p7s", "rsa", "rsa2", "RSA-SHA512", "SHA512" },
  { "rsa-pss.p7s", "rsa", "rsa2", "RSA-PSS-SHA256", "SHA256" },
  { "ec256.p7s", "ec256", "ec384", "ECDSA-SHA256", "SHA256" },
  { "ec384.p7s", "ec384", "ec256", "ECDSA-SHA384", "SHA384" },
  { "ed25519.p7s", "ed25519", "ec256", "EdDSA-Ed25519", "SHA512" },
  { "dsa.p7s", "dsa", "rsa", "DSA-SHA256", "SHA256" },
  { "rsa-keyid.p7s", "rsa", "rsa2", "RSA-SHA256", "SHA256" },
  /* keyUsage nonRepudiation only: GnuTLS returns the positive status
   * GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE for the good signature. */
  { "nonrep.p7s", "nonrep", "rsa", "RSA-SHA256", "SHA256" },
};

static void
test_algorithms (void)
{
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) changed = flip (content, 30, 0x01);

  for (guint i = 0; i < G_N_ELEMENTS (algorithm_cases); i++)
    {
      const AlgorithmCase *c = &algorithm_cases[i];
      g_autoptr (GBytes) der = load (c->file);
      g_autoptr (SignetCms) cms = load_cms (c->file);
      g_autoptr (SignetCertificate) cert = load_cert (c->signer);
      g_autoptr (SignetCertificate) wrong = load_cert (c->wrong_signer);
      g_autoptr (GBytes) bad_sig = flip (der, g_bytes_get_size (der) - 1, 0x01);
      g_autoptr (SignetCms) bad = cms_from_bytes (bad_sig);
      SignetSignerInfo *si;

      g_test_message ("%s", c->file);
      g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, 1);
      si = signer_at (cms, 0);
      g_assert_cmpstr (signet_signer_info_get_signature_algorithm_name (si), ==, c->sign_name);
      g_assert_cmpstr (signet_signer_info_get_digest_algorithm_name (si), ==, c->digest_name);
      g_assert_cmpint (signet_signer_info_get_declared_digest_algorithm (si), ==,
                       signet_signer_info_get_digest_algorithm (si));
      g_assert_true (signet_signer_info_has_signed_attributes (si));
      g_assert_true (signet_signer_info_matches (si, cert));
      g_assert_false (signet_signer_info_matches (si, wrong));
      g_assert_true (signet_cms_is_detached (cms));
      g_assert_null (signet_cms_get_content (cms));
      g_assert_cmpstr (signet_cms_get_econtent_type (cms), ==, SIGNET_OID_DATA);

      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, SIGNET_CMS_VERIFY_OK);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, changed), ==,
                       SIGNET_CMS_VERIFY_DIGEST_MISMATCH);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, wrong, content), ==,
                       SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, NULL), ==,
                       SIGNET_CMS_VERIFY_NO_CONTENT);
      g_assert_cmpint (signet_cms_verify_signer (bad, 0, cert, content), ==,
                       SIGNET_CMS_VERIFY_BAD_SIGNATURE);
    }
}

static void
test_no_attributes (void)
{
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) changed = flip (content, 30, 0x01);
  g_autoptr (SignetCms) cms = load_cms ("rsa-noattr.p7s");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_autoptr (SignetCertificate) wrong = load_cert ("rsa2");
  SignetSignerInfo *si = signer_at (cms, 0);

  g_assert_false (signet_signer_info_has_signed_attributes (si));
  g_assert_null (signet_signer_info_get_message_digest (si));
  g_assert_cmpuint (signet_signer_info_get_n_message_digests (si), ==, 0);
  g_assert_null (signet_signer_info_get_content_type (si));
  g_assert_cmpint (signet_signer_info_get_signing_time (si), ==, -1);
  g_assert_null (signet_signer_info_get_smime_capabilities (si));
  g_assert_cmpstr (signet_signer_info_get_signature_algorithm_name (si), ==, "RSA-SHA256");

  g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, SIGNET_CMS_VERIFY_OK);
  /* Without signed attributes a changed content is only a bad signature. */
  g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, changed), ==,
                   SIGNET_CMS_VERIFY_BAD_SIGNATURE);
  g_assert_cmpint (signet_cms_verify_signer (cms, 0, wrong, content), ==,
                   SIGNET_CMS_VERIFY_BAD_SIGNATURE);
  g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, NULL), ==, SIGNET_CMS_VERIFY_NO_CONTENT);
}

static void
test_encapsulated (void)
{
  static const char *const files[] = { "rsa-nodetach.p7s", "rsa-noattr-nodetach.p7s",
                                       "rsa-stream.p7s" };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) changed = flip (content, 30, 0x01);
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_autoptr (SignetCertificate) wrong = load_cert ("rsa2");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (SignetCms) cms = load_cms (files[i]);
      g_autoptr (GBytes) der = load (files[i]);
      gboolean attrs = !g_str_equal (files[i], "rsa-noattr-nodetach.p7s");

      g_test_message ("%s", files[i]);
      g_assert_false (signet_cms_is_detached (cms));
      g_assert_nonnull (signet_cms_get_content (cms));
      g_assert_true (g_bytes_equal (signet_cms_get_content (cms), content));
      g_assert_cmpint (signet_cms_sniff_type (der), ==, SIGNET_CMS_SIGNED_DATA);
      g_assert_cmpuint (signet_cms_get_certificates (cms)->len, ==, 2);
      g_assert_cmpint (signet_signer_info_has_signed_attributes (signer_at (cms, 0)), ==, attrs);

      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, NULL), ==, SIGNET_CMS_VERIFY_OK);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, SIGNET_CMS_VERIFY_OK);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, wrong, NULL), ==,
                       SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, changed), ==,
                       attrs ? SIGNET_CMS_VERIFY_DIGEST_MISMATCH : SIGNET_CMS_VERIFY_BAD_SIGNATURE);
    }
}

static void
test_stream_ber (void)
{
  g_autoptr (GBytes) der = load ("rsa-stream.p7s");
  const guint8 *p = g_bytes_get_data (der, NULL);
  g_autoptr (SignetCms) cms = load_cms ("rsa-stream.p7s");
  SignetSignerInfo *si = signer_at (cms, 0);

  /* Indefinite lengths, as `openssl cms -stream` writes them. */
  g_assert_cmpuint (p[0], ==, 0x30);
  g_assert_cmpuint (p[1], ==, 0x80);
  /* Decoded through the libtasn1 definitions too: digestAlgorithm. */
  g_assert_cmpint (signet_signer_info_get_declared_digest_algorithm (si), ==, GNUTLS_DIG_SHA256);
  g_assert_cmpuint (signet_signer_info_get_n_message_digests (si), ==, 1);
}

static void
test_signer_identifier (void)
{
  g_autoptr (SignetCms) by_serial = load_cms ("rsa-sha256.p7s");
  g_autoptr (SignetCms) by_ski = load_cms ("rsa-keyid.p7s");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_autoptr (SignetCertificate) other = load_cert ("rsa2");
  SignetSignerInfo *si = signer_at (by_serial, 0);
  static const guint8 serial_128[] = { 0x00, 0x80 };

  g_assert_true (
      g_bytes_equal (signet_signer_info_get_issuer (si), signet_certificate_get_raw_issuer (cert)));
  g_assert_cmpmem (g_bytes_get_data (signet_signer_info_get_serial (si), NULL),
                   g_bytes_get_size (signet_signer_info_get_serial (si)), serial_128,
                   sizeof serial_128);
  g_assert_null (signet_signer_info_get_subject_key_id (si));
  /* Same issuer, other serial. */
  g_assert_false (signet_signer_info_matches (si, other));
  g_assert_cmpuint (signet_signer_info_get_index (si), ==, 0);

  si = signer_at (by_ski, 0);
  g_assert_null (signet_signer_info_get_issuer (si));
  g_assert_null (signet_signer_info_get_serial (si));
  g_assert_nonnull (signet_signer_info_get_subject_key_id (si));
  g_assert_true (g_bytes_equal (signet_signer_info_get_subject_key_id (si),
                                signet_certificate_get_subject_key_id (cert)));
  g_assert_true (signet_signer_info_matches (si, cert));
  g_assert_false (signet_signer_info_matches (si, other));
}

static void
test_multiple_signers (void)
{
  static const char *const names[] = { "rsa", "ec256", "ec384" };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) changed = flip (content, 30, 0x01);
  g_autoptr (SignetCms) cms = load_cms ("multi.p7s");

  g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, 3);
  g_assert_false (signet_cms_get_signers_truncated (cms));
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr (SignetCertificate) cert = load_cert (names[n]);
      guint n_matches = 0;

      /* SignerInfos is a SET OF: DER sorts it, so look the signer up. */
      for (guint i = 0; i < 3; i++)
        {
          SignetSignerInfo *si = signer_at (cms, i);

          g_assert_cmpuint (signet_signer_info_get_index (si), ==, i);
          if (!signet_signer_info_matches (si, cert))
            {
              g_assert_cmpint (signet_cms_verify_signer (cms, i, cert, content), ==,
                               SIGNET_CMS_VERIFY_BAD_SIGNATURE);
              continue;
            }
          n_matches++;
          g_assert_cmpint (signet_cms_verify_signer (cms, i, cert, content), ==,
                           SIGNET_CMS_VERIFY_OK);
          g_assert_cmpint (signet_cms_verify_signer (cms, i, cert, changed), ==,
                           SIGNET_CMS_VERIFY_DIGEST_MISMATCH);
        }
      g_assert_cmpuint (n_matches, ==, 1);
    }
}

static void
test_attributes (void)
{
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCms) cms = load_cms ("rsa-sha256.p7s");
  SignetSignerInfo *si = signer_at (cms, 0);
  guint8 digest[32];
  GBytes *md;
  const char *const *caps;

  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, g_bytes_get_data (content, NULL),
                                     g_bytes_get_size (content), digest),
                   ==, 0);
  md = signet_signer_info_get_message_digest (si);
  g_assert_nonnull (md);
  g_assert_cmpmem (g_bytes_get_data (md, NULL), g_bytes_get_size (md), digest, sizeof digest);
  g_assert_cmpuint (signet_signer_info_get_n_message_digests (si), ==, 1);
  g_assert_cmpstr (signet_signer_info_get_content_type (si), ==, SIGNET_OID_DATA);
  /* Generated after 2020; the certificates start then. */
  g_assert_cmpint (signet_signer_info_get_signing_time (si), >, 1577836800);
  g_assert_cmpint (signet_signer_info_get_signature_algorithm (si), ==, GNUTLS_SIGN_RSA_SHA256);
  g_assert_cmpint (signet_signer_info_get_digest_algorithm (si), ==, GNUTLS_DIG_SHA256);

  /* OpenSSL's default list starts with aes256-CBC and lists aes128-CBC. */
  caps = signet_signer_info_get_smime_capabilities (si);
  g_assert_nonnull (caps);
  g_assert_cmpstr (caps[0], ==, "2.16.840.1.101.3.4.1.42");
  g_assert_true (g_strv_contains (caps, "2.16.840.1.101.3.4.1.2"));

  g_assert_null (signet_signer_info_get_ess_cert_hash (si, NULL));
}

static void
test_ess (void)
{
  static const struct
  {
    const char *file;
    gnutls_digest_algorithm_t algo;
  } cases[] = {
    { "rsa-ess-v1.p7s", GNUTLS_DIG_SHA1 },
    { "rsa-ess-v2.p7s", GNUTLS_DIG_SHA256 }, /* hashAlgorithm absent: DEFAULT */
    { "rsa-ess-v2-sha384.p7s", GNUTLS_DIG_SHA384 },
  };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_autoptr (SignetCertificate) other = load_cert ("rsa2");
  g_autoptr (SignetCms) plain = load_cms ("rsa-sha256.p7s");
  GBytes *der = signet_certificate_get_der (cert);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SignetCms) cms = load_cms (cases[i].file);
      SignetSignerInfo *si = signer_at (cms, 0);
      gnutls_digest_algorithm_t algo = GNUTLS_DIG_UNKNOWN;
      GBytes *hash = signet_signer_info_get_ess_cert_hash (si, &algo);
      guint8 expected[64];

      g_test_message ("%s", cases[i].file);
      g_assert_nonnull (hash);
      g_assert_cmpint (algo, ==, cases[i].algo);
      g_assert_cmpint (
          gnutls_hash_fast (algo, g_bytes_get_data (der, NULL), g_bytes_get_size (der), expected),
          ==, 0);
      g_assert_cmpmem (g_bytes_get_data (hash, NULL), g_bytes_get_size (hash), expected,
                       gnutls_hash_get_len (algo));
      g_assert_true (signet_signer_info_ess_matches (si, cert));
      g_assert_false (signet_signer_info_ess_matches (si, other));
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, SIGNET_CMS_VERIFY_OK);
    }

  /* No ESS attribute: nothing to contradict. */
  g_assert_true (signet_signer_info_ess_matches (signer_at (plain, 0), other));
}

static void
test_certs_only (void)
{
  g_autoptr (GBytes) der = load ("certs-only.p7c");
  g_autoptr (SignetCms) cms = load_cms ("certs-only.p7c");
  g_autoptr (SignetCertificate) rsa = load_cert ("rsa");
  g_autoptr (SignetCertificate) ca = load_cert ("ca");
  GPtrArray *certs = signet_cms_get_certificates (cms);

  g_assert_cmpint (signet_cms_sniff_type (der), ==, SIGNET_CMS_SIGNED_DATA);
  g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, 0);
  g_assert_null (signet_cms_get_content (cms));
  g_assert_cmpuint (certs->len, ==, 2);
  g_assert_true (signet_certificate_equal (g_ptr_array_index (certs, 0), rsa));
  g_assert_true (signet_certificate_equal (g_ptr_array_index (certs, 1), ca));
  g_assert_cmpuint (signet_cms_get_n_skipped_certificates (cms), ==, 0);
  g_assert_cmpuint (signet_cms_get_crls (cms)->len, ==, 0);
  g_assert_false (signet_cms_get_certificates_truncated (cms));
}

static void
test_skipped_certificates (void)
{
  g_autoptr (GBytes) der = load ("certs-only.p7c");
  g_autoptr (SignetCertificate) rsa = load_cert ("rsa");
  g_autoptr (SignetCertificate) ca = load_cert ("ca");
  GBytes *rsa_der = signet_certificate_get_der (rsa);
  gssize at = find (der, g_bytes_get_data (rsa_der, NULL), g_bytes_get_size (rsa_der), 0);
  /* 0x30 -> 0xa2: the entry becomes an [2] (attribute-certificate-like) choice. */
  g_autoptr (GBytes) tagged = NULL;
  /* tbsCertificate SEQUENCE -> SET: still a SEQUENCE outside, but no certificate. */
  g_autoptr (GBytes) broken = NULL;
  g_autoptr (SignetCms) cms1 = NULL;
  g_autoptr (SignetCms) cms2 = NULL;

  g_assert_cmpint (at, >, 0);
  tagged = flip (der, (gsize) at, 0x30 ^ 0xa2);
  broken = flip (der, (gsize) at + 4, 0x30 ^ 0x31);
  cms1 = cms_from_bytes (tagged);
  cms2 = cms_from_bytes (broken);

  for (guint i = 0; i < 2; i++)
    {
      SignetCms *cms = i == 0 ? cms1 : cms2;
      GPtrArray *certs = signet_cms_get_certificates (cms);

      g_assert_cmpuint (signet_cms_get_n_skipped_certificates (cms), ==, 1);
      g_assert_cmpuint (certs->len, ==, 1);
      g_assert_true (signet_certificate_equal (g_ptr_array_index (certs, 0), ca));
    }
}

static void
test_certificates_truncated (void)
{
  g_autoptr (SignetCms) cms = load_cms ("many-certs.p7c");

  g_assert_cmpuint (signet_cms_get_certificates (cms)->len, ==, SIGNET_MAX_CMS_CERTIFICATES);
  g_assert_true (signet_cms_get_certificates_truncated (cms));
  g_assert_false (signet_cms_get_crls_truncated (cms));
}

static void
test_signers_truncated (void)
{
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCms) cms = load_cms ("many-signers.p7s");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  GPtrArray *signers = signet_cms_get_signers (cms);

  g_assert_cmpuint (signers->len, ==, SIGNET_MAX_CMS_SIGNERS);
  g_assert_true (signet_cms_get_signers_truncated (cms));
  g_assert_cmpint (signet_cms_verify_signer (cms, SIGNET_MAX_CMS_SIGNERS - 1, cert, content), ==,
                   SIGNET_CMS_VERIFY_OK);
}

static void
test_crls (void)
{
  g_autoptr (GBytes) crl = load ("ca.crl");
  g_autoptr (SignetCms) cms = load_cms ("certs-crls.p7c");
  GPtrArray *crls = signet_cms_get_crls (cms);

  g_assert_cmpuint (crls->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (crls, 0), crl));
  g_assert_cmpuint (signet_cms_get_certificates (cms)->len, ==, 1);
  g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, 0);
  g_assert_false (signet_cms_get_crls_truncated (cms));
}

static void
test_pem (void)
{
  static const char *const files[] = { "rsa-sha256-cms.pem", "rsa-sha256-pkcs7.pem" };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GBytes) pem = load (files[i]);
      g_autoptr (SignetCms) cms = load_cms (files[i]);
      gsize len;
      g_autofree char *text = g_strndup (g_bytes_get_data (pem, &len), g_bytes_get_size (pem));
      char *body = strstr (text, "-----\n");
      g_autoptr (GBytes) bad = NULL;

      g_test_message ("%s", files[i]);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, SIGNET_CMS_VERIFY_OK);

      /* Characters outside the base64 alphabet in the armour body. */
      g_assert_nonnull (body);
      body[6] = '*';
      body[7] = '!';
      bad = g_bytes_new (text, strlen (text));
      assert_parse_error (bad, SIGNET_ERROR_PARSE);
    }

  {
    static const char other[] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    g_autoptr (GBytes) data = g_bytes_new_static (other, sizeof other - 1);

    assert_parse_error (data, SIGNET_ERROR_PARSE);
  }
}

static void
test_sniff (void)
{
  static const struct
  {
    const char *file;
    SignetCmsType type;
  } cases[] = {
    { "rsa-sha256.p7s", SIGNET_CMS_SIGNED_DATA }, { "rsa-stream.p7s", SIGNET_CMS_SIGNED_DATA },
    { "certs-only.p7c", SIGNET_CMS_SIGNED_DATA }, { "enveloped.p7m", SIGNET_CMS_ENVELOPED_DATA },
    { "content.txt", SIGNET_CMS_OTHER },          { "ca.crl", SIGNET_CMS_OTHER },
  };
  /* ContentInfo headers only: indefinite and definite lengths. */
  static const guint8 compressed_ber[] = { 0x30, 0x80, 0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86,
                                           0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x09 };
  static const guint8 auth_env[] = { 0x30, 0x0d, 0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86,
                                     0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x17 };
  static const guint8 short_input[] = { 0x30, 0x80, 0x06 };
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) b1 = g_bytes_new_static (compressed_ber, sizeof compressed_ber);
  g_autoptr (GBytes) b2 = g_bytes_new_static (auth_env, sizeof auth_env);
  g_autoptr (GBytes) b3 = g_bytes_new_static (short_input, sizeof short_input);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) data = load (cases[i].file);

      g_assert_cmpint (signet_cms_sniff_type (data), ==, cases[i].type);
    }
  g_assert_cmpint (signet_cms_sniff_type (empty), ==, SIGNET_CMS_OTHER);
  g_assert_cmpint (signet_cms_sniff_type (b1), ==, SIGNET_CMS_COMPRESSED_DATA);
  g_assert_cmpint (signet_cms_sniff_type (b2), ==, SIGNET_CMS_AUTH_ENVELOPED_DATA);
  g_assert_cmpint (signet_cms_sniff_type (b3), ==, SIGNET_CMS_OTHER);

  g_assert_cmpstr (signet_cms_type_to_string (SIGNET_CMS_SIGNED_DATA), ==, "signed-data");
  g_assert_cmpstr (signet_cms_type_to_string (SIGNET_CMS_ENVELOPED_DATA), ==, "enveloped-data");
  g_assert_cmpstr (signet_cms_type_to_string (SIGNET_CMS_AUTH_ENVELOPED_DATA), ==,
                   "auth-enveloped-data");
  g_assert_cmpstr (signet_cms_type_to_string (SIGNET_CMS_COMPRESSED_DATA), ==, "compressed-data");
  g_assert_cmpstr (signet_cms_type_to_string (SIGNET_CMS_OTHER), ==, "other");
  g_assert_cmpstr (signet_cms_verify_result_to_string (SIGNET_CMS_VERIFY_DIGEST_MISMATCH), ==,
                   "digest-mismatch");
}

static void
test_not_signed_data (void)
{
  g_autoptr (GBytes) enveloped = load ("enveloped.p7m");
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) text = load ("content.txt");

  assert_parse_error (enveloped, SIGNET_ERROR_PARSE);
  assert_parse_error (empty, SIGNET_ERROR_PARSE);
  assert_parse_error (text, SIGNET_ERROR_PARSE);
}

static void
test_size_limit (void)
{
  gsize len = (gsize) SIGNET_MAX_CMS_SIZE + 1;
  guint8 *data = g_malloc0 (len);
  g_autoptr (GBytes) big = NULL;

  data[0] = 0x30;
  big = g_bytes_new_take (data, len);
  assert_parse_error (big, SIGNET_ERROR_LIMIT);
}

/* In-place edits of the signed attributes of rsa-sha256.p7s (lengths
 * unchanged); the attribute checks run before the signature check. */
static void
test_malformed_attributes (void)
{
  /* SEQUENCE { OID signingTime ... } and the contentType attribute. */
  static const guint8 signing_time_oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                             0xf7, 0x0d, 0x01, 0x09, 0x05 };
  static const guint8 content_type_attr[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                              0x01, 0x09, 0x03, 0x31, 0x0b, 0x06, 0x09, 0x2a,
                                              0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
  static const guint8 message_digest_oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                               0xf7, 0x0d, 0x01, 0x09, 0x04 };
  static const guint8 sha256_oid[] = { 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                       0x65, 0x03, 0x04, 0x02, 0x01 };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) der = load ("rsa-sha256.p7s");
  g_autoptr (GBytes) ec = load ("ec256.p7s");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_autoptr (SignetCertificate) ec_cert = load_cert ("ec256");
  gssize at;

  /* signingTime -> a second messageDigest attribute. */
  {
    g_autoptr (GBytes) two = NULL;
    g_autoptr (SignetCms) cms = NULL;

    at = find (der, signing_time_oid, sizeof signing_time_oid, 0);
    g_assert_cmpint (at, >, 0);
    two = flip (der, (gsize) at + sizeof signing_time_oid - 1, 0x05 ^ 0x04);
    cms = cms_from_bytes (two);
    g_assert_cmpuint (signet_signer_info_get_n_message_digests (signer_at (cms, 0)), ==, 2);
    g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==,
                     SIGNET_CMS_VERIFY_MALFORMED);
  }

  /* messageDigest -> an unknown attribute: none left. */
  {
    g_autoptr (GBytes) none = NULL;
    g_autoptr (SignetCms) cms = NULL;

    at = find (der, message_digest_oid, sizeof message_digest_oid, 0);
    g_assert_cmpint (at, >, 0);
    none = flip (der, (gsize) at + sizeof message_digest_oid - 1, 0x04 ^ 0x7f);
    cms = cms_from_bytes (none);
    g_assert_cmpuint (signet_signer_info_get_n_message_digests (signer_at (cms, 0)), ==, 0);
    g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==,
                     SIGNET_CMS_VERIFY_MALFORMED);
  }

  /* contentType id-data -> id-signedData: differs from eContentType. */
  {
    g_autoptr (GBytes) wrong_type = NULL;
    g_autoptr (SignetCms) cms = NULL;

    at = find (der, content_type_attr, sizeof content_type_attr, 0);
    g_assert_cmpint (at, >, 0);
    wrong_type = flip (der, (gsize) at + sizeof content_type_attr - 1, 0x01 ^ 0x02);
    cms = cms_from_bytes (wrong_type);
    g_assert_cmpstr (signet_signer_info_get_content_type (signer_at (cms, 0)), ==,
                     SIGNET_OID_SIGNED_DATA);
    g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==,
                     SIGNET_CMS_VERIFY_MALFORMED);
  }

  /* SignerInfo digestAlgorithm sha256 -> sha384 under ecdsa-with-SHA256
   * (the first occurrence is SignedData.digestAlgorithms). */
  {
    g_autoptr (GBytes) mixed = NULL;
    g_autoptr (SignetCms) cms = NULL;
    SignetSignerInfo *si;

    at = find (ec, sha256_oid, sizeof sha256_oid, 1);
    g_assert_cmpint (at, >, 0);
    mixed = flip (ec, (gsize) at + sizeof sha256_oid - 1, 0x01 ^ 0x02);
    cms = cms_from_bytes (mixed);
    si = signer_at (cms, 0);
    g_assert_cmpint (signet_signer_info_get_declared_digest_algorithm (si), ==, GNUTLS_DIG_SHA384);
    g_assert_cmpint (signet_signer_info_get_digest_algorithm (si), ==, GNUTLS_DIG_SHA256);
    g_assert_cmpint (signet_cms_verify_signer (cms, 0, ec_cert, content), ==,
                     SIGNET_CMS_VERIFY_MALFORMED);
  }
}

/* RSASSA-PSS made by OpenSSL: every salt length is verified with the
 * parameters of the SignerInfo (GnuTLS's own CMS check assumes SHA-256 and
 * a salt as long as the hash). */
typedef struct
{
  const char *file;
  const char *signer;
  const char *sign_name;
  gnutls_digest_algorithm_t digest;
  guint salt;
  gboolean detached;
  gboolean attrs;
} PssCase;

static const PssCase pss_cases[] = {
  { "pss-sha256-s32.p7s", "pss-signer", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 32, TRUE, TRUE },
  /* OpenSSL's default salt: the longest RSA-2048 allows, 256 - 32 - 2. */
  { "pss-sha256-max.p7s", "pss-signer", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 222, TRUE, TRUE },
  { "pss-sha256-s0.p7s", "pss-signer", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 0, TRUE, TRUE },
  { "pss-sha384-s48.p7s", "pss-signer", "RSA-PSS-SHA384", GNUTLS_DIG_SHA384, 48, TRUE, TRUE },
  { "pss-sha384-max.p7s", "pss-signer", "RSA-PSS-SHA384", GNUTLS_DIG_SHA384, 206, TRUE, TRUE },
  { "pss-sha384-s0.p7s", "pss-signer", "RSA-PSS-SHA384", GNUTLS_DIG_SHA384, 0, TRUE, TRUE },
  { "pss-sha512-s64.p7s", "pss-signer", "RSA-PSS-SHA512", GNUTLS_DIG_SHA512, 64, TRUE, TRUE },
  { "pss-sha512-max.p7s", "pss-signer", "RSA-PSS-SHA512", GNUTLS_DIG_SHA512, 190, TRUE, TRUE },
  { "pss-sha512-s0.p7s", "pss-signer", "RSA-PSS-SHA512", GNUTLS_DIG_SHA512, 0, TRUE, TRUE },
  { "pss-sha256-max-nodetach.p7s", "pss-signer", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 222, FALSE,
    TRUE },
  { "pss-sha384-s48-nodetach.p7s", "pss-signer", "RSA-PSS-SHA384", GNUTLS_DIG_SHA384, 48, FALSE,
    TRUE },
  { "pss-sha512-s0-nodetach.p7s", "pss-signer", "RSA-PSS-SHA512", GNUTLS_DIG_SHA512, 0, FALSE,
    TRUE },
  { "pss-sha384-max-noattr.p7s", "pss-signer", "RSA-PSS-SHA384", GNUTLS_DIG_SHA384, 206, TRUE,
    FALSE },
  { "pss-sha512-max-noattr-nodetach.p7s", "pss-signer", "RSA-PSS-SHA512", GNUTLS_DIG_SHA512, 190,
    FALSE, FALSE },
  { "rsa-pss.p7s", "rsa", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 32, TRUE, TRUE },
  { "rsa-pss-sha384.p7s", "rsa", "RSA-PSS-SHA384", GNUTLS_DIG_SHA384, 48, TRUE, TRUE },
  /* An id-RSASSA-PSS key; OpenSSL's default salt is then the key's minimum. */
  { "pss-restricted-max.p7s", "pss-restricted", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 32, TRUE,
    TRUE },
  /* saltLength absent: DEFAULT 20. */
  { "pss-restricted-s20.p7s", "pss-unrestricted", "RSA-PSS-SHA256", GNUTLS_DIG_SHA256, 20, TRUE,
    TRUE },
};

static void
test_rsa_pss (void)
{
  static const guint8 signing_time_oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                             0xf7, 0x0d, 0x01, 0x09, 0x05 };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) changed = flip (content, 30, 0x01);
  g_autoptr (SignetCertificate) other_rsa = load_cert ("rsa2");
  g_autoptr (SignetCertificate) ec = load_cert ("ec256");

  for (guint i = 0; i < G_N_ELEMENTS (pss_cases); i++)
    {
      const PssCase *c = &pss_cases[i];
      g_autoptr (GBytes) der = load (c->file);
      g_autoptr (SignetCms) cms = load_cms (c->file);
      g_autoptr (SignetCertificate) cert = load_cert (c->signer);
      g_autoptr (GBytes) bad_sig = flip (der, g_bytes_get_size (der) - 1, 0x01);
      g_autoptr (SignetCms) bad = cms_from_bytes (bad_sig);
      GBytes *own = c->detached ? content : NULL;
      SignetSignerInfo *si = signer_at (cms, 0);
      gnutls_digest_algorithm_t hash = GNUTLS_DIG_UNKNOWN;
      guint salt = G_MAXUINT;

      g_test_message ("%s", c->file);
      g_assert_true (_signet_signer_info_get_rsa_pss (si, &hash, &salt));
      g_assert_cmpint (hash, ==, c->digest);
      g_assert_cmpuint (salt, ==, c->salt);
      g_assert_cmpstr (signet_signer_info_get_signature_algorithm_name (si), ==, c->sign_name);
      g_assert_cmpint (signet_signer_info_get_signature_algorithm (si), ==,
                       gnutls_pk_to_sign (GNUTLS_PK_RSA_PSS, c->digest));
      g_assert_cmpint (signet_signer_info_get_digest_algorithm (si), ==, c->digest);
      g_assert_cmpint (signet_signer_info_get_declared_digest_algorithm (si), ==, c->digest);
      g_assert_cmpint (signet_signer_info_has_signed_attributes (si), ==, c->attrs);
      g_assert_cmpint (signet_cms_is_detached (cms), ==, c->detached);
      g_assert_true (signet_signer_info_matches (si, cert));

      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, own), ==, SIGNET_CMS_VERIFY_OK);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, SIGNET_CMS_VERIFY_OK);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, changed), ==,
                       c->attrs ? SIGNET_CMS_VERIFY_DIGEST_MISMATCH
                                : SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      g_assert_cmpint (signet_cms_verify_signer (bad, 0, cert, own), ==,
                       SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, other_rsa, own), ==,
                       SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, ec, own), ==,
                       SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      if (c->detached)
        g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, NULL), ==,
                         SIGNET_CMS_VERIFY_NO_CONTENT);

      /* The signature covers the signed attributes: the last digit of the
       * signingTime (SET, UTCTime "YYMMDDHHMMSSZ") changed keeps every
       * attribute check happy but breaks the signature. */
      if (c->attrs)
        {
          gssize at = find (der, signing_time_oid, sizeof signing_time_oid, 0);
          g_autoptr (GBytes) other_time = NULL;
          g_autoptr (SignetCms) retimed = NULL;

          g_assert_cmpint (at, >, 0);
          other_time = flip (der, (gsize) at + sizeof signing_time_oid + 2 + 2 + 11, 0x01);
          retimed = cms_from_bytes (other_time);
          g_assert_cmpint (signet_signer_info_get_signing_time (signer_at (retimed, 0)), !=,
                           signet_signer_info_get_signing_time (si));
          g_assert_cmpint (signet_cms_verify_signer (retimed, 0, cert, own), ==,
                           SIGNET_CMS_VERIFY_BAD_SIGNATURE);
        }
    }
}

/* A key restricted to SHA-256 and salts of at least 32 bytes (RFC 4055
 * 3.1) must not accept a signature with a salt of 20, though the same key
 * without the restriction verifies it. */
static void
test_rsa_pss_restricted (void)
{
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCms) cms = load_cms ("pss-restricted-s20.p7s");
  g_autoptr (SignetCertificate) restricted = load_cert ("pss-restricted");
  g_autoptr (SignetCertificate) plain = load_cert ("pss-unrestricted");

  g_assert_cmpint (signet_certificate_get_key_algorithm (restricted, NULL), ==, GNUTLS_PK_RSA_PSS);
  g_assert_cmpint (signet_cms_verify_signer (cms, 0, plain, content), ==, SIGNET_CMS_VERIFY_OK);
  g_assert_cmpint (signet_cms_verify_signer (cms, 0, restricted, content), ==,
                   SIGNET_CMS_VERIFY_BAD_SIGNATURE);
}

/* In-place edits of the RSASSA-PSS-params of pss-sha256-max.p7s (the
 * signatureAlgorithm is not signed, so these are what an attacker or a
 * broken encoder can change). */
static void
test_rsa_pss_params (void)
{
  /* [0] { SEQUENCE { sha256, NULL } } and [2] { INTEGER 222 }. */
  static const guint8 hash_param[] = { 0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
                                       0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00 };
  static const guint8 mgf_param[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
                                      0x08, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
                                      0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
  static const guint8 salt_param[] = { 0xa2, 0x04, 0x02, 0x02, 0x00, 0xde };
  static const guint8 sha256_oid[] = { 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                       0x65, 0x03, 0x04, 0x02, 0x01 };
  static const struct
  {
    const char *what;
    const guint8 *pattern;
    gsize pattern_len;
    gsize offset;
    guint8 mask;
    SignetCmsVerifyResult result;
  } cases[] = {
    /* saltLength 222 -> 221: the exact salt length is checked. */
    { "salt 221", salt_param, sizeof salt_param, 5, 0xde ^ 0xdd, SIGNET_CMS_VERIFY_BAD_SIGNATURE },
    /* -> 0x0fde = 4062, more than SIGNET_MAX_RSA_PSS_SALT. */
    { "salt 4062", salt_param, sizeof salt_param, 4, 0x0f, SIGNET_CMS_VERIFY_MALFORMED },
    /* -> 0xffde: negative. */
    { "salt -34", salt_param, sizeof salt_param, 4, 0xff, SIGNET_CMS_VERIFY_MALFORMED },
    /* [2] -> [3]: trailerField 222 (and saltLength DEFAULT 20). */
    { "trailer 222", salt_param, sizeof salt_param, 0, 0xa2 ^ 0xa3, SIGNET_CMS_VERIFY_UNSUPPORTED },
    /* hashAlgorithm SHA-384, MGF1 still SHA-256. */
    { "hash sha384", hash_param, sizeof hash_param, 14, 0x01 ^ 0x02,
      SIGNET_CMS_VERIFY_UNSUPPORTED },
    /* MGF1-SHA-256 -> MGF1-SHA-384. */
    { "mgf1 sha384", mgf_param, sizeof mgf_param, sizeof mgf_param - 1, 0x01 ^ 0x02,
      SIGNET_CMS_VERIFY_UNSUPPORTED },
    /* id-mgf1 -> 1.2.840.113549.1.1.9, not a mask generation function we know. */
    { "mgf oid", mgf_param, sizeof mgf_param, 8, 0x08 ^ 0x09, SIGNET_CMS_VERIFY_UNSUPPORTED },
  };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) der = load ("pss-sha256-max.p7s");
  g_autoptr (SignetCertificate) cert = load_cert ("pss-signer");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gssize at = find (der, cases[i].pattern, cases[i].pattern_len, 0);
      g_autoptr (GBytes) mutated = NULL;
      g_autoptr (SignetCms) cms = NULL;

      g_test_message ("%s", cases[i].what);
      g_assert_cmpint (at, >, 0);
      mutated = flip (der, (gsize) at + cases[i].offset, cases[i].mask);
      cms = cms_from_bytes (mutated);
      g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==, cases[i].result);
    }

  /* SignerInfo digestAlgorithm SHA-256 -> SHA-384 (the first SHA-256 is
   * SignedData.digestAlgorithms): the content digest and the PSS hash
   * differ, which RFC 4056 discourages and is not checked. */
  {
    gssize at = find (der, sha256_oid, sizeof sha256_oid, 1);
    g_autoptr (GBytes) mixed = NULL;
    g_autoptr (SignetCms) cms = NULL;
    SignetSignerInfo *si;

    g_assert_cmpint (at, >, 0);
    mixed = flip (der, (gsize) at + sizeof sha256_oid - 1, 0x01 ^ 0x02);
    cms = cms_from_bytes (mixed);
    si = signer_at (cms, 0);
    g_assert_cmpint (signet_signer_info_get_declared_digest_algorithm (si), ==, GNUTLS_DIG_SHA384);
    g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==,
                     SIGNET_CMS_VERIFY_UNSUPPORTED);
  }

  /* MGF1 with another hash, as OpenSSL makes it on request. */
  {
    g_autoptr (SignetCms) cms = load_cms ("pss-mgf1-sha256.p7s");
    SignetSignerInfo *si = signer_at (cms, 0);

    g_assert_cmpstr (signet_signer_info_get_signature_algorithm_name (si), ==, "RSA-PSS-SHA384");
    g_assert_cmpint (signet_cms_verify_signer (cms, 0, cert, content), ==,
                     SIGNET_CMS_VERIFY_UNSUPPORTED);
  }
}

/* Exercises every getter and a verification of whatever parsed; returns
 * whether the first signature still verified. */
static gboolean
poke (SignetCms *cms, SignetCertificate *cert, GBytes *content)
{
  GPtrArray *signers = signet_cms_get_signers (cms);
  gboolean first_ok = FALSE;

  g_assert_cmpuint (signers->len, <=, SIGNET_MAX_CMS_SIGNERS);
  g_assert_cmpuint (signet_cms_get_certificates (cms)->len, <=, SIGNET_MAX_CMS_CERTIFICATES);
  g_assert_cmpuint (signet_cms_get_crls (cms)->len, <=, SIGNET_MAX_CMS_CRLS);
  (void) signet_cms_get_content (cms);
  (void) signet_cms_get_econtent_type (cms);
  for (guint i = 0; i < signers->len; i++)
    {
      SignetSignerInfo *si = g_ptr_array_index (signers, i);
      gnutls_digest_algorithm_t algo;

      (void) signet_signer_info_matches (si, cert);
      (void) signet_signer_info_ess_matches (si, cert);
      (void) signet_signer_info_get_ess_cert_hash (si, &algo);
      (void) signet_signer_info_get_smime_capabilities (si);
      (void) signet_signer_info_get_signature_algorithm_name (si);
      (void) signet_signer_info_get_digest_algorithm_name (si);
      if (signet_cms_verify_signer (cms, i, cert, signet_cms_is_detached (cms) ? content : NULL) ==
              SIGNET_CMS_VERIFY_OK &&
          i == 0)
        first_ok = TRUE;
      {
        g_auto (gnutls_pubkey_t) key = NULL;

        g_assert_cmpint (gnutls_pubkey_init (&key), ==, 0);
        g_assert_cmpint (gnutls_pubkey_import_x509 (key, signet_certificate_get_gnutls (cert), 0),
                         ==, 0);
        (void) signet_cms_verify_signer_with_key (cms, i, key,
                                                  signet_cms_is_detached (cms) ? content : NULL);
      }
    }
  return first_ok;
}

static void
test_truncated (void)
{
  static const char *const files[] = { "rsa-sha256.p7s", "rsa-stream.p7s", "rsa-ess-v2.p7s",
                                       "pss-sha384-s48-nodetach.p7s" };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_autoptr (SignetCertificate) pss = load_cert ("pss-signer");

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) der = load (files[f]);
      gsize len = g_bytes_get_size (der);
      guint parsed = 0;

      for (gsize cut = 0; cut < len; cut++)
        {
          g_autoptr (GBytes) part = g_bytes_new_from_bytes (der, 0, cut);
          g_autoptr (GError) error = NULL;
          g_autoptr (SignetCms) cms = signet_cms_new (part, &error);

          if (cms != NULL)
            {
              parsed++;
              (void) poke (cms, g_str_has_prefix (files[f], "pss-") ? pss : cert, content);
            }
          else
            {
              g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
            }
          (void) signet_cms_sniff_type (part);
        }
      /* A DER prefix is never a whole DER SignedData. */
      if (!g_str_equal (files[f], "rsa-stream.p7s"))
        g_assert_cmpuint (parsed, ==, 0);
    }
}

static void
test_bit_flips (void)
{
  /* Most iterations on a SignedData without certificates (parsing those
   * is the certificate module's cost); some on BER and on several signers. */
  static const struct
  {
    const char *file;
    const char *signer;
    guint iterations;
  } files[] = {
    { "rsa-nocerts.p7s", "rsa", 1500 },
    { "rsa-stream.p7s", "rsa", 300 },
    { "multi.p7s", "rsa", 200 },
    /* The RSASSA-PSS parameters and the signed-attribute span. */
    { "pss-sha256-max-nodetach.p7s", "pss-signer", 300 },
  };
  g_autoptr (GBytes) content = load ("content.txt");
  guint n_ok = 0, n_parsed = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) der = load (files[f].file);
      g_autoptr (SignetCertificate) cert = load_cert (files[f].signer);
      gsize len = g_bytes_get_size (der);

      for (guint i = 0; i < files[f].iterations; i++)
        {
          gsize len_copy = len;
          guint8 *copy = g_memdup2 (g_bytes_get_data (der, NULL), len);
          g_autoptr (GBytes) mutated = NULL;
          g_autoptr (SignetCms) cms = NULL;
          g_autoptr (GError) error = NULL;
          guint n_flips = 1 + g_test_rand_int_range (0, 4);

          for (guint k = 0; k < n_flips; k++)
            copy[g_test_rand_int_range (0, (gint32) len)] ^=
                (guint8) (1u << g_test_rand_int_range (0, 8));
          mutated = g_bytes_new_take (copy, len_copy);
          (void) signet_cms_sniff_type (mutated);
          cms = signet_cms_new (mutated, &error);
          if (cms == NULL)
            {
              g_assert_nonnull (error);
              continue;
            }
          n_parsed++;
          if (poke (cms, cert, content))
            n_ok++;
        }
    }
  g_test_message ("bit flips: %u parsed, %u still verified", n_parsed, n_ok);
  g_assert_cmpuint (n_parsed, >, 0);
}

/* The public key of @cert, as GnuTLS imports it. */
static gnutls_pubkey_t
key_of (SignetCertificate *cert)
{
  gnutls_pubkey_t key = NULL;

  g_assert_cmpint (gnutls_pubkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_x509 (key, signet_certificate_get_gnutls (cert), 0), ==, 0);
  return key;
}

/* signet_cms_verify_signer() and signet_cms_verify_signer_with_key() with
 * @cert's key both give @expected. */
static void
assert_verify_both (SignetCms *cms,
                    SignetCertificate *cert,
                    GBytes *content,
                    SignetCmsVerifyResult expected)
{
  g_auto (gnutls_pubkey_t) key = key_of (cert);

  g_assert_cmpstr (
      signet_cms_verify_result_to_string (signet_cms_verify_signer (cms, 0, cert, content)), ==,
      signet_cms_verify_result_to_string (expected));
  g_assert_cmpstr (
      signet_cms_verify_result_to_string (signet_cms_verify_signer_with_key (cms, 0, key, content)),
      ==, signet_cms_verify_result_to_string (expected));
}

/* A copy of @der with the last digit of the signingTime attribute
 * changed: every attribute check still passes, the signature over the
 * signed attributes does not. */
static SignetCms *
retime (GBytes *der)
{
  static const guint8 signing_time_oid[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                             0xf7, 0x0d, 0x01, 0x09, 0x05 };
  gssize at = find (der, signing_time_oid, sizeof signing_time_oid, 0);
  g_autoptr (GBytes) other_time = NULL;

  g_assert_cmpint (at, >, 0);
  other_time = flip (der, (gsize) at + sizeof signing_time_oid + 2 + 2 + 11, 0x01);
  return cms_from_bytes (other_time);
}

/* signet_cms_verify_signer_with_key() agrees with signet_cms_verify_signer()
 * on every algorithm, with and without signed attributes, encapsulated or
 * detached: the signed bytes it finds itself are the ones GnuTLS checks. */
static void
test_with_key (void)
{
  static const char *const extra[][2] = {
    { "rsa-noattr.p7s", "rsa" },
    { "rsa-nodetach.p7s", "rsa" },
    { "rsa-noattr-nodetach.p7s", "rsa" },
    { "rsa-stream.p7s", "rsa" },
  };
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (GBytes) changed = flip (content, 30, 0x01);

  for (guint i = 0;
       i < G_N_ELEMENTS (algorithm_cases) + G_N_ELEMENTS (extra) + G_N_ELEMENTS (pss_cases); i++)
    {
      const char *file, *signer, *wrong_signer;
      g_autoptr (GBytes) der = NULL;
      g_autoptr (SignetCms) cms = NULL;
      g_autoptr (SignetCertificate) cert = NULL;
      g_autoptr (SignetCertificate) wrong = NULL;
      g_autoptr (GBytes) bad_sig = NULL;
      g_autoptr (SignetCms) bad = NULL;
      gboolean attrs;
      GBytes *own;

      if (i < G_N_ELEMENTS (algorithm_cases))
        {
          file = algorithm_cases[i].file;
          signer = algorithm_cases[i].signer;
          wrong_signer = algorithm_cases[i].wrong_signer;
        }
      else if (i < G_N_ELEMENTS (algorithm_cases) + G_N_ELEMENTS (extra))
        {
          file = extra[i - G_N_ELEMENTS (algorithm_cases)][0];
          signer = extra[i - G_N_ELEMENTS (algorithm_cases)][1];
          wrong_signer = "ec256";
        }
      else
        {
          file = pss_cases[i - G_N_ELEMENTS (algorithm_cases) - G_N_ELEMENTS (extra)].file;
          signer = pss_cases[i - G_N_ELEMENTS (algorithm_cases) - G_N_ELEMENTS (extra)].signer;
          wrong_signer = "rsa2";
        }
      g_test_message ("%s", file);
      der = load (file);
      cms = load_cms (file);
      cert = load_cert (signer);
      wrong = load_cert (wrong_signer);
      /* The last octet of the signature value changed (BER has
       * end-of-contents octets after it). */
      {
        GBytes *sig = _signet_signer_info_get_signature (signer_at (cms, 0));
        gssize at;

        g_assert_nonnull (sig);
        at = find (der, g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), 0);
        g_assert_cmpint (at, >, 0);
        bad_sig = flip (der, (gsize) at + g_bytes_get_size (sig) - 1, 0x01);
      }
      bad = cms_from_bytes (bad_sig);
      attrs = signet_signer_info_has_signed_attributes (signer_at (cms, 0));
      own = signet_cms_is_detached (cms) ? content : NULL;

      /* The signed attributes are located for every SignerInfo, as a
       * slice of the message: [0] IMPLICIT as encoded. */
      if (attrs)
        {
          GBytes *sa = _signet_signer_info_get_signed_attributes (signer_at (cms, 0));
          g_autoptr (GBytes) input =
              _signet_signer_info_dup_signed_input (signer_at (cms, 0), NULL);

          g_assert_nonnull (sa);
          g_assert_cmphex (((const guint8 *) g_bytes_get_data (sa, NULL))[0], ==, 0xa0);
          g_assert_nonnull (input);
          g_assert_cmphex (((const guint8 *) g_bytes_get_data (input, NULL))[0], ==, 0x31);
          g_assert_cmpmem (
              (const guint8 *) g_bytes_get_data (sa, NULL) + 1, g_bytes_get_size (sa) - 1,
              (const guint8 *) g_bytes_get_data (input, NULL) + 1, g_bytes_get_size (input) - 1);
          g_assert_cmpint (find (der, g_bytes_get_data (sa, NULL), g_bytes_get_size (sa), 0), >, 0);
        }
      else
        {
          g_assert_null (_signet_signer_info_get_signed_attributes (signer_at (cms, 0)));
        }

      assert_verify_both (cms, cert, own, SIGNET_CMS_VERIFY_OK);
      assert_verify_both (cms, cert, changed,
                          attrs ? SIGNET_CMS_VERIFY_DIGEST_MISMATCH
                                : SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      assert_verify_both (cms, wrong, own, SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      assert_verify_both (bad, cert, own, SIGNET_CMS_VERIFY_BAD_SIGNATURE);
      if (signet_cms_is_detached (cms))
        assert_verify_both (cms, cert, NULL, SIGNET_CMS_VERIFY_NO_CONTENT);
      if (attrs)
        {
          g_autoptr (SignetCms) retimed = retime (der);

          assert_verify_both (retimed, cert, own, SIGNET_CMS_VERIFY_BAD_SIGNATURE);
        }
    }
}

/* The caller's key is left as it was: an RSA key used for an RSASSA-PSS
 * signature still verifies a PKCS #1 v1.5 one afterwards. */
static void
test_with_key_unchanged (void)
{
  g_autoptr (GBytes) content = load ("content.txt");
  g_autoptr (SignetCms) pss = load_cms ("rsa-pss-sha384.p7s");
  g_autoptr (SignetCms) pkcs1 = load_cms ("rsa-sha256.p7s");
  g_autoptr (SignetCertificate) cert = load_cert ("rsa");
  g_auto (gnutls_pubkey_t) key = key_of (cert);

  g_assert_cmpint (signet_cms_verify_signer_with_key (pss, 0, key, content), ==,
                   SIGNET_CMS_VERIFY_OK);
  g_assert_cmpint (gnutls_pubkey_get_pk_algorithm (key, NULL), ==, GNUTLS_PK_RSA);
  g_assert_cmpint (signet_cms_verify_signer_with_key (pkcs1, 0, key, content), ==,
                   SIGNET_CMS_VERIFY_OK);
  g_assert_cmpint (signet_cms_verify_signer_with_key (pss, 0, key, content), ==,
                   SIGNET_CMS_VERIFY_OK);
}

static SignetCertificate *
load_pkits_cert (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".crt", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pkits", "certs", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) data = NULL;
  char *contents = NULL;
  gsize len = 0;
  SignetCertificate *cert;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  data = g_bytes_new_take (contents, len);
  cert = signet_certificate_new_from_bytes (data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

/* NIST PKITS 4.1.5 "Valid DSA Parameter Inheritance Test5": the signer's
 * DSA key has no parameters (RFC 5280 6.1.4 (f)); they are those of
 * "DSA CA", two certificates up. */
static void
test_dsa_inherited (void)
{
  static const char *const names[] = { "ValidDSAParameterInheritanceTest5EE",
                                       "DSAParametersInheritedCACert", "DSACACert",
                                       "TrustAnchorRootCertificate" };
  g_autofree char *path = g_test_build_filename (
      G_TEST_DIST, "data", "pkits", "smime", "SignedValidDSAParameterInheritanceTest5.eml", NULL);
  g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) message = NULL;
  g_autoptr (SignetCms) cms = NULL;
  g_auto (gnutls_pubkey_t) key = NULL;
  g_auto (gnutls_pubkey_t) ca_key = NULL;
  g_autoptr (GBytes) changed = NULL;
  SignetSmimePart *part;
  SignetSignerInfo *si;
  GPtrArray *contents;
  GBytes *content;
  char *data = NULL;
  gsize len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (chain, load_pkits_cert (names[i]));

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  message = g_bytes_new_take (data, len);
  parts = signet_mime_scan (message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 1);
  part = g_ptr_array_index (parts, 0);
  g_assert_cmpint (signet_smime_part_get_kind (part), ==, SIGNET_PART_KIND_MULTIPART_SIGNED);
  contents = signet_smime_part_get_signed_contents (part);
  g_assert_cmpuint (contents->len, >, 0);
  content = g_ptr_array_index (contents, 0);
  cms = cms_from_bytes (signet_smime_part_get_cms (part));

  g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, 1);
  si = signer_at (cms, 0);
  g_assert_true (signet_signer_info_matches (si, g_ptr_array_index (chain, 0)));
  g_assert_cmpstr (signet_signer_info_get_signature_algorithm_name (si), ==, "DSA-SHA1");
  g_assert_true (signet_signer_info_has_signed_attributes (si));

  /* GnuTLS cannot use the key on its own. */
  g_assert_cmpint (signet_cms_verify_signer (cms, 0, g_ptr_array_index (chain, 0), content), ==,
                   SIGNET_CMS_VERIFY_UNSUPPORTED);

  key = signet_path_inherited_dsa_key (chain, 0);
  g_assert_nonnull (key);
  g_assert_cmpint (signet_cms_verify_signer_with_key (cms, 0, key, content), ==,
                   SIGNET_CMS_VERIFY_OK);
  /* The messageDigest is checked before the signature. */
  changed = flip (content, g_bytes_get_size (content) / 2, 0x01);
  g_assert_cmpint (signet_cms_verify_signer_with_key (cms, 0, key, changed), ==,
                   SIGNET_CMS_VERIFY_DIGEST_MISMATCH);
  g_assert_cmpint (signet_cms_verify_signer_with_key (cms, 0, key, NULL), ==,
                   SIGNET_CMS_VERIFY_NO_CONTENT);

  /* The DSA CA's own key has the same parameters but is not the signer's. */
  ca_key = key_of (g_ptr_array_index (chain, 2));
  g_assert_cmpint (gnutls_pubkey_get_pk_algorithm (ca_key, NULL), ==, GNUTLS_PK_DSA);
  g_assert_cmpint (signet_cms_verify_signer_with_key (cms, 0, ca_key, content), ==,
                   SIGNET_CMS_VERIFY_BAD_SIGNATURE);

  /* A signed attribute changed: the signature no longer verifies. */
  {
    g_autoptr (SignetCms) retimed = retime (signet_smime_part_get_cms (part));

    g_assert_cmpint (signet_cms_verify_signer_with_key (retimed, 0, key, content), ==,
                     SIGNET_CMS_VERIFY_BAD_SIGNATURE);
  }
}

static gboolean
is_cms_or_message (const char *name)
{
  return g_str_has_suffix (name, ".p7s") || g_str_has_suffix (name, ".p7m") || g_str_has_suffix (name, ".p7c") ||
         g_str_has_suffix (name, ".eml");
}

/* S/MIME capabilities are decoded when first asked for; with two
 * sMIMECapabilities attributes of which the first cannot be decoded, the
 * list is still the second's, as when every attribute was read at once. */
static void
test_capabilities_second_attribute (void)
{
  static const guint8 unreadable[] = { 0x04, 0x02, 0x00, 0x00 };
  static const guint8 aes256[] = { 0x30, 0x0d, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86,
                                   0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a };
  gnutls_x509_privkey_t key;
  gnutls_privkey_t signer;
  gnutls_x509_crt_t crt;
  gnutls_pkcs7_t p7;
  gnutls_pkcs7_attrs_t attrs = NULL;
  guint8 serial = 1;
  gnutls_datum_t content = { (unsigned char *) "hello\r\n", 7 };
  gnutls_datum_t first = { (unsigned char *) unreadable, sizeof unreadable };
  gnutls_datum_t second = { (unsigned char *) aes256, sizeof aes256 };
  gnutls_datum_t out = { NULL, 0 };
  g_autoptr (GBytes) der = NULL;
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *caps;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (
                       key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   ==, 0);
  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, &serial, 1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, "CN=Capabilities", NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, 1577836800), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, 2366841600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_privkey_sign (crt, crt, signer, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_add_attr (&attrs, SIGNET_OID_ATTR_SMIME_CAPABILITIES, &first, 0), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_add_attr (&attrs, SIGNET_OID_ATTR_SMIME_CAPABILITIES, &second, 0), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_sign (p7, crt, signer, &content, attrs, NULL, GNUTLS_DIG_SHA256,
                                      GNUTLS_PKCS7_INCLUDE_TIME | GNUTLS_PKCS7_INCLUDE_CERT),
                   ==, 0);
  g_assert_cmpint (gnutls_pkcs7_export2 (p7, GNUTLS_X509_FMT_DER, &out), ==, 0);
  der = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  gnutls_pkcs7_attrs_deinit (attrs);
  gnutls_pkcs7_deinit (p7);
  gnutls_x509_crt_deinit (crt);
  gnutls_privkey_deinit (signer);
  gnutls_x509_privkey_deinit (key);

  cms = signet_cms_new (der, &error);
  g_assert_no_error (error);
  caps = signet_signer_info_get_smime_capabilities (g_ptr_array_index (signet_cms_get_signers (cms), 0));
  g_assert_nonnull (caps);
  g_assert_cmpstr (caps[0], ==, "2.16.840.1.101.3.4.1.42");
  g_assert_null (caps[1]);
}

/* The CMS objects under @dir (recursively): .p7s/.p7m/.p7c files, and the
 * CMS of every S/MIME part of every .eml. */
static void
collect_cms (const char *dir, GPtrArray *out)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  signet_test_collect_files (dir, is_cms_or_message, paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GPtrArray) parts = NULL;

      if (!g_file_get_contents (path, &text, &len, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&text), len);
      if (!g_str_has_suffix (path, ".eml"))
        {
          g_ptr_array_add (out, g_steal_pointer (&bytes));
          continue;
        }
      parts = signet_mime_scan (bytes, NULL);
      for (guint k = 0; parts != NULL && k < parts->len; k++)
        {
          GBytes *cms = signet_smime_part_get_cms (g_ptr_array_index (parts, k));

          if (cms != NULL)
            g_ptr_array_add (out, g_bytes_ref (cms));
        }
    }
}

/* The SignerInfos read from the DER walk of the SignedData are those read
 * from its libtasn1 decoding (the walk never accepts what the decoding
 * refuses), for every CMS object of the test data and messages, and for
 * mutants of them: one byte changed, or cut short. */
static void
test_view_agrees (void)
{
  static const guint8 values[] = { 0x00, 0xff, 0x80, 0x30, 0x31, 0xa0, 0x02, 0x06, 0x01 };
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint walked = 0, mutants = 0; /* accepted by the walk */
  guint32 seed = 7;

  collect_cms (data_dir, all);
  g_assert_cmpuint (all->len, >, 200);
  for (guint i = 0; i < all->len; i++)
    {
      GBytes *cms = g_ptr_array_index (all, i);
      gsize len = g_bytes_get_size (cms);

      gboolean ok = FALSE;

      g_assert_true (_signet_cms_signed_data_views_agree (cms, &ok));
      walked += ok;
      for (guint m = 0; m < 24 && len > 16; m++)
        {
          guint8 *copy = g_memdup2 (g_bytes_get_data (cms, NULL), len);
          g_autoptr (GBytes) mutant = NULL;
          gsize pos, cut = len;

          seed = seed * 1103515245u + 12345u;
          /* Mostly near the end, where the SignerInfos are. */
          pos = (m % 2 == 0) ? len - 1 - (seed >> 8) % MIN (len, 600) : (seed >> 8) % len;
          copy[pos] = values[(seed >> 4) % G_N_ELEMENTS (values)];
          if (m % 8 == 7)
            cut = len - 1 - (seed >> 12) % MIN (len - 1, 64);
          mutant = g_bytes_new_take (copy, cut);
          gboolean mutant_walked = FALSE;

          if (!_signet_cms_signed_data_views_agree (mutant, &mutant_walked))
            {
              g_error ("CMS %u, mutant %u (byte %" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT " bytes): the walk "
                       "and libtasn1 disagree",
                       i, m, pos, cut);
            }
          mutants += mutant_walked;
        }
    }
  g_test_message ("%u CMS objects, %u walked; %u mutants walked", all->len, walked, mutants);
  g_assert_cmpuint (walked, >, all->len / 2);
  g_assert_cmpuint (mutants, >, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/cms/sniff", test_sniff);
  g_test_add_func ("/signet/cms/algorithms", test_algorithms);
  g_test_add_func ("/signet/cms/no-attributes", test_no_attributes);
  g_test_add_func ("/signet/cms/encapsulated", test_encapsulated);
  g_test_add_func ("/signet/cms/stream-ber", test_stream_ber);
  g_test_add_func ("/signet/cms/signer-identifier", test_signer_identifier);
  g_test_add_func ("/signet/cms/multiple-signers", test_multiple_signers);
  g_test_add_func ("/signet/cms/attributes", test_attributes);
  g_test_add_func ("/signet/cms/ess", test_ess);
  g_test_add_func ("/signet/cms/certs-only", test_certs_only);
  g_test_add_func ("/signet/cms/skipped-certificates", test_skipped_certificates);
  g_test_add_func ("/signet/cms/certificates-truncated", test_certificates_truncated);
  g_test_add_func ("/signet/cms/signers-truncated", test_signers_truncated);
  g_test_add_func ("/signet/cms/crls", test_crls);
  g_test_add_func ("/signet/cms/pem", test_pem);
  g_test_add_func ("/signet/cms/not-signed-data", test_not_signed_data);
  g_test_add_func ("/signet/cms/size-limit", test_size_limit);
  g_test_add_func ("/signet/cms/malformed-attributes", test_malformed_attributes);
  g_test_add_func ("/signet/cms/rsa-pss", test_rsa_pss);
  g_test_add_func ("/signet/cms/rsa-pss-restricted", test_rsa_pss_restricted);
  g_test_add_func ("/signet/cms/rsa-pss-params", test_rsa_pss_params);
  g_test_add_func ("/signet/cms/truncated", test_truncated);
  g_test_add_func ("/signet/cms/bit-flips", test_bit_flips);
  g_test_add_func ("/signet/cms/with-key", test_with_key);
  g_test_add_func ("/signet/cms/with-key-unchanged", test_with_key_unchanged);
  g_test_add_func ("/signet/cms/dsa-inherited", test_dsa_inherited);
  g_test_add_func ("/signet/cms/view-agrees", test_view_agrees);
  g_test_add_func ("/signet/cms/capabilities-second-attribute", test_capabilities_second_attribute);

  return g_test_run ();
}
