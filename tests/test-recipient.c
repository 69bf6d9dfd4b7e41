/* test-recipient.c: choosing the certificate to encrypt for.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "signet-error.h"
#include "signet-init.h"
#include "signet-path.h"
#include "signet-recipient.h"
#include "signet-recipient-cli.h"
#include "signet-store.h"
#include "signet-trust.h"
#include "signet-warning.h"

#define NOW 1893456000 /* 2030-01-01T00:00:00Z */
#define OID_ECDH_SHA256 "1.3.132.1.11.1"
#define OID_AES128_CBC "2.16.840.1.101.3.4.1.2"
#define OID_AES256_GCM "2.16.840.1.101.3.4.1.46"

static SignetCertificate *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "recipient", name, NULL);
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

static GPtrArray *
certs (const char *first, ...)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  va_list ap;

  va_start (ap, first);
  for (const char *n = first; n != NULL; n = va_arg (ap, const char *))
    g_ptr_array_add (out, load (n));
  va_end (ap);
  return out;
}

static SignetRecipientResult *
new_result (const char *address, SignetCertificate *last_signer, const char *const *caps)
{
  g_autoptr (GPtrArray) anchors = certs ("root.der", NULL);
  g_autoptr (GPtrArray) inter = certs ("inter.der", NULL);
  SignetRecipientOptions options;

  signet_recipient_options_init (&options, NOW);
  options.anchors = anchors;
  options.intermediates = inter;
  options.check_revocation = FALSE;
  options.last_signer = last_signer;
  options.capabilities = caps;
  return signet_recipient_result_new (address, &options);
}

static void
add (SignetRecipientResult *r, const char *name)
{
  g_autoptr (SignetCertificate) c = load (name);

  g_assert_true (signet_recipient_result_add (r, c, SIGNET_RECIPIENT_SOURCE_CALLER, name));
}

static const SignetRecipientCandidate *
candidate (SignetRecipientResult *r, guint i)
{
  return signet_recipient_result_get_candidate (r, i);
}

static const char *
origin (SignetRecipientResult *r, guint i)
{
  return signet_recipient_candidate_get_origin (candidate (r, i));
}

static gboolean
has_warning (const SignetRecipientCandidate *c,
             const char *code,
             const char *key,
             const char *value)
{
  GPtrArray *w = signet_recipient_candidate_get_warnings (c);

  for (guint i = 0; i < w->len; i++)
    if (g_str_equal (signet_warning_get_code (w->pdata[i]), code) &&
        (key == NULL ||
         g_strcmp0 (signet_warning_get_detail_string (w->pdata[i], key), value) == 0))
      return TRUE;
  return FALSE;
}

static const char *
usage_problem (const char *name)
{
  g_autoptr (SignetCertificate) c = load (name);
  g_autoptr (GPtrArray) w = signet_recipient_check_encryption_usage (c);
  static char buf[64];

  if (w->len == 0)
    return NULL;
  g_assert_cmpuint (w->len, ==, 1);
  g_assert_cmpstr (signet_warning_get_code (w->pdata[0]), ==, SIGNET_WARNING_KEY_USAGE);
  g_assert_cmpstr (signet_warning_get_detail_string (w->pdata[0], "reason"), ==, "encryption");
  g_strlcpy (buf, signet_warning_get_detail_string (w->pdata[0], "problem"), sizeof buf);
  return buf;
}

static void
test_encryption_usage (void)
{
  /* RSA: keyEncipherment. */
  g_assert_null (usage_problem ("carol.der"));
  g_assert_cmpstr (usage_problem ("carol-sign.der"), ==, "key-encipherment");
  /* EC: keyAgreement; RFC 2632 4.4.2: encrypting needs decipherOnly clear,
   * encipherOnly is fine. */
  g_assert_null (usage_problem ("dave.der"));
  g_assert_null (usage_problem ("dave-encipher.der"));
  g_assert_cmpstr (usage_problem ("dave-decipher.der"), ==, "decipher-only");
  g_assert_cmpstr (usage_problem ("carol-server.der"), ==, NULL);
  /* Ed25519 cannot encrypt, keyUsage or not. */
  g_assert_cmpstr (usage_problem ("erin.der"), ==, "key-algorithm");
}

