/* test-certs-only.c: reading import files and writing certs-only messages.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "signet-certs-only.h"
#include "signet-error.h"
#include "signet-init.h"

static char *
store_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "store", name, NULL);
}

static char *
pki_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "store", name, NULL);
}

static SignetCertificate *
load_cert (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static SignetCertificate *
load_pki (const char *name)
{
  g_autofree char *path = pki_file (name);

  return load_cert (path);
}

static SignetCertsOnlyContents *
parse_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  SignetCertsOnlyContents *contents = signet_certs_only_parse_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contents);
  return contents;
}

static SignetCertsOnlyContents *
parse_store (const char *name)
{
  g_autofree char *path = store_file (name);

  return parse_path (path);
}

/* Asserts that @contents holds exactly the certificates of @names (pki
 * file names), in any order: a CMS CertificateSet is a SET. */
static void
assert_certs (SignetCertsOnlyContents *contents, const char *const *names)
{
  guint n = g_strv_length ((char **) names);

  g_assert_cmpuint (contents->certificates->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SignetCertificate) expected = load_pki (names[i]);
      gboolean found = FALSE;

      for (guint j = 0; j < n; j++)
        if (g_str_equal (signet_certificate_get_sha256 (g_ptr_array_index (contents->certificates, j)),
                         signet_certificate_get_sha256 (expected)))
          found = TRUE;
      if (!found)
        g_error ("%s is missing", names[i]);
    }
}

static guint
count_refusals (SignetCertsOnlyContents *contents, SignetRefusalReason reason)
{
  guint n = 0;

  for (guint i = 0; i < contents->refused->len; i++)
    if (((SignetRefusal *) g_ptr_array_index (contents->refused, i))->reason == reason)
      n++;
  return n;
}

static void
test_openssl_bag (void)
{
  g_autoptr (SignetCertsOnlyContents) der = parse_store ("openssl-bag.p7c");
  g_autoptr (SignetCertsOnlyContents) pem = parse_store ("openssl-bag.pem");

  assert_certs (der, (const char *[]) { "alice.pem", "inter-ca.pem", NULL });
  g_assert_cmpuint (der->refused->len, ==, 0);
  g_assert_cmpuint (der->crls->len, ==, 0);
  assert_certs (pem, (const char *[]) { "bob.pem", "inter-ca.pem", NULL });
  g_assert_cmpuint (pem->refused->len, ==, 0);
}

static void
test_message (void)
{
  g_autoptr (SignetCertsOnlyContents) single = parse_store ("certs-only.eml");
  g_autoptr (SignetCertsOnlyContents) multi = parse_store ("multipart.eml");

  assert_certs (single, (const char *[]) { "alice.pem", "inter-ca.pem", NULL });
  g_assert_cmpuint (single->refused->len, ==, 0);
  /* The text part is ignored; the .cer attachment is read. */
  assert_certs (multi, (const char *[]) { "bob.pem", NULL });
  g_assert_cmpuint (multi->refused->len, ==, 0);
}

static void
test_bundle (void)
{
  g_autoptr (SignetCertsOnlyContents) c = parse_store ("bundle.pem");
  SignetRefusal *dup;

  assert_certs (c, (const char *[]) { "alice.pem", "inter-ca.pem", NULL });
  g_assert_cmpuint (c->crls->len, ==, 1);
  g_assert_cmpuint (c->refused->len, ==, 3);
  dup = g_ptr_array_index (c->refused, 0);
  g_assert_cmpint (dup->reason, ==, SIGNET_REFUSAL_DUPLICATE);
  g_assert_nonnull (strstr (dup->location, "PEM block 3"));
  g_assert_cmpuint (count_refusals (c, SIGNET_REFUSAL_NOT_A_CERTIFICATE), ==, 2);
  g_assert_cmpstr (((SignetRefusal *) g_ptr_array_index (c->refused, 1))->detail, ==, "PRIVATE KEY");
  g_assert_cmpstr (((SignetRefusal *) g_ptr_array_index (c->refused, 2))->detail, ==,
                   "CERTIFICATE REQUEST");
}

