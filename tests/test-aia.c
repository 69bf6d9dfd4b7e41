/* test-aia.c: fetchable URIs from cRLDistributionPoints, freshestCRL and
 * authorityInfoAccess.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-aia.h"
#include "signet-fetcher.h"
#include "signet-init.h"

static SignetCertificate *
load_cert (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ocsp", file, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  g_autoptr (GBytes) data = NULL;
  SignetCertificate *cert;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  data = g_bytes_new_take (contents, len);
  cert = signet_certificate_new_from_bytes (data, &error);
  g_assert_no_error (error);
  return cert;
}

static void
assert_strv (GStrv got, const char *const *want)
{
  g_autofree char *joined = g_strjoinv (" ", got);

  g_test_message ("got: %s", joined);
  g_assert_true (g_strv_equal ((const char *const *) got, want));
}

static void
test_mixed (void)
{
  /* aia.der lists http, https, ldap, ftp and file URIs and a duplicate. */
  g_autoptr (SignetCertificate) cert = load_cert ("aia.der");
  g_auto (GStrv) crl = signet_aia_get_crl_distribution_uris (cert);
  g_auto (GStrv) fresh = signet_aia_get_freshest_crl_uris (cert);
  g_auto (GStrv) ocsp = signet_aia_get_ocsp_uris (cert);
  g_auto (GStrv) issuers = signet_aia_get_ca_issuers_uris (cert);
  const char *want_crl[] = { "http://crl.example.org/ca.crl", "https://crl2.example.org/ca.crl",
                             NULL };
  const char *want_fresh[] = { "http://crl.example.org/delta.crl", NULL };
  const char *want_ocsp[] = { "http://ocsp.example.org/", NULL };
  const char *want_issuers[] = { "https://ca.example.org/ca.p7c", "http://ca.example.org/ca.der",
                                 NULL };

  assert_strv (crl, want_crl);
  assert_strv (fresh, want_fresh);
  assert_strv (ocsp, want_ocsp);
  assert_strv (issuers, want_issuers);
}

static void
test_plain (void)
{
  g_autoptr (SignetCertificate) leaf = load_cert ("leaf.pem");
  g_autoptr (SignetCertificate) ca = load_cert ("ca.pem");
  g_auto (GStrv) crl = signet_aia_get_crl_distribution_uris (leaf);
  g_auto (GStrv) fresh = signet_aia_get_freshest_crl_uris (leaf);
  g_auto (GStrv) ocsp = signet_aia_get_ocsp_uris (leaf);
  g_auto (GStrv) issuers = signet_aia_get_ca_issuers_uris (leaf);
  g_auto (GStrv) none = signet_aia_get_ocsp_uris (ca);
  g_auto (GStrv) none2 = signet_aia_get_crl_distribution_uris (ca);
  const char *want_crl[] = { "http://crl.example.org/ca.crl", NULL };
  const char *want_ocsp[] = { "http://ocsp.example.org/", NULL };
  const char *want_issuers[] = { "http://ca.example.org/ca.der", NULL };
  const char *empty[] = { NULL };

  assert_strv (crl, want_crl);
  assert_strv (fresh, empty);
  assert_strv (ocsp, want_ocsp);
  assert_strv (issuers, want_issuers);
  assert_strv (none, empty);
  assert_strv (none2, empty);
}

static void
test_allowed (void)
{
  const char *yes[] = { "http://crl.example.org/ca.crl", "https://ca.example.org/x?y=1",
                        "http://127.0.0.1:8080/a", "http://[::1]/crl",
                        "HTTP://CRL.EXAMPLE.ORG/CA.CRL" };
  const char *no[] = { "file:///etc/passwd",
                       "ftp://crl.example.org/ca.crl",
                       "ldap://ldap.example.org/cn=CA",
                       "data:,hello",
                       "http:///nohost",
                       "http://exa mple.org/",
                       "http://example.org/\n",
                       "/relative/path",
                       "javascript:alert(1)",
                       "",
                       "gopher://example.org/" };

  for (gsize i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (signet_fetch_uri_is_allowed (yes[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_test_message ("%s", no[i]);
      g_assert_false (signet_fetch_uri_is_allowed (no[i]));
    }
  g_assert_false (signet_fetch_uri_is_allowed (NULL));

  {
    GString *s = g_string_new ("http://example.org/");

    while (s->len <= 2048)
      g_string_append_c (s, 'a');
    g_assert_false (signet_fetch_uri_is_allowed (s->str));
    g_string_truncate (s, 2048);
    g_assert_true (signet_fetch_uri_is_allowed (s->str));
    g_string_free (s, TRUE);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/aia/mixed", test_mixed);
  g_test_add_func ("/signet/aia/plain", test_plain);
  g_test_add_func ("/signet/aia/allowed", test_allowed);

  return g_test_run ();
}