static void
test_rejections_explained (void)
{
  g_autoptr (SignetRecipientResult) r = new_result ("dave@example.org", NULL, NULL);
  g_autoptr (SignetRecipientResult) e = new_result ("erin@example.org", NULL, NULL);

  add (r, "dave-decipher.der");
  add (r, "dave-encipher.der");
  add (r, "dave.der");
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 3);
  g_assert_true (signet_recipient_candidate_get_usable (candidate (r, 0)));
  g_assert_true (signet_recipient_candidate_get_usable (candidate (r, 1)));
  g_assert_false (signet_recipient_candidate_get_usable (candidate (r, 2)));
  g_assert_cmpstr (origin (r, 2), ==, "dave-decipher.der");
  g_assert_true (
      has_warning (candidate (r, 2), SIGNET_WARNING_KEY_USAGE, "problem", "decipher-only"));

  /* The path is fine, the key type is not. */
  add (e, "erin.der");
  g_assert_null (signet_recipient_result_get_best (e));
  g_assert_true (
      has_warning (candidate (e, 0), SIGNET_WARNING_KEY_USAGE, "problem", "key-algorithm"));
}

static void
test_ranking (void)
{
  g_autoptr (SignetRecipientResult) r = new_result ("carol@example.org", NULL, NULL);
  GPtrArray *w;

  add (r, "carol-expired.der");
  add (r, "carol.der");
  add (r, "rogue.der");
  add (r, "carol-sign.der");
  add (r, "carol-server.der");
  add (r, "carol-new.der");
  add (r, "dave.der");
  {
    g_autoptr (SignetCertificate) again = load ("carol.der");

    g_assert_false (signet_recipient_result_add (r, again, SIGNET_RECIPIENT_SOURCE_STORE, NULL));
  }
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 7);

  /* Usable first, newest first; carol-sign is the newest of all but
   * cannot encrypt. */
  g_assert_cmpstr (origin (r, 0), ==, "carol-new.der");
  g_assert_cmpstr (origin (r, 1), ==, "carol.der");
  g_assert_cmpstr (origin (r, 2), ==, "carol-sign.der");
  g_assert_true (signet_recipient_result_get_best (r) == candidate (r, 0));
  for (guint i = 2; i < 7; i++)
    {
      const SignetRecipientCandidate *c = candidate (r, i);
      const char *o = signet_recipient_candidate_get_origin (c);

      g_assert_false (signet_recipient_candidate_get_usable (c));
      w = signet_recipient_candidate_get_warnings (c);
      g_assert_cmpuint (w->len, >, 0);
      /* Every rejection has a sentence. */
      for (guint k = 0; k < w->len; k++)
        g_assert_cmpstr (signet_warning_get_message (w->pdata[k]), !=, "");
      if (g_str_equal (o, "carol-sign.der"))
        g_assert_true (has_warning (c, SIGNET_WARNING_KEY_USAGE, "reason", "encryption"));
      else if (g_str_equal (o, "carol-expired.der"))
        g_assert_true (has_warning (c, SIGNET_WARNING_EXPIRED, NULL, NULL));
      else if (g_str_equal (o, "carol-server.der"))
        g_assert_true (has_warning (c, SIGNET_WARNING_KEY_USAGE, "reason", "extended-key-usage"));
      else if (g_str_equal (o, "rogue.der"))
        g_assert_false (has_warning (c, SIGNET_WARNING_KEY_USAGE, NULL, NULL));
      else if (g_str_equal (o, "dave.der"))
        g_assert_true (has_warning (c, SIGNET_WARNING_ADDRESS_MISMATCH, NULL, NULL));
      else
        g_assert_not_reached ();
    }
}