static void
test_der (void)
{
  g_autofree char *alice = pki_file ("alice.der");
  g_autoptr (SignetCertsOnlyContents) cert = parse_path (alice);
  g_autoptr (SignetCertsOnlyContents) crl = parse_store ("inter-1.crl");
  g_autoptr (SignetCertsOnlyContents) bag = parse_store ("with-crl.p7c");

  assert_certs (cert, (const char *[]) { "alice.pem", NULL });
  g_assert_cmpuint (cert->refused->len, ==, 0);
  g_assert_cmpuint (crl->certificates->len, ==, 0);
  g_assert_cmpuint (crl->crls->len, ==, 1);
  g_assert_cmpuint (crl->refused->len, ==, 0);
  assert_certs (bag, (const char *[]) { "alice.pem", NULL });
  g_assert_cmpuint (bag->crls->len, ==, 1);
  g_assert_cmpuint (bag->refused->len, ==, 0);
}

static void
test_concatenated_der (void)
{
  g_autofree char *a = pki_file ("alice.der");
  g_autofree char *b = pki_file ("bob.der");
  g_autofree char *da = NULL, *db = NULL;
  gsize la, lb;
  g_autoptr (GByteArray) both = g_byte_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SignetCertsOnlyContents) c = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_byte_array_append (both, (guint8 *) da, la);
  g_byte_array_append (both, (guint8 *) db, lb);
  g_byte_array_append (both, (guint8 *) "\x30\x85", 2); /* truncated tail */
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&both));
  c = signet_certs_only_parse (bytes, &error);
  g_assert_no_error (error);
  assert_certs (c, (const char *[]) { "alice.pem", "bob.pem", NULL });
  g_assert_cmpuint (c->refused->len, ==, 1);
  g_assert_cmpint (((SignetRefusal *) g_ptr_array_index (c->refused, 0))->reason, ==,
                   SIGNET_REFUSAL_GARBAGE);
}

static void
test_attribute_certificates (void)
{
  g_autoptr (SignetCertsOnlyContents) bare = parse_store ("attribute-cert.der");
  g_autoptr (SignetCertsOnlyContents) bag = parse_store ("attribute-bag.p7c");
  g_autoptr (SignetCertsOnlyContents) ocsp = parse_store ("ocsp-bag.p7c");

  g_assert_cmpuint (bare->certificates->len, ==, 0);
  g_assert_cmpuint (bare->refused->len, ==, 1);
  g_assert_cmpint (((SignetRefusal *) g_ptr_array_index (bare->refused, 0))->reason, ==,
                   SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE);

  assert_certs (bag, (const char *[]) { "alice.pem", NULL });
  g_assert_cmpuint (bag->refused->len, ==, 1);
  g_assert_cmpint (((SignetRefusal *) g_ptr_array_index (bag->refused, 0))->reason, ==,
                   SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE);

  assert_certs (ocsp, (const char *[]) { "alice.pem", NULL });
  g_assert_cmpuint (ocsp->crls->len, ==, 0);
  g_assert_cmpuint (ocsp->refused->len, ==, 1);
  g_assert_cmpint (((SignetRefusal *) g_ptr_array_index (ocsp->refused, 0))->reason, ==,
                   SIGNET_REFUSAL_OTHER_REVOCATION_INFO);
}

static void
test_garbage (void)
{
  const char *const names[] = { "garbage.bin", "text.txt" };
  g_autofree char *alice = pki_file ("alice.der");
  g_autofree char *data = NULL;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (SignetCertsOnlyContents) c = parse_store (names[i]);
      g_autofree char *sentence = NULL;

      g_assert_cmpuint (c->certificates->len, ==, 0);
      g_assert_cmpuint (c->refused->len, ==, 1);
      g_assert_cmpint (((SignetRefusal *) g_ptr_array_index (c->refused, 0))->reason, ==,
                       SIGNET_REFUSAL_GARBAGE);
      sentence = signet_refusal_describe (g_ptr_array_index (c->refused, 0));
      g_assert_cmpuint (strlen (sentence), >, 10);
    }

  /* Every truncation of a certificate is refused, never read past. */
  g_assert_true (g_file_get_contents (alice, &data, &len, NULL));
  for (gsize cut = 0; cut < len; cut += 7)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (data, cut);
      g_autoptr (SignetCertsOnlyContents) c = signet_certs_only_parse (bytes, NULL);

      g_assert_nonnull (c);
      g_assert_cmpuint (c->certificates->len, ==, 0);
      g_assert_cmpuint (c->refused->len, >=, 1);
    }
}

