/* test-request.c: the certificate request message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <gmime/gmime.h>
#include <string.h>

#include "signet-certs-only.h"
#include "signet-error.h"
#include "signet-gmime-private.h"
#include "signet-init.h"
#include "signet-report.h"
#include "signet-recipient-cli.h"
#include "signet-request.h"
#include "signet-signature.h"
#include "signet-store.h"
#include "signet-verifier.h"

#define NOW 1893456000 /* 2030-01-01T00:00:00Z */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "recipient", name, NULL);
}

static SignetCertificate *
load (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  SignetCertificate *cert;

  g_autoptr (GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  cert = signet_certificate_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return cert;
}

typedef struct
{
  char *dir;
  SignetStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  const char *const names[] = { "root.der",          "inter.der", "carol.der",
                                "carol-expired.der", "dave.der",  NULL };

  /* The child of test_cli uses its parent's store. */
  if (g_test_subprocess ())
    return;
  f->dir = g_dir_make_tmp ("signet-request-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = signet_store_open (f->dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (certs, load (names[i]));
  g_assert_true (signet_store_add_certificates (f->store, certs, "test", NOW, NULL, &error));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  const char *rm[] = { "rm", "-rf", f->dir, NULL };

  if (f->dir == NULL)
    return;
  g_clear_object (&f->store);
  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

static GMimeMessage *
parse (GBytes *bytes)
{
  g_autoptr (GMimeStream) stream =
      g_mime_stream_mem_new_with_buffer (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *m = g_mime_parser_construct_message (parser, NULL);

  g_assert_nonnull (m);
  return m;
}

/* The certs-only attachment of a multipart/mixed, parsed. */
static SignetCertsOnlyContents *
certs_of (GMimeObject *mixed)
{
  GMimeObject *att;
  GMimeDataWrapper *w;
  g_autoptr (GMimeStream) out = g_mime_stream_mem_new ();
  GByteArray *array;
  g_autoptr (GBytes) der = NULL;
  g_autoptr (GError) error = NULL;
  SignetCertsOnlyContents *contents;

  g_assert_true (GMIME_IS_MULTIPART (mixed));
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (mixed)), ==, 2);
  g_assert_true (g_mime_content_type_is_type (
      g_mime_object_get_content_type (g_mime_multipart_get_part (GMIME_MULTIPART (mixed), 0)),
      "text", "plain"));
  att = g_mime_multipart_get_part (GMIME_MULTIPART (mixed), 1);
  g_assert_true (g_mime_content_type_is_type (g_mime_object_get_content_type (att), "application",
                                              "pkcs7-mime"));
  g_assert_cmpstr (g_mime_object_get_content_type_parameter (att, "smime-type"), ==, "certs-only");
  w = g_mime_part_get_content (GMIME_PART (att));
  g_mime_data_wrapper_write_to_stream (w, out);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  der = g_bytes_new (array->data, array->len);
  contents = signet_certs_only_parse (der, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_unsigned (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMimeMessage) m = NULL;
  g_autoptr (SignetCertsOnlyContents) contents = NULL;
  g_autoptr (SignetCertificate) carol = load ("carol.der");
  SignetRequestOptions options;
  InternetAddressList *from;
  g_autofree char *text = NULL;

  signet_request_options_init (&options, NOW);
  options.from = "carol@example.org";
  options.to = "dave@example.org";
  bytes = signet_request_build (f->store, &options, &error);
  g_assert_no_error (error);
  m = parse (bytes);
  from = g_mime_message_get_from (m);
  g_assert_cmpint (internet_address_list_length (from), ==, 1);
  g_assert_cmpstr (internet_address_mailbox_get_addr (
                       INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (from, 0))),
                   ==, "carol@example.org");
  g_assert_nonnull (g_mime_message_get_subject (m));
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "\r\n"));
  g_assert_nonnull (strstr (text, "multipart/mixed"));

  /* The valid certificate (not the expired one) and its whole chain. */
  contents = certs_of (g_mime_message_get_mime_part (m));
  g_assert_cmpuint (contents->certificates->len, ==, 3);
  {
    gboolean found = FALSE;

    /* A SET OF: DER sorts it, the order is not kept. */
    for (guint i = 0; i < contents->certificates->len; i++)
      found |= signet_certificate_equal (contents->certificates->pdata[i], carol);
    g_assert_true (found);
  }
}