static void
test_last_signer_and_capabilities (void)
{
  g_autoptr (SignetCertificate) twin = load ("carol-twin.der");
  const char *const caps[] = { OID_AES128_CBC, OID_ECDH_SHA256, OID_AES256_GCM, NULL };
  g_autoptr (SignetRecipientResult) plain = new_result ("carol@example.org", NULL, NULL);
  g_autoptr (SignetRecipientResult) signer = new_result ("carol@example.org", twin, NULL);
  g_autoptr (SignetRecipientResult) both = new_result ("carol@example.org", twin, caps);
  g_autoptr (SignetRecipientResult) capped = new_result ("carol@example.org", NULL, caps);
  SignetRecipientResult *all[] = { plain, signer, both, capped };

  /* carol, carol-twin and carol-ec share their dates. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      add (all[i], "carol.der");
      add (all[i], "carol-ec.der");
      add (all[i], "carol-twin.der");
      g_assert_true (signet_recipient_candidate_get_usable (candidate (all[i], 2)));
    }
  g_assert_cmpstr (origin (signer, 0), ==, "carol-twin.der");
  g_assert_true (signet_recipient_candidate_get_last_signer (candidate (signer, 0)));
  g_assert_cmpstr (origin (both, 0), ==, "carol-twin.der");
  g_assert_cmpstr (origin (both, 1), ==, "carol-ec.der");
  g_assert_cmpstr (origin (capped, 0), ==, "carol-ec.der");
  g_assert_true (signet_recipient_candidate_get_capability_match (candidate (capped, 0)));
  g_assert_false (signet_recipient_candidate_get_capability_match (candidate (capped, 1)));
  g_assert_cmpstr (signet_recipient_result_get_content_encryption (capped), ==, OID_AES256_GCM);
  g_assert_null (signet_recipient_result_get_content_encryption (plain));
  /* Newer validity still beats the last signer. */
  add (signer, "carol-new.der");
  g_assert_cmpstr (origin (signer, 0), ==, "carol-new.der");
}

static JsonObject *
to_json (SignetRecipientResult *r, JsonNode **node)
{
  *node = signet_recipient_result_to_json (r);
  return json_node_get_object (*node);
}