static void
test_gpgsm_export (void)
{
  g_autoptr (SignetCertsOnlyContents) armor = parse_store ("gpgsm-export.pem");
  g_autoptr (SignetCertsOnlyContents) bin = parse_store ("gpgsm-bob.der");

  g_assert_cmpuint (armor->certificates->len, ==, 4);
  g_assert_cmpuint (armor->refused->len, ==, 0);
  assert_certs (bin, (const char *[]) { "bob.pem", NULL });
}

static void
test_limits (void)
{
  g_autoptr (GString) pem = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SignetCertsOnlyContents) c = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cert_path = pki_file ("alice.pem");
  g_autofree char *cert_pem = NULL;
  g_autofree char *level = NULL;
  SignetRefusal *last;

  for (guint i = 0; i < SIGNET_CERTS_ONLY_MAX_ITEMS + 10; i++)
    g_string_append (pem, "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n");
  bytes = g_bytes_new (pem->str, pem->len);
  c = signet_certs_only_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->refused->len, ==, SIGNET_CERTS_ONLY_MAX_ITEMS + 1);
  last = g_ptr_array_index (c->refused, c->refused->len - 1);
  g_assert_cmpint (last->reason, ==, SIGNET_REFUSAL_TOO_MANY);
  g_clear_pointer (&c, signet_certs_only_contents_free);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Messages nested in PEM attachments, deeper than the limit. */
  g_assert_true (g_file_get_contents (cert_path, &cert_pem, NULL, NULL));
  level = g_strdup (cert_pem);
  for (guint depth = 0; depth <= SIGNET_CERTS_ONLY_MAX_DEPTH + 1; depth++)
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) level, strlen (level));
      char *next = g_strdup_printf ("MIME-Version: 1.0\nContent-Type: application/x-pem-file\n"
                                    "Content-Transfer-Encoding: base64\n\n%s\n", b64);

      g_free (level);
      level = next;
    }
  bytes = g_bytes_new (level, strlen (level));
  c = signet_certs_only_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->certificates->len, ==, 0);
  g_assert_cmpuint (count_refusals (c, SIGNET_REFUSAL_TOO_MANY), ==, 1);
  g_clear_pointer (&c, signet_certs_only_contents_free);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Too big a file is an error. */
  bytes = g_bytes_new_take (g_malloc0 (SIGNET_CERTS_ONLY_MAX_FILE_SIZE + 1),
                            SIGNET_CERTS_ONLY_MAX_FILE_SIZE + 1);
  c = signet_certs_only_parse (bytes, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (c);
  g_clear_error (&error);

  c = signet_certs_only_parse_file ("/nonexistent/file.p7c", &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_assert_null (c);
}

static GPtrArray *
three_certs (void)
{
  GPtrArray *certs = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (certs, load_pki ("alice.pem"));
  g_ptr_array_add (certs, load_pki ("inter-ca.pem"));
  g_ptr_array_add (certs, load_pki ("root-ca.pem"));
  return certs;
}

static void
test_round_trip (void)
{
  g_autoptr (GPtrArray) certs = three_certs ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) p7c = signet_certs_only_build_p7c (certs, &error);
  g_autoptr (GBytes) message = NULL;
  g_autoptr (SignetCertsOnlyContents) from_p7c = NULL;
  g_autoptr (SignetCertsOnlyContents) from_message = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  /* RFC 5652 5.2: without signers, eContentType is id-data (GnuTLS alone
   * writes digestedData) and there is no eContent. */
  {
    static const guint8 id_data_eci[] = { 0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                          0xf7, 0x0d, 0x01, 0x07, 0x01 };
    gsize len;
    const guint8 *der = g_bytes_get_data (p7c, &len);

    g_assert_cmpuint (len, >, 30);
    g_assert_cmpmem (der + 28, sizeof id_data_eci, id_data_eci, sizeof id_data_eci);
  }
  from_p7c = signet_certs_only_parse (p7c, &error);
  g_assert_no_error (error);
  assert_certs (from_p7c, (const char *[]) { "alice.pem", "inter-ca.pem", "root-ca.pem", NULL });
  g_assert_cmpuint (from_p7c->refused->len, ==, 0);

  message = signet_certs_only_build_message (certs, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_assert_nonnull (strstr (text, "Content-Type: application/pkcs7-mime; smime-type=certs-only; name=smime.p7c\r\n"));
  g_assert_nonnull (strstr (text, "Content-Transfer-Encoding: base64\r\n"));
  g_assert_nonnull (strstr (text, "Content-Disposition: attachment; filename=smime.p7c\r\n"));
  from_message = signet_certs_only_parse (message, &error);
  g_assert_no_error (error);
  assert_certs (from_message, (const char *[]) { "alice.pem", "inter-ca.pem", "root-ca.pem", NULL });
  g_assert_cmpuint (from_message->refused->len, ==, 0);
}

static char *
write_export (gboolean as_message)
{
  g_autoptr (GPtrArray) certs = three_certs ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out = as_message ? signet_certs_only_build_message (certs, &error)
                                      : signet_certs_only_build_p7c (certs, &error);
  char *path = g_build_filename (g_get_user_data_dir (), as_message ? "export.eml" : "export.p7c", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (out, NULL), g_bytes_get_size (out), NULL));
  return path;
}

