/* test-certificate.c: SignetCertificate (regressions found by fuzzing).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/x509.h>

#include "signet-certificate.h"
#include "signet-init.h"
#include "signet-path.h"
#include "signet-warning.h"

#define TEST_TIME 1893456000 /* 2030-01-01T00:00:00Z */

/* A self-signed certificate whose subject is one UTF8String attribute
 * holding @value as it is, valid UTF-8 or not (GnuTLS copies it). */
static SignetCertificate *
certificate_with_raw_name (const char *oid, const guint8 *value, gsize len)
{
  gnutls_x509_privkey_t key;
  gnutls_privkey_t signer;
  gnutls_x509_crt_t crt;
  gnutls_datum_t der = { NULL, 0 };
  guint8 encoded[64];
  guint8 serial = 1;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert;

  g_assert_cmpuint (len, <, sizeof encoded - 2);
  encoded[0] = 0x0c; /* UTF8String, but not UTF-8 */
  encoded[1] = (guint8) len;
  memcpy (encoded + 2, value, len);

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (
                       key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (crt, oid, 1, encoded, (unsigned) len + 2), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, &serial, 1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, 1577836800), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, 2366841600), ==, 0);
  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_privkey_sign (crt, crt, signer, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der), ==, 0);
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  gnutls_privkey_deinit (signer);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);

  cert = signet_certificate_new_from_der (bytes, &error);
  g_assert_no_error (error);
  return cert;
}

/* A subject that is not UTF-8 must still give UTF-8 strings: they end up
 * in GVariant warning details, where invalid UTF-8 was a critical (and a
 * NULL detail) in path validation (fuzz/regressions/certificate-path/
 * non-utf8-dn, fuzz/regressions/message/non-utf8-dn.eml). */
static void
test_non_utf8_subject (void)
{
  static const guint8 latin1[] = { 'M', 0xfc, 'l', 'l', 'e', 'r', 0xff };
  /* organizationName: no CN, so the display name is the subject DN. */
  g_autoptr (SignetCertificate) cert =
      certificate_with_raw_name ("2.5.4.10", latin1, sizeof latin1);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new ();
  g_autoptr (SignetPathResult) result = NULL;
  SignetPathOptions options;
  GPtrArray *warnings;

  g_assert_true (g_utf8_validate (signet_certificate_get_subject (cert), -1, NULL));
  g_assert_true (g_utf8_validate (signet_certificate_get_issuer (cert), -1, NULL));
  g_assert_true (g_utf8_validate (signet_certificate_get_display_name (cert), -1, NULL));
  g_assert_nonnull (strstr (signet_certificate_get_display_name (cert), "ller"));

  /* Self-signed, not an anchor: the path module names it in warnings. */
  signet_path_options_init (&options, TEST_TIME);
  options.check_revocation = FALSE;
  result = signet_path_validate (cert, NULL, anchors, NULL, &options);
  g_assert_false (signet_path_result_get_path_valid (result));
  warnings = signet_path_result_get_warnings (result);
  g_assert_cmpuint (warnings->len, >, 0);
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *name =
          signet_warning_get_detail_string (g_ptr_array_index (warnings, i), "certificate");

      if (name != NULL)
        g_assert_true (g_utf8_validate (name, -1, NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();
  g_test_add_func ("/signet/certificate/non-utf8-subject", test_non_utf8_subject);
  return g_test_run ();
}
