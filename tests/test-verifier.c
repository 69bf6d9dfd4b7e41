/* test-verifier.c: the message → report pipeline on real messages.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "signet-error.h"
#include "signet-init.h"
#include "signet-certs-only.h"
#include "signet-store.h"
#include "signet-verifier.h"

/* Fixtures are valid 2020..2045; everything validates on this date. */
#define TEST_TIME 1893456000 /* 2030-01-01T00:00:00Z */

static char *
pki (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "pki", name, NULL);
}

static SignetVerifier *
make_verifier (gboolean with_crls)
{
  SignetVerifier *v = signet_verifier_new ();
  g_autofree char *root = pki ("root-ca.pem");
  g_autoptr (GError) error = NULL;

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  signet_verifier_set_time (v, TEST_TIME);
  g_assert_true (signet_verifier_add_anchors_from_file (v, root, &error));
  g_assert_no_error (error);
  if (with_crls)
    {
      g_autofree char *inter_crl = pki ("inter-ca.crl");
      g_autofree char *root_crl = pki ("root-ca.crl");

      g_assert_true (signet_verifier_add_crls_from_file (v, inter_crl, &error));
      g_assert_no_error (error);
      g_assert_true (signet_verifier_add_crls_from_file (v, root_crl, &error));
      g_assert_no_error (error);
    }
  return v;
}

static GPtrArray *
warning_codes (SignetReport *report)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *sigs = signet_report_get_signatures (report);

  for (guint i = 0; i < sigs->len; i++)
    {
      GPtrArray *warnings = signet_signature_get_warnings (g_ptr_array_index (sigs, i));

      for (guint j = 0; j < warnings->len; j++)
        {
          SignetWarning *w = g_ptr_array_index (warnings, j);
          const char *code = signet_warning_get_code (w);
          gboolean seen = FALSE;

          /* Every warning must come with a sentence. */
          g_assert_nonnull (signet_warning_get_message (w));
          g_assert_cmpuint (strlen (signet_warning_get_message (w)), >, 10);
          for (guint k = 0; k < codes->len; k++)
            seen |= g_str_equal (g_ptr_array_index (codes, k), code);
          if (!seen)
            g_ptr_array_add (codes, g_strdup (code));
        }
    }
  return codes;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
codes_to_string (GPtrArray *codes)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_copy (codes, (GCopyFunc) (void (*) (void)) g_strdup, NULL);

  g_ptr_array_set_free_func (sorted, g_free);
  g_ptr_array_sort (sorted, compare_strings);
  if (sorted->len == 0)
    return g_strdup ("-");
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv (",", (char **) sorted->pdata);
}

static char *
normalise_codes (const char *list)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  if (g_str_equal (list, "-") || *list == '\0')
    return g_strdup ("-");
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i]; i++)
    g_ptr_array_add (codes, g_strdup (g_strstrip (parts[i])));
  return codes_to_string (codes);
}

static SignetReport *
verify_path (SignetVerifier *v, const char *path, GError **error)
{
  return signet_verifier_verify_file (v, path, NULL, error);
}

/* Every row of tests/data/messages/expected.tsv: verdict and warning codes. */
static void
test_manifest (void)
{
  g_autofree char *manifest = g_test_build_filename (G_TEST_DIST, "data", "messages", "expected.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  guint rows = 0, failures = 0;

  g_assert_true (g_file_get_contents (manifest, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cols = NULL;
      g_autofree char *path = NULL;
      g_autoptr (SignetReport) report = NULL;
      g_autoptr (GError) local = NULL;
      g_autoptr (GPtrArray) codes = NULL;
      g_autofree char *got_codes = NULL;
      g_autofree char *want_codes = NULL;
      const char *verdict;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      cols = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cols), >=, 3);
      rows++;
      path = g_test_build_filename (G_TEST_DIST, "data", "messages", cols[0], NULL);
      report = verify_path (v, path, &local);
      if (report == NULL)
        report = signet_report_new_for_error (local);
      verdict = signet_verdict_to_string (signet_report_get_verdict (report));
      codes = warning_codes (report);
      got_codes = codes_to_string (codes);
      want_codes = normalise_codes (cols[2]);

      if (!g_str_equal (verdict, cols[1]) || !g_str_equal (got_codes, want_codes))
        {
          g_autofree char *json = signet_report_to_json (report, FALSE);

          failures++;
          g_test_message ("%s: expected %s [%s], got %s [%s]\n%s", cols[0], cols[1], want_codes, verdict,
                          got_codes, json);
        }
    }
  g_test_message ("%u of %u manifest rows as expected", rows - failures, rows);
  g_assert_cmpuint (rows, >, 40);
  g_assert_cmpuint (failures, ==, 0);
}

