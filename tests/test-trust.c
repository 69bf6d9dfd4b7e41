/* test-trust.c: the trust model (anchors, distrust, pins, scopes, undo)
 * and the built-in e-mail anchor sources.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/x509.h>

#include "signet-error.h"
#include "signet-prompt.h"
#include "signet-trust.h"
#include "signet-verifier.h"

#define TEST_TIME 1893456000 /* 2030-01-01T00:00:00Z */

static SignetCertificate *
load (const char *folder, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 1);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static GPtrArray *
one (SignetCertificate *cert)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (list, g_object_ref (cert));
  return list;
}

static gboolean
contains (GPtrArray *list, SignetCertificate *cert)
{
  for (guint i = 0; i < list->len; i++)
    if (signet_certificate_equal (g_ptr_array_index (list, i), cert))
      return TRUE;
  return FALSE;
}

static gboolean
contains_name (GPtrArray *list, const char *cn)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (signet_certificate_get_common_name (g_ptr_array_index (list, i)), cn) == 0)
      return TRUE;
  return FALSE;
}

static SignetStore *
open_store (char **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("signet-trust-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  SignetStore *store = signet_store_open (dir, &error);

  g_assert_no_error (error);
  if (dir_out)
    *dir_out = g_steal_pointer (&dir);
  return store;
}

/* A trust model whose built-in list is root-ca alone. */
static SignetTrust *
make_trust (SignetStore *store)
{
  g_autoptr (SignetCertificate) root = load ("pki", "root-ca.pem");
  g_autoptr (GPtrArray) anchors = one (root);
  SignetTrust *trust = signet_trust_new_with_anchors (store, anchors, NULL);

  signet_trust_set_time (trust, TEST_TIME);
  return trust;
}

/* ---- built-in sources ----------------------------------------------------- */

/* The set read from NSS's built-in roots is filtered by the e-mail trust
 * bit: ISRG Root X1 (Let's Encrypt), which Mozilla trusts for web sites
 * only, is in the TLS bundle and in the module, but not among the e-mail
 * anchors. */
static void
test_mozilla_email_only (void)
{
  const char *module = signet_trust_anchors_find_mozilla_module ();
  g_autoptr (SignetTrustAnchors) moz = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tls = g_ptr_array_new_with_free_func (g_object_unref);
  gnutls_x509_trust_list_t tl = NULL;
  gnutls_x509_trust_list_iter_t iter = NULL;
  gnutls_x509_crt_t crt = NULL;

  if (module == NULL)
    {
      g_test_skip ("NSS's built-in roots module (libnssckbi.so, package libnss3) is not installed");
      return;
    }
  moz = signet_trust_anchors_load_mozilla (module, &error);
  if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED))
    {
      g_test_skip ("libnssckbi.so here is p11-kit's trust module, not NSS's list");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (moz->source, ==, SIGNET_TRUST_SOURCE_MOZILLA);
  g_assert_cmpuint (moz->anchors->len, >, 20);

  g_assert_cmpint (gnutls_x509_trust_list_init (&tl, 0), >=, 0);
  gnutls_x509_trust_list_add_system_trust (tl, 0, 0);
  while (gnutls_x509_trust_list_iter_get_ca (tl, &iter, &crt) >= 0)
    {
      gnutls_datum_t der = { NULL, 0 };

      if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der) >= 0)
        {
          g_autoptr (GBytes) bytes = g_bytes_new (der.data, der.size);
          SignetCertificate *cert = signet_certificate_new_from_der (bytes, NULL);

          if (cert != NULL)
            g_ptr_array_add (tls, cert);
          gnutls_free (der.data);
        }
      gnutls_x509_crt_deinit (crt);
      crt = NULL;
    }
  gnutls_x509_trust_list_iter_deinit (iter);
  gnutls_x509_trust_list_deinit (tl, 1);

  g_assert_false (contains_name (moz->anchors, "ISRG Root X1"));
  if (contains_name (tls, "ISRG Root X1"))
    g_assert_cmpuint (moz->anchors->len, !=, tls->len);
  /* Every e-mail anchor is a CA certificate. */
  for (guint i = 0; i < moz->anchors->len; i++)
    {
      gboolean is_ca = FALSE;
      int path_len;

      if (signet_certificate_get_basic_constraints (g_ptr_array_index (moz->anchors, i), &is_ca,
                                                    &path_len))
        g_assert_true (is_ca);
    }
}

