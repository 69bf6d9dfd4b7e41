/* test-attribute-cert.c: attribute certificates inside CMS, shown and
 * never used for paths.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "signet-attribute-cert.h"
#include "signet-cms.h"
#include "signet-error.h"
#include "signet-init.h"

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "recipient", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
test_scan (void)
{
  g_autoptr (GBytes) cms = read_data ("attribute-cert.p7");
  g_autoptr (GBytes) holder_der = read_data ("carol.der");
  g_autoptr (GBytes) other_der = read_data ("carol-new.der");
  g_autoptr (SignetCertificate) holder = signet_certificate_new_from_der (holder_der, NULL);
  g_autoptr (SignetCertificate) other = signet_certificate_new_from_der (other_der, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCmsCertificateSet) set = NULL;
  g_autoptr (JsonNode) json = NULL;
  SignetAttributeCertificate *ac;
  SignetAttributeCertAttribute *role;
  JsonObject *o;

  set = signet_attribute_certificate_scan_cms (cms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (set->n_certificates, ==, 1);
  g_assert_cmpuint (set->attribute_certificates->len, ==, 1);
  /* PKCS #6 extended certificates are ignored, with a note. */
  g_assert_cmpuint (set->n_extended, ==, 1);
  g_assert_cmpuint (set->notes->len, ==, 1);
  g_assert_nonnull (strstr (set->notes->pdata[0], "PKCS #6"));

  ac = set->attribute_certificates->pdata[0];
  g_assert_cmpint (signet_attribute_certificate_get_version (ac), ==, 2);
  g_assert_cmpstr (signet_attribute_certificate_get_issuer (ac), ==,
                   "email:attribute-authority@example.org");
  g_assert_nonnull (strstr (signet_attribute_certificate_get_holder (ac), "Recipient Test CA"));
  g_assert_cmpstr (signet_attribute_certificate_get_serial_hex (ac), ==, "1234");
  g_assert_cmpint (signet_attribute_certificate_get_not_before (ac), ==, 1577836800);
  g_assert_cmpint (signet_attribute_certificate_get_not_after (ac), ==, 2366841600);
  g_assert_true (signet_attribute_certificate_holder_matches (ac, holder));
  g_assert_false (signet_attribute_certificate_holder_matches (ac, other));
  g_assert_cmpuint (signet_attribute_certificate_get_attributes (ac)->len, ==, 1);
  role = signet_attribute_certificate_get_attributes (ac)->pdata[0];
  g_assert_cmpstr (role->oid, ==, "2.5.4.72");
  g_assert_cmpstr (role->name, ==, "role");
  g_assert_cmpstr (role->values[0], ==, "email:treasurer@example.org");
  g_assert_null (role->values[1]);

  json = signet_attribute_certificate_to_json (ac);
  o = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (o, "not_before"), ==, "2020-01-01T00:00:00Z");
  g_assert_false (json_object_get_boolean_member (o, "used_for_paths"));
}

static void
test_cms_skips_them (void)
{
  g_autoptr (GBytes) cms = read_data ("attribute-cert.p7");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCms) parsed = signet_cms_new (cms, &error);

  /* The SignedData parser keeps only the X.509 certificate for paths. */
  g_assert_no_error (error);
  g_assert_cmpuint (signet_cms_get_certificates (parsed)->len, ==, 1);
  g_assert_cmpuint (signet_cms_get_n_skipped_certificates (parsed), ==, 2);
}

static void
test_garbage (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) junk = g_bytes_new_static ("\xa2\x03\x02\x01\x01", 5);
  g_autoptr (GBytes) cert = read_data ("carol.der");
  g_autoptr (SignetAttributeCertificate) ac = NULL;
  g_autoptr (SignetCmsCertificateSet) set = NULL;

  ac = signet_attribute_certificate_new_from_der (junk, &error);
  g_assert_null (ac);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);
  set = signet_attribute_certificate_scan_cms (cert, &error);
  g_assert_null (set);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);

  /* Every truncation of the fixture fails cleanly or decodes. */
  {
    g_autoptr (GBytes) cms = read_data ("attribute-cert.p7");
    gsize len = g_bytes_get_size (cms);

    for (gsize cut = 0; cut < len; cut += 7)
      {
        g_autoptr (GBytes) part = g_bytes_new_from_bytes (cms, 0, cut);
        g_autoptr (SignetCmsCertificateSet) s = signet_attribute_certificate_scan_cms (part, NULL);

        g_assert_null (s);
      }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/attribute-cert/scan", test_scan);
  g_test_add_func ("/signet/attribute-cert/cms-skips-them", test_cms_skips_them);
  g_test_add_func ("/signet/attribute-cert/garbage", test_garbage);
  return g_test_run ();
}