static void
test_override (void)
{
  g_autoptr (SignetRecipientResult) r = new_result ("carol@example.org", NULL, NULL);
  g_autoptr (SignetCertificate) sign = load ("carol-sign.der");
  g_autoptr (SignetCertificate) carol = load ("carol.der");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *cands;
  const char *sha = signet_certificate_get_sha256 (sign);

  add (r, "carol.der");
  add (r, "carol-sign.der");
  g_assert_false (signet_recipient_result_get_override (r));
  o = to_json (r, &node);
  g_assert_false (json_object_get_boolean_member (o, "override"));
  g_assert_cmpstr (json_object_get_string_member (o, "chosen"), ==,
                   signet_certificate_get_sha256 (carol));
  g_clear_pointer (&node, json_node_unref);

  /* An unusable certificate cannot be chosen plainly ... */
  g_assert_false (signet_recipient_result_choose (r, sha, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (signet_recipient_result_choose_override (r, "00", &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_clear_error (&error);
  /* ... only by an override, which the result names. */
  g_assert_true (signet_recipient_result_choose_override (r, sha, &error));
  g_assert_no_error (error);
  g_assert_true (signet_recipient_result_get_override (r));
  g_assert_true (signet_certificate_equal (
      signet_recipient_candidate_get_certificate (signet_recipient_result_get_chosen (r)), sign));
  o = to_json (r, &node);
  g_assert_true (json_object_get_boolean_member (o, "override"));
  g_assert_cmpstr (json_object_get_string_member (o, "chosen"), ==, sha);
  cands = json_object_get_array_member (o, "candidates");
  g_assert_cmpuint (json_array_get_length (cands), ==, 2);
  {
    JsonObject *c1 = json_array_get_object_element (cands, 1);
    JsonArray *warnings = json_object_get_array_member (c1, "warnings");

    g_assert_true (json_object_get_boolean_member (c1, "override"));
    g_assert_false (json_object_get_boolean_member (c1, "usable"));
    g_assert_cmpuint (json_array_get_length (warnings), >, 0);
    g_assert_cmpstr (
        json_object_get_string_member (json_array_get_object_element (warnings, 0), "code"), ==,
        SIGNET_WARNING_KEY_USAGE);
  }
  g_clear_pointer (&node, json_node_unref);

  /* Choosing a usable one clears the override. */
  g_assert_true (signet_recipient_result_choose (r, signet_certificate_get_sha256 (carol), &error));
  g_assert_false (signet_recipient_result_get_override (r));
}

static void
test_empty_subject (void)
{
  g_autoptr (SignetCertificate) c = load ("nosubject.der");
  g_autoptr (SignetRecipientResult) r = new_result ("NoSubject@Example.org", NULL, NULL);
  const char *const *emails = signet_certificate_get_emails (c);

  /* RFC 2632 3: empty subject, identity in a critical subjectAltName. */
  g_assert_cmpstr (signet_certificate_get_subject (c), ==, "");
  g_assert_cmpstr (signet_certificate_get_display_name (c), ==, "nosubject@example.org");
  g_assert_nonnull (emails);
  g_assert_cmpstr (emails[0], ==, "nosubject@example.org");
  add (r, "nosubject.der");
  g_assert_true (signet_recipient_candidate_get_usable (candidate (r, 0)));
  g_assert_cmpuint (signet_recipient_candidate_get_chain (candidate (r, 0))->len, ==, 3);
}

static void
test_same_subject_cas (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-recipient-XXXXXX", NULL);
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GPtrArray) both = certs ("inter.der", "inter-renewed.der", NULL);
  g_autoptr (GPtrArray) anchors = certs ("root.der", NULL);
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) renewed_only = certs ("inter-renewed.der", NULL);
  g_autoptr (SignetCertificate) carol = load ("carol.der");
  g_autoptr (GError) error = NULL;
  guint n = 0;
  SignetPathOptions popts;

  /* RFC 2632 2.1: same subject, same key, overlapping validity: both kept. */
  g_assert_true (signet_certificate_is_issuer_name_of (both->pdata[0], both->pdata[1]) ||
                 g_bytes_equal (signet_certificate_get_raw_subject (both->pdata[0]),
                                signet_certificate_get_raw_subject (both->pdata[1])));
  store = signet_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (signet_store_add_certificates (store, both, "test", NOW, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  found = signet_store_find_by_subject (store, signet_certificate_get_raw_subject (both->pdata[0]),
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);

  /* Either one completes carol's path. */
  signet_path_options_init (&popts, NOW);
  popts.leaf_usage = SIGNET_LEAF_USAGE_ENCRYPTION;
  {
    g_autoptr (SignetPathResult) p =
        signet_path_validate (carol, renewed_only, anchors, NULL, &popts);

    g_assert_true (signet_path_result_get_path_valid (p));
    g_assert_true (signet_certificate_equal (signet_path_result_get_chain (p)->pdata[1],
                                             renewed_only->pdata[0]));
  }
  {
    g_autoptr (SignetPathResult) p = signet_path_validate (carol, found, anchors, NULL, &popts);

    g_assert_true (signet_path_result_get_path_valid (p));
  }
  g_clear_object (&store);
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
}

static void
test_find_in_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-recipient-XXXXXX", NULL);
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GPtrArray) stored =
      certs ("inter.der", "carol.der", "carol-twin.der", "carol-sign.der", "dave.der", NULL);
  g_autoptr (GPtrArray) anchors = certs ("root.der", NULL);
  g_autoptr (SignetRecipientResult) r = NULL;
  g_autoptr (GError) error = NULL;
  SignetRecipientOptions options;

  store = signet_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (signet_store_add_certificates (store, stored, "test", NOW, NULL, &error));
  g_assert_true (
      signet_store_record_signer (store, "carol@example.org", stored->pdata[2], NOW, &error));
  signet_recipient_options_init (&options, NOW);
  options.anchors = anchors;
  options.check_revocation = FALSE;
  /* The intermediate and the last signer come from the store. */
  r = signet_recipient_find (store, NULL, "carol@example.org", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 3);
  g_assert_true (signet_certificate_equal (
      signet_recipient_candidate_get_certificate (signet_recipient_result_get_best (r)),
      stored->pdata[2]));
  g_assert_true (signet_recipient_candidate_get_last_signer (candidate (r, 0)));
  g_assert_cmpint (signet_recipient_candidate_get_source (candidate (r, 0)), ==,
                   SIGNET_RECIPIENT_SOURCE_STORE);
  g_assert_false (signet_recipient_candidate_get_usable (candidate (r, 2)));
  g_clear_object (&store);
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
}

static void
test_untrusted_without_anchor (void)
{
  g_autoptr (GPtrArray) inter = certs ("inter.der", NULL);
  g_autoptr (SignetCertificate) carol = load ("carol.der");
  g_autoptr (SignetRecipientResult) r = NULL;
  SignetRecipientOptions options;

  /* Served by anyone, without the caller's anchor: never usable. */
  signet_recipient_options_init (&options, NOW);
  options.intermediates = inter;
  options.check_revocation = FALSE;
  r = signet_recipient_result_new ("carol@example.org", &options);
  signet_recipient_result_add (r, carol, SIGNET_RECIPIENT_SOURCE_DIRECTORY, "somewhere");
  g_assert_null (signet_recipient_result_get_best (r));
  g_assert_cmpuint (signet_recipient_candidate_get_warnings (candidate (r, 0))->len, >, 0);
}

static void
test_cli (void)
{
  g_autofree char *root =
      g_test_build_filename (G_TEST_DIST, "data", "recipient", "root.pem", NULL);
  g_autoptr (SignetCertificate) sign = load ("carol-sign.der");
  g_autoptr (SignetCertificate) carol_new = load ("carol-new.der");

  if (g_test_subprocess ())
    {
      const char *mode = g_getenv ("SIGNET_TEST_CLI_MODE");
      char *cli_store = (char *) g_getenv ("SIGNET_TEST_CLI_STORE");
      g_autofree char *fp = g_strdup (signet_certificate_get_sha256 (sign));
      char *argv[] = { "recipient",
                       "carol@example.org",
                       "--store",
                       cli_store,
                       "--anchor",
                       root,
                       "--at",
                       "2030-01-01",
                       "--no-revocation",
                       "--no-system-trust",
                       "--offline",
                       "--json",
                       g_str_equal (mode, "override") ? "--override" : NULL,
                       fp,
                       NULL };

      exit (signet_cli_recipient (g_strv_length (argv), argv));
    }

  g_autofree char *cli_store = g_dir_make_tmp ("signet-recipient-cli-XXXXXX", NULL);

  {
    g_autoptr (SignetStore) store = NULL;
    g_autoptr (GPtrArray) stored =
        certs ("inter.der", "carol.der", "carol-new.der", "carol-sign.der", NULL);
    g_autoptr (GError) error = NULL;

    store = signet_store_open (cli_store, &error);
    g_assert_no_error (error);
    g_assert_true (signet_store_add_certificates (store, stored, "test", NOW, NULL, &error));
  }
  g_setenv ("SIGNET_TEST_CLI_STORE", cli_store, TRUE);
  g_setenv ("SIGNET_TEST_CLI_MODE", "plain", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*\"override\" : false*");
  {
    g_autofree char *pattern =
        g_strdup_printf ("*\"chosen\" : \"%s\"*", signet_certificate_get_sha256 (carol_new));

    g_test_trap_assert_stdout (pattern);
  }
  g_setenv ("SIGNET_TEST_CLI_MODE", "override", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  /* Exit status SIGNET_CLI_RECIPIENT_OVERRIDE. */
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*\"override\" : true*");
  {
    const char *rm[] = { "rm", "-rf", cli_store, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
}

static void
test_trust_model (void)
{
  g_autoptr (GPtrArray) builtin = certs ("root.der", NULL);
  g_autoptr (GPtrArray) inter = certs ("inter.der", NULL);
  g_autoptr (SignetCertificate) carol = load ("carol.der");
  g_autoptr (SignetTrust) trust = signet_trust_new_with_anchors (NULL, builtin, NULL);
  g_autoptr (SignetRecipientResult) r = NULL;
  g_autoptr (SignetRecipientResult) r2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  SignetRecipientOptions options;

  /* The anchor comes from the trust model only. */
  signet_trust_set_time (trust, NOW);
  signet_recipient_options_init (&options, NOW);
  options.intermediates = inter;
  options.check_revocation = FALSE;
  options.trust = trust;
  r = signet_recipient_result_new ("carol@example.org", &options);
  signet_recipient_result_add (r, carol, SIGNET_RECIPIENT_SOURCE_CALLER, NULL);
  g_assert_true (signet_recipient_candidate_get_usable (candidate (r, 0)));

  /* A distrusted intermediate makes it unusable, as for signing. */
  id = signet_trust_distrust (trust, inter->pdata[0], NULL, SIGNET_TRUST_SCOPE_SESSION, "test",
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  r2 = signet_recipient_result_new ("carol@example.org", &options);
  signet_recipient_result_add (r2, carol, SIGNET_RECIPIENT_SOURCE_CALLER, NULL);
  g_assert_false (signet_recipient_candidate_get_usable (candidate (r2, 0)));
  g_assert_true (has_warning (candidate (r2, 0), SIGNET_WARNING_DISTRUSTED, NULL, NULL));
}

/* ---- online revocation ---------------------------------------------------
 *
 * A loopback HTTP server (a few lines of GIO, in its own thread) serves the
 * CRLs of the test PKI of test-online, made while the test runs by
 * data/online/make-pki.sh so that the URLs carry this server's port; an
 * encryption certificate for alice@example.org (keyAgreement, serial
 * 0x1234, the serial inter-revoked.crl revokes) is issued from its
 * intermediate here. Fetches go through the real signet-fetch helper
 * (SIGNET_FETCH_HELPER). Only 127.0.0.1 is ever used. */

typedef struct
{
  gboolean started;
  GThread *thread;
  GSocketListener *listener;
  GCancellable *cancellable;
  char *base;
  char *dir;
  GMutex lock;
  char *crl_mode;     /* under lock: "good" or "revoked" */
  guint crl_requests; /* under lock: requests for /inter.crl */
  guint requests;     /* under lock: every request */
} HttpServer;

static HttpServer http;

static void
http_answer (GSocketConnection *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  char buf[4096];
  char path[256] = "";
  gsize len = 0;
  gssize n;
  g_autofree char *mode = NULL;
  g_autofree char *file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *head = NULL;
  gsize body_len = 0;
  const char *name = NULL;

  while (len < sizeof buf - 1 &&
         (n = g_input_stream_read (in, buf + len, sizeof buf - 1 - len, NULL, NULL)) > 0)
    {
      len += n;
      buf[len] = '\0';
      if (strstr (buf, "\r\n\r\n") != NULL)
        break;
    }
  buf[len] = '\0';
  if (sscanf (buf, "%*s %255s", path) != 1)
    return;

  g_mutex_lock (&http.lock);
  http.requests++;
  if (g_str_equal (path, "/inter.crl"))
    http.crl_requests++;
  mode = g_strdup (http.crl_mode);
  g_mutex_unlock (&http.lock);

  if (g_str_equal (path, "/inter.crl"))
    name = g_str_equal (mode, "revoked") ? "inter-revoked.crl" : "inter-good.crl";
  else if (g_str_equal (path, "/root.crl"))
    name = "root.crl";
  if (name != NULL)
    {
      file = g_build_filename (http.dir, name, NULL);
      g_assert_true (g_file_get_contents (file, &body, &body_len, NULL));
      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                              body_len);
    }
  else
    head = g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  if (body != NULL)
    g_output_stream_write_all (out, body, body_len, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
}

static gpointer
http_thread (gpointer user_data)
{
  for (;;)
    {
      g_autoptr (GSocketConnection) conn =
          g_socket_listener_accept (http.listener, NULL, http.cancellable, NULL);

      if (conn == NULL)
        break;
      http_answer (conn);
    }
  return NULL;
}

static void
http_serve (const char *crl_mode)
{
  g_mutex_lock (&http.lock);
  g_free (http.crl_mode);
  http.crl_mode = g_strdup (crl_mode);
  http.crl_requests = 0;
  http.requests = 0;
  g_mutex_unlock (&http.lock);
}

static void
http_counts (guint *crl_requests, guint *requests)
{
  g_mutex_lock (&http.lock);
  *crl_requests = http.crl_requests;
  *requests = http.requests;
  g_mutex_unlock (&http.lock);
}

static void
run_script (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[1], err);
}

/* The encryption certificate, issued by the online PKI's intermediate. */
static const char enc_leaf_script[] =
    "set -eu\n"
    "cd \"$1\"\n"
    "printf '[leaf]\\nbasicConstraints = CA:FALSE\\nkeyUsage = critical, keyAgreement\\n"
    "extendedKeyUsage = emailProtection\\nsubjectAltName = email:alice@example.org\\n"
    "subjectKeyIdentifier = hash\\nauthorityKeyIdentifier = keyid\\n"
    "crlDistributionPoints = URI:%s/inter.crl\\n' \"$2\" > enc.cnf\n"
    "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out enc.key 2>/dev/null\n"
    "openssl req -new -key enc.key -subj '/O=Signet Test/CN=Alice Encryption' -config ext.cnf "
    "-out enc.csr 2>/dev/null\n"
    "openssl x509 -req -in enc.csr -CA inter.pem -CAkey inter.key -set_serial 4660 -days 2000 "
    "-extfile enc.cnf -extensions leaf -out enc.pem 2>/dev/null\n";

/* Started on first use (not in the subprocesses of the CLI test). */
static void
http_ensure (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autofree char *script = NULL;
  const char *helper = g_getenv ("SIGNET_FETCH_HELPER");

  if (http.started)
    return;
  if (helper == NULL || !g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("SIGNET_FETCH_HELPER must name the built signet-fetch program");

  g_mutex_init (&http.lock);
  http.crl_mode = g_strdup ("good");
  http.listener = g_socket_listener_new ();
  g_socket_listener_add_address (http.listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  http.base = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  http.cancellable = g_cancellable_new ();
  http.thread = g_thread_new ("test-http-server", http_thread, NULL);
  http.dir = g_dir_make_tmp ("signet-recipient-online-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_test_build_filename (G_TEST_DIST, "data", "online", "make-pki.sh", NULL);
  run_script ((const char *const[]){ "/bin/sh", script, http.dir, http.base, NULL });
  run_script ((const char *const[]){ "/bin/sh", "-c", enc_leaf_script, "enc-leaf", http.dir,
                                     http.base, NULL });
  http.started = TRUE;
}

static void
http_stop (void)
{
  const char *rm[] = { "rm", "-rf", http.dir, NULL };

  if (!http.started)
    return;
  g_cancellable_cancel (http.cancellable);
  g_thread_join (http.thread);
  g_socket_listener_close (http.listener);
  g_clear_object (&http.listener);
  g_clear_object (&http.cancellable);
  g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (http.dir);
  g_free (http.base);
  g_free (http.crl_mode);
}

static GPtrArray *
online_certs (const char *name)
{
  g_autofree char *path = g_build_filename (http.dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 1);
  return list;
}

/* Finds alice's certificates in a new store holding only her encryption
 * certificate, with the online PKI's root as anchor and its intermediate
 * given, checking revocation at the current time. */
static SignetRecipientResult *
find_online (const char *store_name, gboolean offline)
{
  g_autofree char *dir = g_build_filename (http.dir, "stores", store_name, NULL);
  g_autoptr (GPtrArray) leaf = online_certs ("enc.pem");
  g_autoptr (GPtrArray) anchors = online_certs ("root.pem");
  g_autoptr (GPtrArray) inter = online_certs ("inter.pem");
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GError) error = NULL;
  SignetRecipientOptions options;
  SignetRecipientResult *r;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  store = signet_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (signet_store_add_certificates (store, leaf, "test", now, NULL, &error));
  g_assert_no_error (error);
  signet_recipient_options_init (&options, now);
  g_assert_true (options.check_revocation);
  g_assert_false (options.offline);
  options.anchors = anchors;
  options.intermediates = inter;
  options.offline = offline;
  r = signet_recipient_find (store, NULL, "alice@example.org", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 1);
  g_assert_true (signet_certificate_equal (
      signet_recipient_candidate_get_certificate (candidate (r, 0)), leaf->pdata[0]));
  return r;
}

static void
test_online_crl_good (void)
{
  g_autoptr (SignetRecipientResult) r = NULL;
  guint crl_requests, requests;

  http_ensure ();
  http_serve ("good");
  /* No CRL is stored or given: only the fetched one makes it usable. */
  r = find_online ("good", FALSE);
  http_counts (&crl_requests, &requests);
  g_assert_cmpuint (crl_requests, >=, 1);
  g_assert_true (signet_recipient_candidate_get_usable (candidate (r, 0)));
  g_assert_nonnull (signet_recipient_result_get_best (r));
  g_assert_false (has_warning (candidate (r, 0), SIGNET_WARNING_REVOCATION_UNKNOWN, NULL, NULL));
  g_assert_false (has_warning (candidate (r, 0), SIGNET_WARNING_REVOKED, NULL, NULL));
  g_assert_cmpuint (signet_recipient_candidate_get_chain (candidate (r, 0))->len, ==, 3);
}

static void
test_online_crl_revoked (void)
{
  g_autoptr (SignetRecipientResult) r = NULL;
  guint crl_requests, requests;

  http_ensure ();
  http_serve ("revoked");
  r = find_online ("revoked", FALSE);
  http_counts (&crl_requests, &requests);
  g_assert_cmpuint (crl_requests, >=, 1);
  g_assert_false (signet_recipient_candidate_get_usable (candidate (r, 0)));
  g_assert_null (signet_recipient_result_get_best (r));
  g_assert_true (has_warning (candidate (r, 0), SIGNET_WARNING_REVOKED, NULL, NULL));
}

static void
test_online_offline (void)
{
  g_autoptr (SignetRecipientResult) r = NULL;
  guint crl_requests, requests;

  http_ensure ();
  http_serve ("good");
  r = find_online ("offline", TRUE);
  http_counts (&crl_requests, &requests);
  g_assert_cmpuint (requests, ==, 0);
  g_assert_false (signet_recipient_candidate_get_usable (candidate (r, 0)));
  g_assert_true (
      has_warning (candidate (r, 0), SIGNET_WARNING_REVOCATION_UNKNOWN, "reason", "offline"));
}

int
main (int argc, char **argv)
{
  int ret;

  /* The online cases only ever talk to 127.0.0.1, never through a proxy
   * (set before any thread exists). */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/recipient/encryption-usage", test_encryption_usage);
  g_test_add_func ("/signet/recipient/rejections-explained", test_rejections_explained);
  g_test_add_func ("/signet/recipient/ranking", test_ranking);
  g_test_add_func ("/signet/recipient/last-signer-and-capabilities",
                   test_last_signer_and_capabilities);
  g_test_add_func ("/signet/recipient/override", test_override);
  g_test_add_func ("/signet/recipient/empty-subject", test_empty_subject);
  g_test_add_func ("/signet/recipient/same-subject-cas", test_same_subject_cas);
  g_test_add_func ("/signet/recipient/find-in-store", test_find_in_store);
  g_test_add_func ("/signet/recipient/untrusted-without-anchor", test_untrusted_without_anchor);
  g_test_add_func ("/signet/recipient/cli", test_cli);
  g_test_add_func ("/signet/recipient/trust-model", test_trust_model);
  g_test_add_func ("/signet/recipient/online-crl-good", test_online_crl_good);
  g_test_add_func ("/signet/recipient/online-crl-revoked", test_online_crl_revoked);
  g_test_add_func ("/signet/recipient/online-offline", test_online_offline);
  ret = g_test_run ();
  http_stop ();
  return ret;
}