/* Signs @body with openssl at test time, wraps it as a message, verifies it. */
static SignetReport *
sign_and_verify (SignetVerifier *v,
                 const char *signer,
                 const char *digest,
                 gboolean detached,
                 gboolean with_chain,
                 const char *from)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-test-XXXXXX", NULL);
  g_autofree char *content = g_build_filename (dir, "content.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "signed.eml", NULL);
  g_autofree char *signed_part = g_build_filename (dir, "signed-part.eml", NULL);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *chain = pki ("inter-ca.pem");
  g_autofree char *cert_name = g_strconcat (signer, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (signer, ".key", NULL);
  g_autofree char *headers = NULL;
  g_autofree char *part = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int status = 0;
  SignetReport *report;

  cert = pki (cert_name);
  key = pki (key_name);
  g_assert_true (g_file_set_contents (content,
                                      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                                      "Hello from a test, signed just now.\r\n",
                                      -1, &error));
  g_ptr_array_add (argv, "openssl");
  g_ptr_array_add (argv, "cms");
  g_ptr_array_add (argv, "-sign");
  g_ptr_array_add (argv, "-in");
  g_ptr_array_add (argv, content);
  g_ptr_array_add (argv, "-signer");
  g_ptr_array_add (argv, cert);
  g_ptr_array_add (argv, "-inkey");
  g_ptr_array_add (argv, key);
  g_ptr_array_add (argv, "-md");
  g_ptr_array_add (argv, (char *) digest);
  if (with_chain)
    {
      g_ptr_array_add (argv, "-certfile");
      g_ptr_array_add (argv, chain);
    }
  if (!detached)
    g_ptr_array_add (argv, "-nodetach");
  g_ptr_array_add (argv, "-out");
  g_ptr_array_add (argv, signed_part);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_true (g_file_get_contents (signed_part, &part, NULL, &error));
  headers = g_strdup_printf ("From: %s\r\nTo: test@example.org\r\nSubject: test\r\n"
                             "Message-ID: <test@example.org>\r\n",
                             from);
  message = g_strconcat (headers, part, NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&message), strlen (headers) + strlen (part));
  report = signet_verifier_verify_bytes (v, bytes, NULL, &error);
  g_assert_no_error (error);

  g_unlink (content);
  g_unlink (signed_part);
  g_unlink (out);
  g_rmdir (dir);
  return report;
}

static void
assert_verdict (SignetReport *report, SignetVerdict verdict, const char *code)
{
  if (signet_report_get_verdict (report) != verdict)
    {
      g_autofree char *json = signet_report_to_json (report, TRUE);

      g_test_message ("%s", json);
    }
  g_assert_cmpstr (signet_verdict_to_string (signet_report_get_verdict (report)), ==,
                   signet_verdict_to_string (verdict));
  g_assert_cmpuint (signet_report_get_signatures (report)->len, ==, 1);
  if (code != NULL)
    g_assert_true (signet_signature_has_warning (g_ptr_array_index (signet_report_get_signatures (report), 0),
                                                 code));
  else
    g_assert_cmpuint (signet_signature_get_warnings (g_ptr_array_index (signet_report_get_signatures (report), 0))->len,
                      ==, 0);
}

static void
test_openssl_interop (void)
{
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  struct
  {
    const char *signer;
    const char *from;
  } signers[] = { { "alice", "alice@example.org" }, { "bob-ec", "bob@example.org" } };

  for (guint s = 0; s < G_N_ELEMENTS (signers); s++)
    for (int detached = 0; detached <= 1; detached++)
      {
        g_autoptr (SignetReport) sha256 = sign_and_verify (v, signers[s].signer, "sha256", detached, TRUE,
                                                           signers[s].from);
        g_autoptr (SignetReport) sha1 = sign_and_verify (v, signers[s].signer, "sha1", detached, TRUE,
                                                         signers[s].from);
        g_autoptr (SignetReport) nochain = sign_and_verify (v, signers[s].signer, "sha256", detached, FALSE,
                                                            signers[s].from);
        g_autoptr (SignetReport) other_from = sign_and_verify (v, signers[s].signer, "sha256", detached, TRUE,
                                                               "mallory@example.com");

        assert_verdict (sha256, SIGNET_VERDICT_VALID, NULL);
        assert_verdict (sha1, SIGNET_VERDICT_WARNING, "weak-algorithm");
        assert_verdict (nochain, SIGNET_VERDICT_WARNING, "issuer-unknown");
        assert_verdict (other_from, SIGNET_VERDICT_WARNING, "address-mismatch");
      }
}