static void
test_by_fingerprint (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCertificate) expired = load ("carol-expired.der");
  g_autoptr (SignetCertificate) chosen = NULL;
  g_autoptr (SignetCertificate) none = NULL;

  chosen = signet_request_choose_certificate (f->store, "carol@example.org",
                                              signet_certificate_get_sha256 (expired), NOW, &error);
  g_assert_no_error (error);
  g_assert_true (signet_certificate_equal (chosen, expired));
  /* A fingerprint of someone else's certificate is refused. */
  {
    g_autoptr (SignetCertificate) dave = load ("dave.der");

    none = signet_request_choose_certificate (f->store, "carol@example.org",
                                              signet_certificate_get_sha256 (dave), NOW, &error);
    g_assert_null (none);
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
    g_clear_error (&error);
  }
  /* Nobody's certificate: an error that says so. */
  none = signet_request_choose_certificate (f->store, "erin@example.org", NULL, NOW, &error);
  g_assert_null (none);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
}

static void
test_signed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMimeMessage) m = NULL;
  g_autoptr (SignetVerifier) verifier = signet_verifier_new ();
  g_autoptr (SignetCertificate) root = load ("root.der");
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetCertsOnlyContents) contents = NULL;
  g_autofree char *key = data_path ("carol.key");
  g_autofree char *wrong = data_path ("dave.key");
  GMimeObject *part;
  SignetRequestOptions options;

  signet_request_options_init (&options, NOW);
  options.from = "carol@example.org";
  options.to = "dave@example.org";
  options.key_file = key;
  bytes = signet_request_build (f->store, &options, &error);
  g_assert_no_error (error);
  m = parse (bytes);
  part = g_mime_message_get_mime_part (m);
  g_assert_true (GMIME_IS_MULTIPART_SIGNED (part));
  g_assert_cmpstr (g_mime_object_get_content_type_parameter (part, "protocol"), ==,
                   "application/pkcs7-signature");
  contents = certs_of (g_mime_multipart_get_part (GMIME_MULTIPART (part), 0));
  g_assert_cmpuint (contents->certificates->len, ==, 3);

  /* Signet's own verifier accepts the signature. */
  signet_verifier_add_anchor (verifier, root);
  signet_verifier_set_time (verifier, NOW);
  signet_verifier_set_offline (verifier, TRUE);
  signet_verifier_set_check_revocation (verifier, FALSE);
  report = signet_verifier_verify_bytes (verifier, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signet_report_get_signatures (report)->len, ==, 1);
  g_assert_cmpint (signet_signature_get_verdict (signet_report_get_signatures (report)->pdata[0]),
                   ==, SIGNET_VERDICT_VALID);

  /* A key that is not the certificate's is refused. */
  g_clear_pointer (&bytes, g_bytes_unref);
  options.key_file = wrong;
  bytes = signet_request_build (f->store, &options, &error);
  g_assert_null (bytes);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
}

static void
test_signed_pkcs12 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMimeMessage) m = NULL;
  g_autofree char *p12 = data_path ("carol.p12");
  SignetRequestOptions options;

  signet_request_options_init (&options, NOW);
  options.from = "carol@example.org";
  options.to = "dave@example.org";
  options.key_file = p12;
  options.key_password = "wrong";
  bytes = signet_request_build (f->store, &options, &error);
  g_assert_null (bytes);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);
  options.key_password = "secret";
  bytes = signet_request_build (f->store, &options, &error);
  g_assert_no_error (error);
  m = parse (bytes);
  g_assert_true (GMIME_IS_MULTIPART_SIGNED (g_mime_message_get_mime_part (m)));
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) carol = load ("carol.der");

  if (g_test_subprocess ())
    {
      char *argv[] = { "request", "dave@example.org",
                       "--store", (char *) g_getenv ("SIGNET_TEST_STORE"),
                       "--cert",  (char *) signet_certificate_get_sha256 (carol),
                       "--at",    "2030-01-01",
                       NULL };

      exit (signet_cli_request (g_strv_length (argv), argv));
    }
  g_setenv ("SIGNET_TEST_STORE", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*From: carol@example.org*To: dave@example.org*"
                             "application/pkcs7-mime; smime-type=certs-only*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add ("/signet/request/unsigned", Fixture, NULL, fixture_set_up, test_unsigned,
              fixture_tear_down);
  g_test_add ("/signet/request/by-fingerprint", Fixture, NULL, fixture_set_up, test_by_fingerprint,
              fixture_tear_down);
  g_test_add ("/signet/request/signed", Fixture, NULL, fixture_set_up, test_signed,
              fixture_tear_down);
  g_test_add ("/signet/request/signed-pkcs12", Fixture, NULL, fixture_set_up, test_signed_pkcs12,
              fixture_tear_down);
  g_test_add ("/signet/request/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  return g_test_run ();
}
