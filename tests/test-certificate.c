/* test-certificate.c: SignetCertificate (regressions found by fuzzing, the
 * extension list read once against GnuTLS's getters).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include <gnutls/x509-ext.h>

#include "signet-certificate.h"
#include "signet-certificate-private.h"
#include "signet-error.h"
#include "signet-init.h"
#include "signet-path.h"
#include "signet-test-util.h"
#include "signet-warning.h"

#define TEST_TIME 1893456000 /* 2030-01-01T00:00:00Z */

/* The DER of a self-signed ECDSA certificate (2020..2045, serial 1) that
 * @configure fills in beyond that (its subject, extensions). */
static GBytes *
self_signed_der (void (*configure) (gnutls_x509_crt_t crt, gconstpointer data), gconstpointer data)
{
  gnutls_x509_privkey_t key;
  gnutls_privkey_t signer;
  gnutls_x509_crt_t crt;
  gnutls_datum_t der = { NULL, 0 };
  guint8 serial = 1;
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (
                       key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, &serial, 1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, 1577836800), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, 2366841600), ==, 0);
  configure (crt, data);
  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_privkey_sign (crt, crt, signer, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der), ==, 0);
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  gnutls_privkey_deinit (signer);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return bytes;
}

typedef struct
{
  const char *oid;
  const guint8 *value;
  gsize len;
} RawName;

static void
set_raw_name (gnutls_x509_crt_t crt, gconstpointer data)
{
  const RawName *name = data;
  guint8 encoded[64];

  g_assert_cmpuint (name->len, <, sizeof encoded - 2);
  encoded[0] = 0x0c; /* UTF8String, but not UTF-8 */
  encoded[1] = (guint8) name->len;
  memcpy (encoded + 2, name->value, name->len);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (crt, name->oid, 1, encoded, (unsigned) name->len + 2), ==, 0);
}

/* A self-signed certificate whose subject is one UTF8String attribute
 * holding @value as it is, valid UTF-8 or not (GnuTLS copies it). */
static SignetCertificate *
certificate_with_raw_name (const char *oid, const guint8 *value, gsize len)
{
  RawName name = { oid, value, len };
  g_autoptr (GBytes) bytes = self_signed_der (set_raw_name, &name);
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert = signet_certificate_new_from_der (bytes, &error);

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

static gboolean
is_certificate_file (const char *name)
{
  return g_str_has_suffix (name, ".pem") || g_str_has_suffix (name, ".der") || g_str_has_suffix (name, ".crt");
}

/* Every certificate of the files under @dir (recursively): DER, or each
 * PEM block. */
static void
collect_certificates (const char *dir, GPtrArray *out)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  signet_test_collect_files (dir, is_certificate_file, paths);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr (GPtrArray) list = signet_certificate_list_from_file (g_ptr_array_index (paths, i), NULL);

      for (guint k = 0; list != NULL && k < list->len; k++)
        g_ptr_array_add (out, g_bytes_ref (signet_certificate_get_der (g_ptr_array_index (list, k))));
    }
}

/* The answer class of a getter: 0, "absent" or "fails". */
static int
answer_class (int rc)
{
  return rc >= 0 ? 0 : rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE ? 1 : 2;
}

/* _signet_certificate_get_extension_by_oid() answers as
 * gnutls_x509_crt_get_extension_by_oid2() does (the same success, absence
 * or failure, value and critical flag), for every extension OID of @der
 * and those the library asks for. Returns the number of lookups. */