static void
test_openssl_reads_export (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;
  guint n = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  path = write_export (FALSE);
  g_assert_true (g_spawn_sync (NULL,
                               (char *[]) { openssl, "pkcs7", "-inform", "DER", "-in", path,
                                            "-print_certs", "-noout", NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (const char *p = out; (p = strstr (p, "subject=")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, 3);
  g_assert_nonnull (strstr (out, "Alice Example"));
  g_assert_nonnull (strstr (out, "Signet Store Test Root CA"));
}

static void
test_gpgsm_reads_export (void)
{
  g_autofree char *gpgsm = g_find_program_in_path ("gpgsm");
  g_autofree char *gpgconf = g_find_program_in_path ("gpgconf");
  /* gpgsm imports DER or PEM objects, not MIME messages: only the .p7c. */
  const char *const files[] = { "p7c" };

  if (gpgsm == NULL)
    {
      g_test_skip ("gpgsm is not installed");
      return;
    }
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = write_export (f == 1);
      g_autofree char *home = g_build_filename (g_get_user_data_dir (), "gnupg", files[f], NULL);
      g_autofree char *conf = g_build_filename (home, "gpgsm.conf", NULL);
      g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "GNUPGHOME", home, TRUE);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto (GStrv) lines = NULL;
      g_autoptr (GError) error = NULL;
      int status;
      guint n = 0;

      g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
      g_assert_true (g_file_set_contents (conf, "disable-crl-checks\n", -1, NULL));
      g_assert_true (g_spawn_sync (NULL, (char *[]) { gpgsm, "--batch", "--import", path, NULL },
                                   env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                                   &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("gpgsm --import %s failed: %s", path, err);
      g_assert_true (g_spawn_sync (NULL,
                                   (char *[]) { gpgsm, "--batch", "--with-colons", "--list-keys", NULL },
                                   env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                                   &error));
      g_assert_no_error (error);
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (g_str_has_prefix (lines[i], "crt:") || g_str_has_prefix (lines[i], "crs:"))
          n++;
      g_assert_cmpuint (n, ==, 3);
      if (gpgconf)
        g_spawn_sync (NULL, (char *[]) { gpgconf, "--kill", "all", NULL }, env,
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                      NULL, NULL, NULL);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  signet_init ();

  g_test_add_func ("/signet/certs-only/openssl-bag", test_openssl_bag);
  g_test_add_func ("/signet/certs-only/message", test_message);
  g_test_add_func ("/signet/certs-only/bundle", test_bundle);
  g_test_add_func ("/signet/certs-only/der", test_der);
  g_test_add_func ("/signet/certs-only/concatenated-der", test_concatenated_der);
  g_test_add_func ("/signet/certs-only/attribute-certificates", test_attribute_certificates);
  g_test_add_func ("/signet/certs-only/garbage", test_garbage);
  g_test_add_func ("/signet/certs-only/gpgsm-export", test_gpgsm_export);
  g_test_add_func ("/signet/certs-only/limits", test_limits);
  g_test_add_func ("/signet/certs-only/round-trip", test_round_trip);
  g_test_add_func ("/signet/certs-only/openssl-reads-export", test_openssl_reads_export);
  g_test_add_func ("/signet/certs-only/gpgsm-reads-export", test_gpgsm_reads_export);

  return g_test_run ();
}