static void
test_mozilla_rejects_other_modules (void)
{
  const char *p11_trust = "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-trust.so";
  g_autoptr (SignetTrustAnchors) a = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_test (p11_trust, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("p11-kit's trust module is not installed here");
      return;
    }
  a = signet_trust_anchors_load_mozilla (p11_trust, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED);
  g_assert_null (a);
  g_clear_error (&error);
  a = signet_trust_anchors_load_mozilla ("/nonexistent/libnssckbi.so", &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_assert_null (a);
}

/* p11-kit system trust: only anchors stapled with emailProtection count. */
static void
test_system_purpose (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trust", "system", NULL);
  g_autoptr (SignetCertificate) root = load ("pki", "root-ca.pem");
  g_autoptr (SignetCertificate) other = load ("pki", "other-root.pem");
  g_autoptr (SignetCertificate) stranger = load ("pki", "stranger.pem");
  g_autoptr (SignetCertificate) self_signed = load ("pki", "selfsigned.pem");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetTrustAnchors) a = signet_trust_anchors_load_system (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpint (a->source, ==, SIGNET_TRUST_SOURCE_SYSTEM);
  g_assert_cmpuint (a->anchors->len, ==, 1);
  g_assert_true (contains (a->anchors, root));
  g_assert_false (contains (a->anchors, other));       /* serverAuth only */
  g_assert_false (contains (a->anchors, self_signed)); /* trusted and rejected: rejected wins */
  g_assert_true (contains (a->distrusted, stranger));  /* blocklist */
  g_assert_true (contains (a->distrusted, self_signed));
  g_assert_null (a->problem);
}

/* A plain TLS bundle is not an e-mail trust list. */
static void
test_system_tls_bundle (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trust", "tls", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetTrustAnchors) a = signet_trust_anchors_load_system (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (a->anchors->len, ==, 0);
  g_assert_nonnull (a->problem);
  g_assert_nonnull (strstr (a->problem, "not for e-mail"));
}

static void
test_source_names (void)
{
  SignetTrustSource s;

  g_assert_true (signet_trust_source_from_string ("mozilla", &s));
  g_assert_cmpint (s, ==, SIGNET_TRUST_SOURCE_MOZILLA);
  g_assert_true (signet_trust_source_from_string ("system", &s));
  g_assert_cmpint (s, ==, SIGNET_TRUST_SOURCE_SYSTEM);
  g_assert_true (signet_trust_source_from_string ("none", &s));
  g_assert_cmpint (s, ==, SIGNET_TRUST_SOURCE_NONE);
  g_assert_false (signet_trust_source_from_string ("tls", &s));
  g_assert_cmpstr (signet_trust_source_to_string (SIGNET_TRUST_SOURCE_SYSTEM), ==, "system");
}

/* ---- decisions ------------------------------------------------------------- */

static void
test_anchors_added_and_removed (void)
{
  g_autoptr (SignetStore) store = open_store (NULL);
  g_autoptr (SignetTrust) trust = make_trust (store);
  g_autoptr (SignetCertificate) root = load ("pki", "root-ca.pem");
  g_autoptr (SignetCertificate) other = load ("pki", "other-root.pem");
  g_autoptr (GPtrArray) anchors = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  gboolean found = FALSE;

  anchors = signet_trust_get_anchors (trust);
  g_assert_cmpuint (anchors->len, ==, 1);
  g_clear_pointer (&anchors, g_ptr_array_unref);

  added = signet_trust_add_anchor (trust, other, SIGNET_TRUST_SCOPE_PERMANENT, "test", &error);
  g_assert_no_error (error);
  g_assert_true (signet_trust_is_anchor (trust, other));
  removed = signet_trust_remove_anchor (trust, root, "no longer", &error);
  g_assert_no_error (error);
  anchors = signet_trust_get_anchors (trust);
  g_assert_cmpuint (anchors->len, ==, 1);
  g_assert_true (contains (anchors, other));
  g_assert_false (contains (anchors, root));
  g_clear_pointer (&anchors, g_ptr_array_unref);

  /* Undo both: back to the built-in list. */
  g_assert_true (signet_trust_undo (trust, removed, &found, &error));
  g_assert_true (found);
  g_assert_true (signet_trust_undo (trust, added, &found, &error));
  g_assert_true (found);
  g_assert_true (signet_trust_undo (trust, added, &found, &error));
  g_assert_false (found);
  g_assert_no_error (error);
  anchors = signet_trust_get_anchors (trust);
  g_assert_cmpuint (anchors->len, ==, 1);
  g_assert_true (contains (anchors, root));
}

static void
test_distrust_wins (void)
{
  g_autoptr (SignetStore) store = open_store (NULL);
  g_autoptr (SignetTrust) trust = make_trust (store);
  g_autoptr (SignetCertificate) root = load ("pki", "root-ca.pem");
  g_autoptr (SignetCertificate) alice = load ("pki", "alice.pem");
  g_autoptr (GError) error = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *d1 = NULL;
  g_autofree char *d2 = NULL;
  g_autofree char *anchor = NULL;
  g_autoptr (GPtrArray) anchors = NULL;

  pin = signet_trust_pin (trust, alice, "alice@example.org", SIGNET_TRUST_SCOPE_PERMANENT, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_true (signet_trust_is_pinned (trust, "Alice@Example.ORG", alice));
  d1 = signet_trust_distrust (trust, alice, NULL, SIGNET_TRUST_SCOPE_PERMANENT, "lost key", &error);
  g_assert_no_error (error);
  g_assert_true (signet_trust_is_distrusted (trust, alice));
  g_assert_false (signet_trust_is_pinned (trust, "alice@example.org", alice));
  g_assert_null (signet_trust_get_pin (trust, "alice@example.org"));

  /* Distrusting a built-in root by fingerprint only; adding it again as
   * an anchor does not bring it back. */
  d2 = signet_trust_distrust (trust, NULL, signet_certificate_get_sha256 (root),
                              SIGNET_TRUST_SCOPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  anchor = signet_trust_add_anchor (trust, root, SIGNET_TRUST_SCOPE_PERMANENT, NULL, &error);
  g_assert_no_error (error);
  anchors = signet_trust_get_anchors (trust);
  g_assert_cmpuint (anchors->len, ==, 0);
  g_assert_false (signet_trust_is_anchor (trust, root));

  g_assert_null (
      signet_trust_distrust (trust, NULL, "abc", SIGNET_TRUST_SCOPE_PERMANENT, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
}

/* The built-in list's own distrust counts, and beats a user anchor. */
static void
test_builtin_distrust (void)
{
  g_autoptr (SignetCertificate) root = load ("pki", "root-ca.pem");
  g_autoptr (SignetCertificate) other = load ("pki", "other-root.pem");
  g_autoptr (GPtrArray) anchors = one (root);
  g_autoptr (GPtrArray) bad = one (other);
  g_autoptr (SignetTrust) trust = signet_trust_new_with_anchors (NULL, anchors, bad);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_true (signet_trust_is_distrusted (trust, other));
  id = signet_trust_add_anchor (trust, other, SIGNET_TRUST_SCOPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (signet_trust_is_anchor (trust, other));
  /* Without a store, permanent decisions cannot be kept. */
  g_assert_null (
      signet_trust_add_anchor (trust, other, SIGNET_TRUST_SCOPE_PERMANENT, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
}

static void
test_session_scope (void)
{
  g_autoptr (SignetStore) store = open_store (NULL);
  g_autoptr (SignetTrust) first = make_trust (store);
  g_autoptr (SignetTrust) second = NULL;
  g_autoptr (SignetCertificate) stranger = load ("pki", "stranger.pem");
  g_autoptr (SignetCertificate) other = load ("pki", "other-root.pem");
  g_autoptr (GError) error = NULL;
  g_autofree char *session = NULL;
  g_autofree char *permanent = NULL;
  g_autoptr (GPtrArray) list = NULL;
  SignetTrustDecision *d;

  session = signet_trust_pin (first, stranger, "stranger@example.net", SIGNET_TRUST_SCOPE_SESSION,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (session, "session-"));
  permanent =
      signet_trust_add_anchor (first, other, SIGNET_TRUST_SCOPE_PERMANENT, "my company", &error);
  g_assert_no_error (error);
  g_assert_true (signet_trust_is_pinned (first, "stranger@example.net", stranger));

  second = make_trust (store);
  g_assert_false (signet_trust_is_pinned (second, "stranger@example.net", stranger));
  g_assert_true (signet_trust_is_anchor (second, other));

  list = signet_trust_list (first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  d = g_ptr_array_index (list, 0);
  g_assert_cmpint (d->kind, ==, SIGNET_TRUST_KIND_ANCHOR);
  g_assert_cmpint (d->scope, ==, SIGNET_TRUST_SCOPE_PERMANENT);
  g_assert_cmpstr (d->reason, ==, "my company");
  g_assert_cmpint (d->created, ==, TEST_TIME);
  g_assert_nonnull (d->certificate);
  d = g_ptr_array_index (list, 1);
  g_assert_cmpint (d->kind, ==, SIGNET_TRUST_KIND_PIN);
  g_assert_cmpint (d->scope, ==, SIGNET_TRUST_SCOPE_SESSION);
  g_assert_cmpstr (d->address, ==, "stranger@example.net");

  /* Undo the session decision. */
  g_assert_true (signet_trust_undo (first, session, NULL, &error));
  g_assert_false (signet_trust_is_pinned (first, "stranger@example.net", stranger));
}

static void
test_pins_per_address (void)
{
  g_autoptr (SignetStore) store = open_store (NULL);
  g_autoptr (SignetTrust) trust = make_trust (store);
  g_autoptr (SignetCertificate) alice = load ("pki", "alice.pem");
  g_autoptr (SignetCertificate) foreign = load ("trust", "alice-foreign.pem");
  g_autoptr (SignetCertificate) pinned = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  a = signet_trust_pin (trust, alice, "alice@example.org", SIGNET_TRUST_SCOPE_PERMANENT, NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_true (signet_trust_is_pinned (trust, "alice@example.org", alice));
  g_assert_false (signet_trust_is_pinned (trust, "bob@example.org", alice));
  g_assert_false (signet_trust_is_pinned (trust, "alice@example.org", foreign));
  pinned = signet_trust_get_pin (trust, "ALICE@example.org");
  g_assert_true (signet_certificate_equal (pinned, alice));
  g_clear_object (&pinned);

  /* The newest pin for an address is the one get_pin returns. */
  signet_trust_set_time (trust, TEST_TIME + 10);
  b = signet_trust_pin (trust, foreign, "alice@example.org", SIGNET_TRUST_SCOPE_PERMANENT, NULL,
                        &error);
  g_assert_no_error (error);
  pinned = signet_trust_get_pin (trust, "alice@example.org");
  g_assert_true (signet_certificate_equal (pinned, foreign));
  g_clear_object (&pinned);
  g_assert_true (signet_trust_is_pinned (trust, "alice@example.org", alice));

  /* Undo by fingerprint removes every decision about that certificate. */
  c = signet_trust_distrust (trust, foreign, NULL, SIGNET_TRUST_SCOPE_SESSION, NULL, &error);
  g_assert_cmpuint (
      signet_trust_undo_certificate (trust, signet_certificate_get_sha256 (foreign), &error), ==,
      2);
  g_assert_no_error (error);
  g_assert_false (signet_trust_is_distrusted (trust, foreign));
  pinned = signet_trust_get_pin (trust, "alice@example.org");
  g_assert_true (signet_certificate_equal (pinned, alice));

  g_assert_null (signet_trust_pin (trust, alice, "not an address", SIGNET_TRUST_SCOPE_PERMANENT,
                                   NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
}

/* A distrusted intermediate anywhere in the path makes it invalid. */
static void
test_review_distrusted_issuer (void)
{
  g_autoptr (SignetStore) store = open_store (NULL);
  g_autoptr (SignetTrust) trust = make_trust (store);
  g_autoptr (SignetCertificate) inter = load ("pki", "inter-ca.pem");
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "messages", "good-rsa.eml", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (SignetVerifier) v = signet_verifier_new ();
      g_autoptr (GPtrArray) anchors = signet_trust_get_anchors (trust);
      g_autoptr (SignetReport) report = NULL;
      SignetSignature *sig;

      signet_verifier_set_use_system_trust (v, FALSE);
      signet_verifier_set_offline (v, TRUE);
      signet_verifier_set_check_revocation (v, FALSE);
      signet_verifier_set_time (v, TEST_TIME);
      for (guint i = 0; i < anchors->len; i++)
        signet_verifier_add_anchor (v, g_ptr_array_index (anchors, i));
      report = signet_verifier_verify_file (v, path, NULL, &error);
      g_assert_no_error (error);
      sig = g_ptr_array_index (signet_report_get_signatures (report), 0);
      signet_trust_review_signature (trust, sig);
      if (round == 0)
        {
          g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
          id = signet_trust_distrust (trust, inter, NULL, SIGNET_TRUST_SCOPE_PERMANENT, NULL,
                                      &error);
          g_assert_no_error (error);
        }
      else
        {
          g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_DISTRUSTED));
          g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_INVALID);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signet/trust/anchors/mozilla-email-only", test_mozilla_email_only);
  g_test_add_func ("/signet/trust/anchors/mozilla-rejects-other-modules",
                   test_mozilla_rejects_other_modules);
  g_test_add_func ("/signet/trust/anchors/system-purpose", test_system_purpose);
  g_test_add_func ("/signet/trust/anchors/system-tls-bundle", test_system_tls_bundle);
  g_test_add_func ("/signet/trust/anchors/source-names", test_source_names);
  g_test_add_func ("/signet/trust/anchors-added-and-removed", test_anchors_added_and_removed);
  g_test_add_func ("/signet/trust/distrust-wins", test_distrust_wins);
  g_test_add_func ("/signet/trust/builtin-distrust", test_builtin_distrust);
  g_test_add_func ("/signet/trust/session-scope", test_session_scope);
  g_test_add_func ("/signet/trust/pins-per-address", test_pins_per_address);
  g_test_add_func ("/signet/trust/review/distrusted-issuer", test_review_distrusted_issuer);
  return g_test_run ();
}