static guint
compare_extensions (GBytes *der)
{
  static const char *const wanted[] = {
    "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.30", "2.5.29.31", "2.5.29.32",
    "2.5.29.33", "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.46", "2.5.29.54",
    "1.3.6.1.5.5.7.1.1", "1.2.3.4.5.6.7.8.9",
  };
  g_autoptr (SignetCertificate) cert = signet_certificate_new_from_der (der, NULL);
  g_autoptr (GPtrArray) oids = g_ptr_array_new_with_free_func (g_free);
  gnutls_x509_crt_t crt;
  guint lookups = 0;

  if (cert == NULL)
    return 0;
  crt = signet_certificate_get_gnutls (cert);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_ptr_array_add (oids, g_strdup (wanted[i]));
  for (unsigned idx = 0; idx < 200; idx++)
    {
      char oid[256];
      size_t size = sizeof oid;

      if (gnutls_x509_crt_get_extension_oid (crt, idx, oid, &size) < 0)
        break;
      g_ptr_array_add (oids, g_strdup (oid));
    }
  for (guint i = 0; i < oids->len; i++)
    {
      const char *oid = g_ptr_array_index (oids, i);
      gnutls_datum_t ours = { NULL, 0 }, theirs = { NULL, 0 };
      unsigned int ours_critical = 7, theirs_critical = 7;
      int a = _signet_certificate_get_extension_by_oid (cert, oid, &ours, &ours_critical);
      int b = gnutls_x509_crt_get_extension_by_oid2 (crt, oid, 0, &theirs, &theirs_critical);

      if (answer_class (a) != answer_class (b))
        g_error ("%s: extension %s: %d here, %d from GnuTLS", signet_certificate_get_sha256 (cert), oid,
                 a, b);
      if (a == 0)
        {
          g_assert_cmpmem (ours.data, ours.size, theirs.data, theirs.size);
          g_assert_cmpuint (ours_critical, ==, theirs_critical);
        }
      gnutls_free (ours.data);
      gnutls_free (theirs.data);
      lookups++;
    }

  /* What the list gives the certificate's getters, against GnuTLS's. */
  {
    g_autoptr (GPtrArray) critical = g_ptr_array_new_with_free_func (g_free);
    const char *const *ours = signet_certificate_get_critical_extensions (cert);
    unsigned int ca = 0, usage = 0, crit = 0;
    int pathlen = -1, rc;
    gboolean is_ca = FALSE;
    int our_pathlen = -2;
    guint our_usage = 0;
    guint8 id[256];
    size_t id_size;
    GBytes *our_id;

    for (unsigned idx = 0; idx < 128; idx++)
      {
        char oid[128];
        size_t size = sizeof oid;

        if (gnutls_x509_crt_get_extension_info (crt, idx, oid, &size, &crit) < 0)
          break;
        if (crit)
          g_ptr_array_add (critical, g_strdup (oid));
      }
    g_ptr_array_add (critical, NULL);
    g_assert_true (g_strv_equal (ours, (const char *const *) critical->pdata));

    rc = gnutls_x509_crt_get_basic_constraints (crt, &crit, &ca, &pathlen);
    g_assert_cmpint (signet_certificate_get_basic_constraints (cert, &is_ca, &our_pathlen), ==, rc >= 0);
    if (rc >= 0)
      {
        g_assert_cmpint (is_ca, ==, ca != 0);
        g_assert_cmpint (our_pathlen, ==, pathlen);
      }
    rc = gnutls_x509_crt_get_key_usage (crt, &usage, &crit);
    g_assert_cmpint (signet_certificate_get_key_usage (cert, &our_usage), ==, rc >= 0);
    if (rc >= 0)
      g_assert_cmpuint (our_usage, ==, usage);
    id_size = sizeof id;
    rc = gnutls_x509_crt_get_subject_key_id (crt, id, &id_size, &crit);
    our_id = signet_certificate_get_subject_key_id (cert);
    g_assert_cmpint (our_id != NULL, ==, rc >= 0);
    if (rc >= 0)
      g_assert_cmpmem (g_bytes_get_data (our_id, NULL), g_bytes_get_size (our_id), id, id_size);
    id_size = sizeof id;
    rc = gnutls_x509_crt_get_authority_key_id (crt, id, &id_size, &crit);
    our_id = signet_certificate_get_authority_key_id (cert);
    g_assert_cmpint (our_id != NULL, ==, rc >= 0);
    if (rc >= 0)
      g_assert_cmpmem (g_bytes_get_data (our_id, NULL), g_bytes_get_size (our_id), id, id_size);
  }
  return lookups;
}