/* Without the intermediate in the message, a verifier that has it still
 * builds the whole path. */
static void
test_intermediate_from_verifier (void)
{
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autofree char *inter = pki ("inter-ca.pem");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetReport) report = NULL;

  g_assert_true (signet_verifier_add_certificates_from_file (v, inter, &error));
  report = sign_and_verify (v, "alice", "sha256", TRUE, FALSE, "alice@example.org");
  assert_verdict (report, SIGNET_VERDICT_VALID, NULL);
  g_assert_true (signet_signature_get_path_valid (g_ptr_array_index (signet_report_get_signatures (report), 0)));
}

/* Without CRLs every certificate's revocation status is unknown. */
static void
test_no_crls (void)
{
  g_autoptr (SignetVerifier) v = make_verifier (FALSE);
  g_autoptr (SignetReport) report = sign_and_verify (v, "alice", "sha256", TRUE, TRUE, "alice@example.org");
  SignetSignature *sig;

  assert_verdict (report, SIGNET_VERDICT_WARNING, "revocation-unknown");
  sig = g_ptr_array_index (signet_report_get_signatures (report), 0);
  g_assert_false (signet_signature_get_path_valid (sig));
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "unknown");
}

/* A detached signature made by gpgsm while the test runs, wrapped into a
 * multipart/signed message here. */