static void
set_extensions_then_oid (gnutls_x509_crt_t crt, gconstpointer data)
{
  static const guint8 value[] = { 0x05, 0x00 };
  static const guint8 ski[] = { 1, 2, 3, 4 };

  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, "CN=Long OID", NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_key_id (crt, ski, sizeof ski), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_RFC822NAME, "a@example.org",
                                                         13, GNUTLS_FSAN_SET),
                   ==, 0);
  /* Last: GnuTLS cannot add an extension after it (its scan fails). */
  g_assert_cmpint (gnutls_x509_crt_set_extension_by_oid (crt, data, value, sizeof value, 1), ==, 0);
}

/* A self-signed certificate with a subjectKeyIdentifier, a subjectAltName
 * and then an extension whose extnID is @oid. */
static GBytes *
certificate_with_extension_oid (const char *oid)
{
  return self_signed_der (set_extensions_then_oid, oid);
}

/* A subjectAltName extension of @n dNSNames. */
static GBytes *
san_extension (guint n)
{
  gnutls_subject_alt_names_t sans;
  gnutls_datum_t der = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_subject_alt_names_init (&sans), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("host-%04u.example.org", i);
      gnutls_datum_t d = { (unsigned char *) name, (unsigned) strlen (name) };

      g_assert_cmpint (gnutls_subject_alt_names_set (sans, GNUTLS_SAN_DNSNAME, &d, NULL), ==, 0);
    }
  g_assert_cmpint (gnutls_x509_ext_export_subject_alt_names (sans, &der), ==, 0);
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  gnutls_subject_alt_names_deinit (sans);
  return bytes;
}

typedef struct
{
  const char *cn;
  GBytes *san;
} Named;

static void
set_named (gnutls_x509_crt_t crt, gconstpointer data)
{
  const Named *named = data;

  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, named->cn, NULL), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_extension_by_oid (crt, "2.5.29.17", g_bytes_get_data (named->san, NULL),
                                                         g_bytes_get_size (named->san), 0),
                   ==, 0);
}

/* The shared cache of parsed certificates keeps ordinary certificates
 * (the same object again) but not one larger than
 * SIGNET_CERTIFICATE_SHARED_MAX_DER (a fresh parse each time), and its
 * byte budget evicts the oldest. */
static void
test_shared_cache_bounds (void)
{
  g_autoptr (GBytes) few = san_extension (2);
  g_autoptr (GBytes) many = san_extension (400);
  g_autoptr (GBytes) some = san_extension (200);
  Named small_name = { "CN=Small", few }, large_name = { "CN=Large", many };
  g_autoptr (GBytes) small = self_signed_der (set_named, &small_name);
  g_autoptr (GBytes) large = self_signed_der (set_named, &large_name);
  g_autoptr (SignetCertificate) s1 = NULL, s2 = NULL, l1 = NULL, l2 = NULL, again = NULL;
  g_autoptr (GPtrArray) fill = g_ptr_array_new_with_free_func (g_object_unref);
  gsize filled = 0;

  g_assert_cmpuint (g_bytes_get_size (small), <, SIGNET_CERTIFICATE_SHARED_MAX_DER);
  g_assert_cmpuint (g_bytes_get_size (large), >, SIGNET_CERTIFICATE_SHARED_MAX_DER);
  signet_path_clear_caches ();
  s1 = _signet_certificate_new_shared (small);
  s2 = _signet_certificate_new_shared (small);
  l1 = _signet_certificate_new_shared (large);
  l2 = _signet_certificate_new_shared (large);
  g_assert_true (s1 == s2);
  g_assert_nonnull (l1);
  g_assert_true (l1 != l2);
  g_assert_true (signet_certificate_equal (l1, l2));

  /* More than the byte budget of other certificates: the first is gone. */
  for (guint i = 0; filled <= SIGNET_CERTIFICATE_SHARED_CACHE_BYTES; i++)
    {
      g_autofree char *cn = g_strdup_printf ("CN=Fill %u", i);
      Named fill_name = { cn, some };
      g_autoptr (GBytes) der = self_signed_der (set_named, &fill_name);

      g_assert_cmpuint (g_bytes_get_size (der), <=, SIGNET_CERTIFICATE_SHARED_MAX_DER);
      filled += g_bytes_get_size (der);
      g_ptr_array_add (fill, _signet_certificate_new_shared (der));
    }
  again = _signet_certificate_new_shared (small);
  g_assert_true (again != s1);
  g_assert_true (signet_certificate_equal (again, s1));
}

/* An extnID at the length GnuTLS's getters can read (126 characters fit
 * their buffer): found, and an absent extension after it is absent, here
 * as there. One character more and GnuTLS refuses the certificate at
 * import, so a getter's scan never fails on a certificate Signet holds
 * (the flag for it in read_extensions() stays as a guard). */
static void
test_extension_long_oid (void)
{
  for (guint length = 120; length <= 127; length++)
    {
      g_autoptr (GString) oid = g_string_new ("1.2.3");
      g_autoptr (GBytes) der = NULL;
      g_autoptr (SignetCertificate) cert = NULL;
      g_autoptr (GError) error = NULL;
      gnutls_datum_t value = { NULL, 0 };

      while (oid->len + 2 <= length)
        g_string_append (oid, ".9");
      if (oid->len < length)
        g_string_append (oid, "9");
      g_assert_cmpuint (oid->len, ==, length);
      der = certificate_with_extension_oid (oid->str);
      cert = signet_certificate_new_from_der (der, &error);
      if (length == 127)
        {
          g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (compare_extensions (der), >, 0);
      g_assert_cmpint (_signet_certificate_get_extension_by_oid (cert, oid->str, &value, NULL), ==, 0);
      gnutls_free (value.data);
      value.data = NULL;
      g_assert_cmpint (_signet_certificate_get_extension_by_oid (cert, "2.5.29.31", &value, NULL), ==,
                       GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE);
    }
}

/* Every certificate of the test data, and each of them with bytes of
 * its last part (where the extensions are) changed: the mutations GnuTLS
 * still imports make extensions with other OIDs, lengths, criticality and
 * unreadable entries. */
static void
test_extensions_as_gnutls (void)
{
  static const guint8 values[] = { 0x00, 0xff, 0x80, 0x06, 0x01, 0x7f };
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr (GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint lookups = 0, mutants = 0;
  guint32 seed = 1;

  collect_certificates (data_dir, ders);
  g_assert_cmpuint (ders->len, >, 300);
  for (guint i = 0; i < ders->len; i++)
    {
      GBytes *der = g_ptr_array_index (ders, i);
      gsize len = g_bytes_get_size (der);

      lookups += compare_extensions (der);
      for (guint m = 0; m < 12 && len > 64; m++)
        {
          guint8 *copy = g_memdup2 (g_bytes_get_data (der, NULL), len);
          g_autoptr (GBytes) mutant = NULL;
          gsize pos;

          seed = seed * 1103515245u + 12345u;
          /* In the last 40 % of the certificate, before the signature. */
          pos = len * 6 / 10 + (seed >> 8) % (len * 3 / 10);
          copy[pos] = values[(seed >> 4) % G_N_ELEMENTS (values)];
          mutant = g_bytes_new_take (copy, len);
          {
            guint n = compare_extensions (mutant);

            mutants += n > 0;
            lookups += n;
          }
        }
    }
  g_test_message ("%u certificates, %u importable mutants, %u lookups", ders->len, mutants, lookups);
  g_assert_cmpuint (mutants, >, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();
  g_test_add_func ("/signet/certificate/non-utf8-subject", test_non_utf8_subject);
  g_test_add_func ("/signet/certificate/extensions-as-gnutls", test_extensions_as_gnutls);
  g_test_add_func ("/signet/certificate/extension-long-oid", test_extension_long_oid);
  g_test_add_func ("/signet/certificate/shared-cache-bounds", test_shared_cache_bounds);
  return g_test_run ();
}