static void
test_gpgsm_interop (void)
{
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autofree char *dir = g_dir_make_tmp ("signet-gpgsm-XXXXXX", NULL);
  g_autofree char *content_path = g_build_filename (dir, "content", NULL);
  g_autofree char *sig_path = g_build_filename (dir, "sig.der", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "gpgsm-sign.sh", NULL);
  g_autofree char *cert = pki ("alice.pem");
  g_autofree char *key = pki ("alice.key");
  g_autofree char *inter = pki ("inter-ca.pem");
  g_autofree char *root = pki ("root-ca.pem");
  g_autofree char *sig = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *gpgsm = g_find_program_in_path ("gpgsm");
  g_autoptr (GString) message = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  const char *content = "Content-Type: text/plain; charset=utf-8\r\n\r\nSigned by gpgsm during the test.\r\n";
  gsize sig_len = 0;
  int status = 0;
  const char *argv[] = { script, cert, key, inter, root, "--", content_path, sig_path, NULL };

  if (gpgsm == NULL)
    {
      g_test_skip ("gpgsm is not installed");
      return;
    }
  g_assert_true (g_file_set_contents (content_path, content, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gpgsm could not sign: %s", err);
  g_assert_true (g_file_get_contents (sig_path, &sig, &sig_len, &error));
  b64 = g_base64_encode ((const guchar *) sig, sig_len);

  g_string_append (message, "From: Alice Example <alice@example.org>\r\n"
                            "To: bob@example.org\r\nSubject: gpgsm\r\nMIME-Version: 1.0\r\n"
                            "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                            "micalg=sha-256; boundary=\"b1\"\r\n\r\n--b1\r\n");
  g_string_append (message, content);
  g_string_append (message, "\r\n--b1\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
                            "Content-Transfer-Encoding: base64\r\n\r\n");
  g_string_append (message, b64);
  g_string_append (message, "\r\n--b1--\r\n");
  bytes = g_bytes_new (message->str, message->len);
  report = signet_verifier_verify_bytes (v, bytes, NULL, &error);
  g_assert_no_error (error);
  assert_verdict (report, SIGNET_VERDICT_VALID, NULL);

  g_unlink (content_path);
  g_unlink (sig_path);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetReport) missing = verify_path (v, "/nonexistent/message.eml", &error);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (SignetReport) empty_report = NULL;

  g_assert_null (missing);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_clear_error (&error);

  empty_report = signet_verifier_verify_bytes (v, empty, NULL, &error);
  g_assert_null (empty_report);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
}

static void
async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SignetReport **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = signet_verifier_verify_finish (SIGNET_VERIFIER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "messages", "good-rsa.eml", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  signet_verifier_verify_async (v, bytes, NULL, async_done, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);

  g_cancellable_cancel (cancelled);
  g_assert_null (signet_verifier_verify_bytes (v, bytes, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static int
run (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return status;
}

/* Issues, at test time, a certificate for alice@example.org signed by
 * @ca_name (a certificate and key of tests/data/pki), valid from now for
 * twenty years. */
static void
issue_alice (const char *dir, const char *ca_name, const char *serial, char **cert_out, char **key_out)
{
  g_autofree char *ca_cert = g_strconcat (ca_name, ".pem", NULL);
  g_autofree char *ca_key = g_strconcat (ca_name, ".key", NULL);
  g_autofree char *ca_cert_path = pki (ca_cert);
  g_autofree char *ca_key_path = pki (ca_key);
  g_autofree char *key = g_build_filename (dir, "alice-new.key", NULL);
  g_autofree char *csr = g_build_filename (dir, "alice-new.csr", NULL);
  g_autofree char *cert = g_build_filename (dir, "alice-new.pem", NULL);
  g_autofree char *ext = g_build_filename (dir, "ext.cnf", NULL);
  const char *genkey[] = { "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-out", key, NULL };
  const char *req[] = { "openssl", "req", "-new", "-key", key, "-subj", "/O=Signet Test/CN=Alice Example",
                        "-out", csr, NULL };
  const char *x509[] = { "openssl", "x509", "-req", "-in", csr, "-CA", ca_cert_path, "-CAkey", ca_key_path,
                         "-set_serial", serial, "-days", "7300", "-sha256", "-extfile", ext, "-out", cert, NULL };

  g_assert_true (g_file_set_contents (ext,
                                      "subjectAltName=email:alice@example.org\n"
                                      "keyUsage=critical,digitalSignature\n"
                                      "extendedKeyUsage=emailProtection\n"
                                      "subjectKeyIdentifier=hash\n"
                                      "authorityKeyIdentifier=keyid\n",
                                      -1, NULL));
  run (genkey);
  run (req);
  run (x509);
  *cert_out = g_steal_pointer (&cert);
  *key_out = g_steal_pointer (&key);
}

/* Signs a short text with @cert/@key (and @chain) as a detached message
 * from alice@example.org with @message_id. */
static GBytes *
sign_message (const char *dir, const char *cert, const char *key, const char *chain, const char *message_id)
{
  g_autofree char *content = g_build_filename (dir, "content.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "signed.eml", NULL);
  g_autofree char *part = NULL;
  g_autofree char *headers = NULL;
  gsize len = 0;
  const char *with_chain[] = { "openssl", "cms", "-sign", "-in", content, "-signer", cert, "-inkey", key,
                               "-certfile", chain, "-out", out, NULL };
  const char *without_chain[] = { "openssl", "cms", "-sign", "-in", content, "-signer", cert, "-inkey", key,
                                  "-out", out, NULL };

  g_assert_true (g_file_set_contents (content, "Content-Type: text/plain\r\n\r\nHello again.\r\n", -1, NULL));
  run (chain != NULL ? with_chain : without_chain);
  g_assert_true (g_file_get_contents (out, &part, &len, NULL));
  headers = g_strdup_printf ("From: Alice Example <alice@example.org>\r\nTo: bob@example.org\r\n"
                             "Subject: continuity\r\nMessage-ID: <%s>\r\n",
                             message_id);
  return g_bytes_new_take (g_strconcat (headers, part, NULL), strlen (headers) + len);
}

static SignetReport *
verify_message_file (SignetVerifier *v, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "messages", name, NULL);
  g_autoptr (GError) error = NULL;
  SignetReport *report = signet_verifier_verify_file (v, path, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static SignetWarning *
find_warning (SignetReport *report, const char *code)
{
  GPtrArray *sigs = signet_report_get_signatures (report);

  for (guint i = 0; i < sigs->len; i++)
    {
      GPtrArray *warnings = signet_signature_get_warnings (g_ptr_array_index (sigs, i));

      for (guint j = 0; j < warnings->len; j++)
        if (g_str_equal (signet_warning_get_code (g_ptr_array_index (warnings, j)), code))
          return g_ptr_array_index (warnings, j);
    }
  return NULL;
}

/* RFC 2632 section 4: certificates that arrive in messages are kept, so
 * later messages without them (or without the intermediate) verify. */
static void
test_store_learns_certificates (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-store-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = signet_store_open (dir, &error);
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autoptr (SignetReport) before = NULL;
  g_autoptr (SignetReport) first = NULL;
  g_autoptr (SignetReport) leafonly = NULL;
  g_autoptr (SignetReport) nochain = NULL;

  g_assert_no_error (error);
  signet_verifier_set_store (v, store);

  before = verify_message_file (v, "nochain.eml");
  g_assert_cmpint (signet_report_get_verdict (before), ==, SIGNET_VERDICT_INVALID);
  g_assert_nonnull (find_warning (before, "signer-not-found"));

  first = verify_message_file (v, "good-rsa.eml");
  assert_verdict (first, SIGNET_VERDICT_VALID, NULL);

  leafonly = verify_message_file (v, "leafonly.eml");
  assert_verdict (leafonly, SIGNET_VERDICT_VALID, NULL);
  nochain = verify_message_file (v, "nochain.eml");
  assert_verdict (nochain, SIGNET_VERDICT_VALID, NULL);
}

/* CRLs carried in a message are kept, after validation, and used for
 * later messages that carry none. */
static void
test_store_learns_crls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-store-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = signet_store_open (dir, &error);
  g_autoptr (SignetVerifier) v = make_verifier (FALSE);
  g_autoptr (SignetReport) without = NULL;
  g_autoptr (SignetReport) carrying = NULL;
  g_autoptr (SignetReport) later = NULL;

  g_assert_no_error (error);
  signet_verifier_set_store (v, store);
  without = verify_message_file (v, "revoked.eml");
  g_assert_nonnull (find_warning (without, "revocation-unknown"));

  carrying = verify_message_file (v, "revoked-with-crl.eml");
  g_assert_cmpint (signet_report_get_verdict (carrying), ==, SIGNET_VERDICT_INVALID);
  g_assert_nonnull (find_warning (carrying, "revoked"));

  later = verify_message_file (v, "revoked.eml");
  g_assert_cmpint (signet_report_get_verdict (later), ==, SIGNET_VERDICT_INVALID);
  g_assert_nonnull (find_warning (later, "revoked"));
}

/* Certificate continuity: a renewal from the same CA is information, a
 * change of CA is a warning that names both. */
static void
test_store_continuity (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-store-XXXXXX", NULL);
  g_autofree char *work = g_dir_make_tmp ("signet-certs-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = signet_store_open (dir, &error);
  g_autoptr (SignetVerifier) v = make_verifier (FALSE);
  g_autofree char *inter = pki ("inter-ca.pem");
  g_autofree char *renewed_cert = NULL, *renewed_key = NULL;
  g_autofree char *foreign_cert = NULL, *foreign_key = NULL;
  g_autoptr (GBytes) renewed_msg = NULL;
  g_autoptr (GBytes) foreign_msg = NULL;
  g_autoptr (SignetReport) first = NULL;
  g_autoptr (SignetReport) renewed = NULL;
  g_autoptr (SignetReport) foreign = NULL;
  SignetWarning *w;

  g_assert_no_error (error);
  signet_verifier_set_store (v, store);
  signet_verifier_set_check_revocation (v, FALSE);

  first = verify_message_file (v, "good-rsa.eml");
  assert_verdict (first, SIGNET_VERDICT_VALID, NULL);

  issue_alice (work, "inter-ca", "0x7001", &renewed_cert, &renewed_key);
  renewed_msg = sign_message (work, renewed_cert, renewed_key, inter, "renewed@example.org");
  renewed = signet_verifier_verify_bytes (v, renewed_msg, NULL, &error);
  g_assert_no_error (error);
  w = find_warning (renewed, "certificate-changed");
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, "renewal");
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_INFO);
  g_assert_cmpint (signet_report_get_verdict (renewed), ==, SIGNET_VERDICT_VALID);

  issue_alice (work, "other-root", "0x7002", &foreign_cert, &foreign_key);
  foreign_msg = sign_message (work, foreign_cert, foreign_key, NULL, "foreign@example.org");
  foreign = signet_verifier_verify_bytes (v, foreign_msg, NULL, &error);
  g_assert_no_error (error);
  w = find_warning (foreign, "certificate-changed");
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, "issuer-changed");
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
  g_assert_nonnull (strstr (signet_warning_get_message (w), "alice@example.org"));
  g_assert_cmpint (signet_report_get_verdict (foreign), ==, SIGNET_VERDICT_WARNING);
}

/* Verdict memory: mail found valid when it arrived stays valid after its
 * certificate expires; the expiry is told as information. */
static void
test_store_verdict_memory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-store-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = signet_store_open (dir, &error);
  g_autoptr (SignetVerifier) v = make_verifier (FALSE);
  g_autoptr (SignetVerifier) fresh = make_verifier (FALSE);
  g_autoptr (SignetReport) first = NULL;
  g_autoptr (SignetReport) later = NULL;
  g_autoptr (SignetReport) unknown = NULL;
  SignetSignature *sig;
  SignetWarning *w;
  gint64 when = 0;

  g_assert_no_error (error);
  signet_verifier_set_store (v, store);
  signet_verifier_set_check_revocation (v, FALSE);
  signet_verifier_set_check_revocation (fresh, FALSE);

  first = verify_message_file (v, "good-rsa.eml");
  assert_verdict (first, SIGNET_VERDICT_VALID, NULL);
  g_assert_null (signet_signature_get_first_verified (g_ptr_array_index (signet_report_get_signatures (first), 0),
                                                      NULL));

  signet_verifier_set_time (v, 2524608000); /* 2050-01-01: the certificate expired in 2045 */
  later = verify_message_file (v, "good-rsa.eml");
  sig = g_ptr_array_index (signet_report_get_signatures (later), 0);
  g_assert_cmpstr (signet_signature_get_first_verified (sig, &when), ==, "valid");
  g_assert_cmpint (when, ==, TEST_TIME);
  w = find_warning (later, "expired");
  g_assert_nonnull (w);
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_INFO);
  g_assert_nonnull (strstr (signet_warning_get_message (w), "after this message was found valid"));
  g_assert_cmpint (signet_report_get_verdict (later), ==, SIGNET_VERDICT_VALID);

  /* Without the memory, the same message at the same time is a warning. */
  signet_verifier_set_time (fresh, 2524608000);
  unknown = verify_message_file (fresh, "good-rsa.eml");
  g_assert_cmpint (signet_report_get_verdict (unknown), ==, SIGNET_VERDICT_WARNING);
  g_assert_cmpint (signet_warning_get_severity (find_warning (unknown, "expired")), ==, SIGNET_SEVERITY_WARNING);
}

/* RFC 2632 section 4: a certs-only message imported into the store lets a
 * message that carries no certificates at all verify. */
static void
test_store_import_then_verify (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-store-XXXXXX", NULL);
  g_autofree char *p7c = g_test_build_filename (G_TEST_DIST, "data", "messages", "certs-only.eml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = signet_store_open (dir, &error);
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autoptr (SignetCertsOnlyContents) contents = NULL;
  g_autoptr (SignetReport) report = NULL;
  guint added = 0;

  g_assert_no_error (error);
  contents = signet_certs_only_parse_file (p7c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->certificates->len, >=, 2);
  g_assert_true (signet_store_add_certificates (store, contents->certificates, "import:certs-only.eml",
                                                TEST_TIME, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, contents->certificates->len);

  signet_verifier_set_store (v, store);
  report = verify_message_file (v, "nochain.eml");
  assert_verdict (report, SIGNET_VERDICT_VALID, NULL);
}

/* A store that cannot be written never makes verification fail: it is a
 * cache, and the verdict is the same without it. */
static void
test_store_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-store-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) created = signet_store_open (dir, &error);
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetVerifier) v = make_verifier (TRUE);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GPtrArray) list = NULL;

  g_assert_no_error (error);
  g_clear_object (&created);
  store = signet_store_open_full (dir, SIGNET_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  signet_verifier_set_store (v, store);

  report = verify_message_file (v, "good-rsa.eml");
  assert_verdict (report, SIGNET_VERDICT_VALID, NULL);
  /* Nothing could be remembered. */
  list = signet_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/verifier/manifest", test_manifest);
  g_test_add_func ("/signet/verifier/openssl-interop", test_openssl_interop);
  g_test_add_func ("/signet/verifier/gpgsm-interop", test_gpgsm_interop);
  g_test_add_func ("/signet/verifier/intermediate-from-verifier", test_intermediate_from_verifier);
  g_test_add_func ("/signet/verifier/no-crls", test_no_crls);
  g_test_add_func ("/signet/verifier/errors", test_errors);
  g_test_add_func ("/signet/verifier/async", test_async);
  g_test_add_func ("/signet/verifier/store/learns-certificates", test_store_learns_certificates);
  g_test_add_func ("/signet/verifier/store/learns-crls", test_store_learns_crls);
  g_test_add_func ("/signet/verifier/store/continuity", test_store_continuity);
  g_test_add_func ("/signet/verifier/store/verdict-memory", test_store_verdict_memory);
  g_test_add_func ("/signet/verifier/store/import-then-verify", test_store_import_then_verify);
  g_test_add_func ("/signet/verifier/store/read-only", test_store_read_only);
  return g_test_run ();
}
