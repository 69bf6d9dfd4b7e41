/* test-libsignet.c: the installed library as a client sees it. Links only
 * libsignet-1.0.so and includes only the umbrella header, so a function
 * missing from the exports or a public header needing a private one fails
 * the build. Also covers the asynchronous functions of signet-async.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "signet.h"

#define NOW 1893456000 /* 2030-01-01T00:00:00Z */

static char *
pki (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "pki", name, NULL);
}

static SignetVerifier *
make_verifier (void)
{
  SignetVerifier *v = signet_verifier_new ();
  g_autofree char *root = pki ("root-ca.pem");
  g_autoptr (GError) error = NULL;

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  signet_verifier_set_time (v, NOW);
  g_assert_true (signet_verifier_add_anchors_from_file (v, root, &error));
  g_assert_no_error (error);
  return v;
}

static void
test_verify_mismatch (void)
{
  g_autoptr (SignetVerifier) v = make_verifier ();
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "messages", "mismatch.eml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetReport) report = signet_verifier_verify_file (v, path, NULL, &error);
  SignetSignature *sig;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
  g_assert_cmpuint (signet_report_get_signatures (report)->len, ==, 1);
  sig = g_ptr_array_index (signet_report_get_signatures (report), 0);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_ADDRESS_MISMATCH));
}

static void
test_enum_types (void)
{
  g_autoptr (GEnumClass) verdicts = g_type_class_ref (SIGNET_TYPE_VERDICT);
  g_autoptr (GEnumClass) severities = g_type_class_ref (SIGNET_TYPE_SEVERITY);
  g_autoptr (GFlagsClass) store_flags = g_type_class_ref (SIGNET_TYPE_STORE_FLAGS);

  g_assert_cmpstr (g_enum_get_value (verdicts, SIGNET_VERDICT_INVALID)->value_nick, ==, "invalid");
  g_assert_cmpstr (g_enum_get_value (severities, SIGNET_SEVERITY_INFO)->value_nick, ==, "info");
  g_assert_nonnull (g_flags_get_first_value (store_flags, SIGNET_STORE_FLAGS_READ_ONLY));
  g_assert_true (G_TYPE_IS_ENUM (SIGNET_TYPE_ERROR));
  g_assert_true (G_TYPE_IS_ENUM (SIGNET_TYPE_PART_KIND));
}

/* The asynchronous store functions */

typedef struct
{
  char *dir;
  SignetStore *store;
  GAsyncResult *result;
} StoreFixture;

static void
store_setup (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("signet-libsignet-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = signet_store_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
store_teardown (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->result);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

static void
got_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StoreFixture *f = user_data;

  g_assert_true (source == G_OBJECT (f->store));
  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (StoreFixture *f)
{
  g_clear_object (&f->result);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
test_store_async (StoreFixture *f, gconstpointer data)
{
  g_autofree char *alice = pki ("alice.pem");
  g_autofree char *crl_path = pki ("inter-ca.crl");
  g_autoptr (GPtrArray) crls = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sha256 = NULL;
  SignetStoreRecord *record;
  SignetStoreCrlResult crl_result = SIGNET_STORE_CRL_SUPERSEDED;
  gboolean removed = FALSE;
  guint n_added = 0;

  /* import */
  signet_store_import_file_async (f->store, alice, "alice.pem", NOW, NULL, got_result, f);
  g_assert_null (f->result); /* never completes synchronously */
  g_assert_true (signet_store_import_file_finish (f->store, wait_result (f), &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 1);

  signet_store_import_file_async (f->store, alice, "alice.pem", NOW + 1, NULL, got_result, f);
  g_assert_true (signet_store_import_file_finish (f->store, wait_result (f), &n_added, &error));
  g_assert_cmpuint (n_added, ==, 0);

  signet_store_import_file_async (f->store, "/nonexistent/alice.pem", NULL, NOW, NULL, got_result,
                                  f);
  g_assert_false (signet_store_import_file_finish (f->store, wait_result (f), &n_added, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* list */
  signet_store_list_async (f->store, NULL, NULL, got_result, f);
  records = signet_store_list_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->origin, ==, "alice.pem");
  g_assert_cmpint (record->first_seen, ==, NOW);
  g_assert_cmpint (record->last_seen, ==, NOW + 1);
  sha256 = g_strdup (signet_certificate_get_sha256 (record->certificate));
  g_clear_pointer (&records, g_ptr_array_unref);

  signet_store_list_async (f->store, "nobody@example.org", NULL, got_result, f);
  records = signet_store_list_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);

  /* CRLs */
  crls = signet_crl_list_from_file (crl_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crls->len, ==, 1);
  signet_store_add_crl_async (f->store, g_ptr_array_index (crls, 0),
                              "http://crl.example.org/inter.crl", NOW, NULL, got_result, f);
  g_assert_true (signet_store_add_crl_finish (f->store, wait_result (f), &crl_result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crl_result, ==, SIGNET_STORE_CRL_ADDED);
  signet_store_add_crl_async (f->store, g_ptr_array_index (crls, 0), NULL, NOW, NULL, got_result,
                              f);
  g_assert_true (signet_store_add_crl_finish (f->store, wait_result (f), &crl_result, &error));
  g_assert_cmpint (crl_result, ==, SIGNET_STORE_CRL_DUPLICATE);

  /* remove */
  signet_store_remove_async (f->store, sha256, NULL, got_result, f);
  g_assert_true (signet_store_remove_finish (f->store, wait_result (f), &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  signet_store_remove_async (f->store, sha256, NULL, got_result, f);
  g_assert_true (signet_store_remove_finish (f->store, wait_result (f), &removed, &error));
  g_assert_false (removed);
}

static void
test_store_async_cancelled (StoreFixture *f, gconstpointer data)
{
  g_autofree char *alice = pki ("alice.pem");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  guint n_added = 7;

  g_cancellable_cancel (cancellable);
  signet_store_import_file_async (f->store, alice, NULL, NOW, cancellable, got_result, f);
  g_assert_false (signet_store_import_file_finish (f->store, wait_result (f), &n_added, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_added, ==, 0);
  g_clear_error (&error);

  /* nothing was stored */
  signet_store_list_async (f->store, NULL, NULL, got_result, f);
  records = signet_store_list_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
}

/* The other asynchronous functions */

typedef struct
{
  GAsyncResult *result; /* set by got_any () */
  GAsyncResult *last;   /* what wait_any () returned last */
  GObject *source;
} Wait;

static void
wait_clear (Wait *w)
{
  g_clear_object (&w->result);
  g_clear_object (&w->last);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

static void
got_any (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *w = user_data;

  g_assert_null (w->result);
  w->source = source;
  w->result = g_object_ref (result);
}

/* Waits for the pending call; the result stays valid until the next wait. */
static GAsyncResult *
wait_any (Wait *w)
{
  g_clear_object (&w->last);
  while (w->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  w->last = g_steal_pointer (&w->result);
  return w->last;
}

static GCancellable *
cancelled (void)
{
  GCancellable *cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  return cancellable;
}

static void
test_files_async (void)
{
  g_autofree char *bundle = pki ("bundle-chain.pem");
  g_autofree char *crl_path = pki ("inter-ca.crl");
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (GPtrArray) crls = NULL;
  g_autoptr (GPtrArray) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Wait) w = { 0 };

  signet_certificate_list_from_file_async (bundle, NULL, got_any, &w);
  g_assert_null (w.result);
  certs = signet_certificate_list_from_file_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_null (w.source);
  sync = signet_certificate_list_from_file (bundle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, >, 1);
  g_assert_cmpuint (certs->len, ==, sync->len);
  for (guint i = 0; i < certs->len; i++)
    g_assert_cmpstr (signet_certificate_get_sha256 (g_ptr_array_index (certs, i)), ==,
                     signet_certificate_get_sha256 (g_ptr_array_index (sync, i)));

  signet_crl_list_from_file_async (crl_path, NULL, got_any, &w);
  crls = signet_crl_list_from_file_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crls->len, ==, 1);
  g_assert_true (SIGNET_IS_CRL (g_ptr_array_index (crls, 0)));

  signet_certificate_list_from_file_async ("/nonexistent/x.pem", NULL, got_any, &w);
  g_assert_null (signet_certificate_list_from_file_finish (wait_any (&w), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_clear_error (&error);
  signet_crl_list_from_file_async ("/nonexistent/x.crl", NULL, got_any, &w);
  g_assert_null (signet_crl_list_from_file_finish (wait_any (&w), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_clear_error (&error);

  /* cancelled before start */
  signet_certificate_list_from_file_async (bundle, cancellable, got_any, &w);
  g_assert_null (signet_certificate_list_from_file_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_crl_list_from_file_async (crl_path, cancellable, got_any, &w);
  g_assert_null (signet_crl_list_from_file_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_store_open_async (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetStore) read_only = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_auto (Wait) w = { 0 };

  signet_store_open_async (f->dir, SIGNET_STORE_FLAGS_NONE, NULL, got_any, &w);
  store = signet_store_open_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_true (SIGNET_IS_STORE (store));
  g_assert_cmpstr (signet_store_get_path (store), ==, signet_store_get_path (f->store));

  signet_store_open_async (f->dir, SIGNET_STORE_FLAGS_READ_ONLY, NULL, got_any, &w);
  read_only = signet_store_open_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_only);

  /* read-only never creates a store */
  signet_store_open_async (missing, SIGNET_STORE_FLAGS_READ_ONLY, NULL, got_any, &w);
  g_assert_null (signet_store_open_finish (wait_any (&w), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  signet_store_open_async (missing, SIGNET_STORE_FLAGS_NONE, cancellable, got_any, &w);
  g_assert_null (signet_store_open_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static SignetCertificate *
load_one (const char *name)
{
  g_autofree char *path = pki (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certs = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  return g_object_ref (g_ptr_array_index (certs, 0));
}

static void
test_store_queries_async (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (SignetCertificate) inter = load_one ("inter-ca.pem");
  g_autoptr (SignetCertificate) revoked = load_one ("revoked.pem");
  g_autoptr (GPtrArray) certs = g_ptr_array_new ();
  g_autofree char *crl_path = pki ("inter-ca.crl");
  g_autoptr (GPtrArray) crls = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (SignetCertificate) cert = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *verdict = NULL;
  SignetStoreTrustRecord record = { 0 };
  SignetStoreCrlRecord *crl_record;
  gint64 when = 0, id = 0;
  gboolean removed = FALSE;

  g_ptr_array_add (certs, alice);
  g_ptr_array_add (certs, inter);
  g_assert_true (signet_store_add_certificates (f->store, certs, "test", NOW, NULL, &error));
  g_assert_no_error (error);
  crls = signet_crl_list_from_file (crl_path, &error);
  g_assert_no_error (error);
  g_assert_true (
      signet_store_add_crl (f->store, g_ptr_array_index (crls, 0), NULL, NOW, NULL, &error));
  g_assert_no_error (error);

  /* certificates */
  signet_store_find_by_subject_async (f->store, signet_certificate_get_raw_subject (alice), NULL,
                                      got_result, f);
  found = signet_store_find_by_subject_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (signet_certificate_get_sha256 (g_ptr_array_index (found, 0)), ==,
                   signet_certificate_get_sha256 (alice));
  g_clear_pointer (&found, g_ptr_array_unref);

  signet_store_find_by_issuer_serial_async (f->store, signet_certificate_get_raw_issuer (alice),
                                            signet_certificate_get_serial (alice), NULL, got_result,
                                            f);
  found = signet_store_find_by_issuer_serial_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (signet_certificate_get_sha256 (g_ptr_array_index (found, 0)), ==,
                   signet_certificate_get_sha256 (alice));
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_nonnull (signet_certificate_get_subject_key_id (inter));
  signet_store_find_by_subject_key_id_async (
      f->store, signet_certificate_get_subject_key_id (inter), NULL, got_result, f);
  found = signet_store_find_by_subject_key_id_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (signet_certificate_get_sha256 (g_ptr_array_index (found, 0)), ==,
                   signet_certificate_get_sha256 (inter));
  g_clear_pointer (&found, g_ptr_array_unref);

  signet_store_lookup_async (f->store, signet_certificate_get_sha256 (inter), NULL, got_result, f);
  cert = signet_store_lookup_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cert);
  g_assert_cmpstr (signet_certificate_get_sha256 (cert), ==, signet_certificate_get_sha256 (inter));
  g_clear_object (&cert);
  signet_store_lookup_async (f->store, "00", NULL, got_result, f);
  g_assert_null (signet_store_lookup_finish (f->store, wait_result (f), &error));
  g_assert_no_error (error);

  signet_store_lookup_record_async (f->store, signet_certificate_get_sha256 (alice), NULL,
                                    got_result, f);
  {
    g_autoptr (SignetStoreRecord) r =
        signet_store_lookup_record_finish (f->store, wait_result (f), &error);

    g_assert_no_error (error);
    g_assert_nonnull (r);
    g_assert_cmpstr (r->origin, ==, "test");
    g_assert_cmpint (r->first_seen, ==, NOW);
  }
  signet_store_lookup_record_async (f->store, "00", NULL, got_result, f);
  g_assert_null (signet_store_lookup_record_finish (f->store, wait_result (f), &error));
  g_assert_no_error (error);

  /* CRLs */
  signet_store_find_revocations_async (f->store, signet_certificate_get_raw_issuer (revoked),
                                       signet_certificate_get_serial (revoked), NULL, got_result,
                                       f);
  found = signet_store_find_revocations_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  signet_store_find_revocations_async (f->store, signet_certificate_get_raw_issuer (alice),
                                       signet_certificate_get_serial (alice), NULL, got_result, f);
  found = signet_store_find_revocations_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  signet_store_list_crls_async (f->store, NULL, got_result, f);
  found = signet_store_list_crls_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  crl_record = g_ptr_array_index (found, 0);
  g_assert_true (SIGNET_IS_CRL (crl_record->crl));
  g_assert_cmpint (crl_record->added, ==, NOW);
  g_clear_pointer (&found, g_ptr_array_unref);

  signet_store_find_crls_by_issuer_async (
      f->store, signet_crl_get_raw_issuer (g_ptr_array_index (crls, 0)), NULL, got_result, f);
  found = signet_store_find_crls_by_issuer_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  signet_store_find_crls_by_issuer_async (f->store, signet_certificate_get_raw_subject (alice),
                                          NULL, got_result, f);
  found = signet_store_find_crls_by_issuer_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* signers */
  signet_store_get_last_signer_async (f->store, "alice@example.org", NULL, got_result, f);
  g_assert_null (signet_store_get_last_signer_finish (f->store, wait_result (f), &when, &error));
  g_assert_no_error (error);
  signet_store_record_signer_async (f->store, "alice@example.org", alice, NOW, NULL, got_result, f);
  g_assert_true (signet_store_record_signer_finish (f->store, wait_result (f), &error));
  g_assert_no_error (error);
  signet_store_get_last_signer_async (f->store, "alice@example.org", NULL, got_result, f);
  cert = signet_store_get_last_signer_finish (f->store, wait_result (f), &when, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cert);
  g_assert_cmpstr (signet_certificate_get_sha256 (cert), ==, signet_certificate_get_sha256 (alice));
  g_assert_cmpint (when, ==, NOW);

  /* verdicts */
  signet_store_lookup_verdict_async (f->store, "<m1@example.org>", "abcd", NULL, got_result, f);
  g_assert_null (signet_store_lookup_verdict_finish (f->store, wait_result (f), &when, &error));
  g_assert_no_error (error);
  g_assert_cmpint (when, ==, 0);
  signet_store_record_verdict_async (f->store, "<m1@example.org>", "abcd", "valid", NOW - 5, NULL,
                                     got_result, f);
  g_assert_true (signet_store_record_verdict_finish (f->store, wait_result (f), &error));
  g_assert_no_error (error);
  signet_store_lookup_verdict_async (f->store, "<m1@example.org>", "abcd", NULL, got_result, f);
  verdict = signet_store_lookup_verdict_finish (f->store, wait_result (f), &when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verdict, ==, "valid");
  g_assert_cmpint (when, ==, NOW - 5);

  /* trust decisions */
  record.kind = (char *) "anchor";
  record.sha256 = (char *) signet_certificate_get_sha256 (inter);
  record.scope = (char *) "1.3.6.1.5.5.7.3.4";
  record.decision = (char *) "trust";
  record.reason = (char *) "test";
  record.created = NOW;
  signet_store_add_trust_async (f->store, &record, inter, NULL, got_result, f);
  g_assert_true (signet_store_add_trust_finish (f->store, wait_result (f), &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  signet_store_list_trust_async (f->store, NULL, NULL, got_result, f);
  found = signet_store_list_trust_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((SignetStoreTrustRecord *) g_ptr_array_index (found, 0))->id, ==, id);
  g_assert_cmpstr (((SignetStoreTrustRecord *) g_ptr_array_index (found, 0))->reason, ==, "test");
  g_clear_pointer (&found, g_ptr_array_unref);
  signet_store_list_trust_async (f->store, signet_certificate_get_sha256 (alice), NULL, got_result,
                                 f);
  found = signet_store_list_trust_finish (f->store, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  signet_store_remove_trust_async (f->store, id, NULL, got_result, f);
  g_assert_true (signet_store_remove_trust_finish (f->store, wait_result (f), &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  signet_store_remove_trust_async (f->store, id, NULL, got_result, f);
  g_assert_true (signet_store_remove_trust_finish (f->store, wait_result (f), &removed, &error));
  g_assert_false (removed);
}

static void
test_store_queries_async_cancelled (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (GError) error = NULL;
  gint64 when = 7;

  signet_store_record_signer_async (f->store, "alice@example.org", alice, NOW, cancellable,
                                    got_result, f);
  g_assert_false (signet_store_record_signer_finish (f->store, wait_result (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  signet_store_get_last_signer_async (f->store, "alice@example.org", cancellable, got_result, f);
  g_assert_null (signet_store_get_last_signer_finish (f->store, wait_result (f), &when, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (when, ==, 0);
  g_clear_error (&error);

  /* nothing was recorded */
  signet_store_get_last_signer_async (f->store, "alice@example.org", NULL, got_result, f);
  g_assert_null (signet_store_get_last_signer_finish (f->store, wait_result (f), &when, &error));
  g_assert_no_error (error);

  signet_store_find_by_subject_async (f->store, signet_certificate_get_raw_subject (alice),
                                      cancellable, got_result, f);
  g_assert_null (signet_store_find_by_subject_finish (f->store, wait_result (f), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static SignetVerifier *
bare_verifier (void)
{
  SignetVerifier *v = signet_verifier_new ();

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  signet_verifier_set_time (v, NOW);
  return v;
}

static void
test_verifier_async (void)
{
  g_autoptr (SignetVerifier) v = bare_verifier ();
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autofree char *root = pki ("root-ca.pem");
  g_autofree char *inter = pki ("inter-ca.pem");
  g_autofree char *crl = pki ("inter-ca.crl");
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "messages", "mismatch.eml", NULL);
  g_autoptr (SignetSignature) before = NULL;
  g_autoptr (SignetSignature) after = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;
  g_auto (Wait) w = { 0 };

  /* without anchors alice is not trusted */
  signet_verifier_check_certificate_async (v, alice, "alice@example.org", NULL, got_any, &w);
  g_assert_null (w.result);
  before = signet_verifier_check_certificate_finish (v, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_true (w.source == G_OBJECT (v));
  g_assert_nonnull (before);
  g_assert_true (signet_signature_has_warning (before, SIGNET_WARNING_ISSUER_UNKNOWN));

  signet_verifier_add_anchors_from_file_async (v, root, NULL, got_any, &w);
  g_assert_true (signet_verifier_add_anchors_from_file_finish (v, wait_any (&w), &error));
  g_assert_no_error (error);
  signet_verifier_add_certificates_from_file_async (v, inter, NULL, got_any, &w);
  g_assert_true (signet_verifier_add_certificates_from_file_finish (v, wait_any (&w), &error));
  g_assert_no_error (error);
  signet_verifier_add_crls_from_file_async (v, crl, NULL, got_any, &w);
  g_assert_true (signet_verifier_add_crls_from_file_finish (v, wait_any (&w), &error));
  g_assert_no_error (error);
  signet_verifier_add_anchors_from_file_async (v, "/nonexistent/root.pem", NULL, got_any, &w);
  g_assert_false (signet_verifier_add_anchors_from_file_finish (v, wait_any (&w), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_clear_error (&error);

  signet_verifier_check_certificate_async (v, alice, "alice@example.org", NULL, got_any, &w);
  after = signet_verifier_check_certificate_finish (v, wait_any (&w), &error);
  g_assert_no_error (error);
  /* the anchors were added: the outcome changed and is the synchronous one */
  g_assert_true (signet_signature_has_warning (before, SIGNET_WARNING_ISSUER_UNKNOWN));
  g_assert_false (signet_signature_has_warning (after, SIGNET_WARNING_ISSUER_UNKNOWN));
  {
    g_autoptr (SignetSignature) sync =
        signet_verifier_check_certificate (v, alice, "alice@example.org");
    GPtrArray *a = signet_signature_get_warnings (after);
    GPtrArray *b = signet_signature_get_warnings (sync);

    g_assert_cmpint (signet_signature_get_verdict (after), ==, signet_signature_get_verdict (sync));
    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      g_assert_cmpstr (signet_warning_get_code (g_ptr_array_index (a, i)), ==,
                       signet_warning_get_code (g_ptr_array_index (b, i)));
  }

  /* the same outcome as signet_verifier_verify_file() */
  signet_verifier_verify_file_async (v, path, NULL, got_any, &w);
  report = signet_verifier_verify_file_finish (v, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
  g_assert_cmpuint (signet_report_get_signatures (report)->len, ==, 1);
  sig = g_ptr_array_index (signet_report_get_signatures (report), 0);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_ADDRESS_MISMATCH));

  signet_verifier_verify_file_async (v, "/nonexistent/message.eml", NULL, got_any, &w);
  g_assert_null (signet_verifier_verify_file_finish (v, wait_any (&w), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
}

static void
test_verifier_async_cancelled (void)
{
  g_autoptr (SignetVerifier) v = bare_verifier ();
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autofree char *root = pki ("root-ca.pem");
  g_autofree char *crl = pki ("inter-ca.crl");
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "messages", "mismatch.eml", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (Wait) w = { 0 };

  signet_verifier_verify_file_async (v, path, cancellable, got_any, &w);
  g_assert_null (w.result);
  g_assert_null (signet_verifier_verify_file_finish (v, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  signet_verifier_check_certificate_async (v, alice, NULL, cancellable, got_any, &w);
  g_assert_null (signet_verifier_check_certificate_finish (v, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  signet_verifier_add_anchors_from_file_async (v, root, cancellable, got_any, &w);
  g_assert_false (signet_verifier_add_anchors_from_file_finish (v, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_verifier_add_certificates_from_file_async (v, root, cancellable, got_any, &w);
  g_assert_false (signet_verifier_add_certificates_from_file_finish (v, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_verifier_add_crls_from_file_async (v, crl, cancellable, got_any, &w);
  g_assert_false (signet_verifier_add_crls_from_file_finish (v, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* the cancelled call added no anchor */
  signet_verifier_check_certificate_async (v, alice, "alice@example.org", NULL, got_any, &w);
  {
    g_autoptr (SignetSignature) sig =
        signet_verifier_check_certificate_finish (v, wait_any (&w), &error);
    g_autoptr (SignetSignature) untrusted = NULL;
    g_autofree char *root_path = pki ("root-ca.pem");
    g_autofree char *inter_path = pki ("inter-ca.pem");

    g_assert_no_error (error);
    /* adding the anchor now changes the outcome: the cancelled call did not */
    g_assert_true (signet_verifier_add_anchors_from_file (v, root_path, &error));
    g_assert_no_error (error);
    g_assert_true (signet_verifier_add_certificates_from_file (v, inter_path, &error));
    g_assert_no_error (error);
    untrusted = g_steal_pointer (&sig);
    sig = signet_verifier_check_certificate (v, alice, "alice@example.org");
    g_assert_true (signet_signature_has_warning (untrusted, SIGNET_WARNING_ISSUER_UNKNOWN));
    g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_ISSUER_UNKNOWN));
  }
}

static void
test_trust_async (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (SignetCertificate) stranger = load_one ("stranger.pem");
  g_autoptr (SignetVerifier) v = bare_verifier ();
  g_autoptr (SignetTrust) trust = NULL;
  g_autoptr (SignetSignature) sig = NULL;
  g_autoptr (SignetPrompt) prompt = NULL;
  g_autoptr (GPtrArray) decisions = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean found = FALSE;
  g_auto (Wait) w = { 0 };

  signet_trust_new_async (f->store, SIGNET_TRUST_SOURCE_NONE, NULL, got_any, &w);
  g_assert_null (w.result);
  trust = signet_trust_new_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_true (SIGNET_IS_TRUST (trust));
  g_assert_true (signet_trust_get_store (trust) == f->store);
  g_assert_cmpint (signet_trust_get_source (trust), ==, SIGNET_TRUST_SOURCE_NONE);

  signet_trust_add_anchor_async (trust, stranger, SIGNET_TRUST_SCOPE_PERMANENT, "test", NULL,
                                 got_any, &w);
  id = signet_trust_add_anchor_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (signet_trust_is_anchor (trust, stranger));

  signet_trust_list_async (trust, NULL, got_any, &w);
  decisions = signet_trust_list_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_true (w.source == G_OBJECT (trust));
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpstr (((SignetTrustDecision *) g_ptr_array_index (decisions, 0))->id, ==, id);
  g_assert_cmpint (((SignetTrustDecision *) g_ptr_array_index (decisions, 0))->kind, ==,
                   SIGNET_TRUST_KIND_ANCHOR);
  g_clear_pointer (&decisions, g_ptr_array_unref);

  signet_trust_undo_async (trust, id, NULL, got_any, &w);
  g_assert_true (signet_trust_undo_finish (trust, wait_any (&w), &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  signet_trust_undo_async (trust, id, NULL, got_any, &w);
  g_assert_true (signet_trust_undo_finish (trust, wait_any (&w), &found, &error));
  g_assert_false (found);
  g_assert_false (signet_trust_is_anchor (trust, stranger));

  /* a prompt for an untrusted signer; a choice it does not offer fails */
  signet_verifier_set_trust (v, trust);
  sig = signet_verifier_check_certificate (v, alice, "alice@example.org");
  prompt = signet_prompt_new_for_signature (sig, trust);
  g_assert_nonnull (prompt);
  signet_trust_apply_async (trust, prompt, "no-such-choice", NULL, got_any, &w);
  g_assert_false (signet_trust_apply_finish (trust, wait_any (&w), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_clear_error (&error);

  signet_trust_list_async (trust, NULL, got_any, &w);
  decisions = signet_trust_list_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 0);
}

static void
test_trust_async_cancelled (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (SignetTrust) trust = signet_trust_new (f->store, SIGNET_TRUST_SOURCE_NONE);
  g_autoptr (SignetCertificate) stranger = load_one ("stranger.pem");
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean found = TRUE;
  g_auto (Wait) w = { 0 };

  signet_trust_new_async (f->store, SIGNET_TRUST_SOURCE_NONE, cancellable, got_any, &w);
  g_assert_null (signet_trust_new_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  signet_trust_list_async (trust, cancellable, got_any, &w);
  g_assert_null (signet_trust_list_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  id = signet_trust_add_anchor (trust, stranger, SIGNET_TRUST_SCOPE_PERMANENT, NULL, &error);
  g_assert_no_error (error);
  signet_trust_undo_async (trust, id, cancellable, got_any, &w);
  g_assert_false (signet_trust_undo_finish (trust, wait_any (&w), &found, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (found);
  g_clear_error (&error);
  signet_trust_add_anchor_async (trust, stranger, SIGNET_TRUST_SCOPE_SESSION, NULL, cancellable,
                                 got_any, &w);
  g_assert_null (signet_trust_add_anchor_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* the decision is still there */
  g_assert_true (signet_trust_is_anchor (trust, stranger));
}

/* The fingerprint and OCSP functions of the store, and its boxed records */

static GBytes *
hex_bytes (const char *hex)
{
  gsize n = strlen (hex) / 2;
  guint8 *buf = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    buf[i] =
        (guint8) ((g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]));
  return g_bytes_new_take (buf, n);
}

static void
test_store_ocsp_async (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (SignetCertificate) inter = load_one ("inter-ca.pem");
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GBytes) response = hex_bytes ("300a0a0100a0053003060100");
  g_autoptr (GBytes) got = NULL;
  g_autoptr (GBytes) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *resolved_sync = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url_sync = NULL;
  const char *issuer = signet_certificate_get_sha256 (inter);
  GBytes *serial = signet_certificate_get_serial (alice);
  g_auto (Wait) w = { 0 };

  g_ptr_array_add (certs, g_object_ref (alice));
  g_assert_true (signet_store_add_certificates (f->store, certs, "test", NOW, NULL, &error));
  g_assert_no_error (error);

  /* an upper-case prefix with colons, as a user types it */
  prefix = g_ascii_strup (signet_certificate_get_sha256 (alice), 8);
  {
    g_autofree char *typed =
        g_strdup_printf ("%.2s:%.2s:%.2s:%.2s", prefix, prefix + 2, prefix + 4, prefix + 6);

    signet_store_resolve_fingerprint_async (f->store, typed, NULL, got_any, &w);
    g_assert_null (w.result);
    resolved = signet_store_resolve_fingerprint_finish (f->store, wait_any (&w), &error);
    g_assert_no_error (error);
    g_assert_true (w.source == G_OBJECT (f->store));
    resolved_sync = signet_store_resolve_fingerprint (f->store, typed, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (resolved, ==, signet_certificate_get_sha256 (alice));
  g_assert_cmpstr (resolved, ==, resolved_sync);
  g_clear_pointer (&resolved, g_free);
  /* no match: NULL without an error; not a fingerprint: an error */
  signet_store_resolve_fingerprint_async (f->store, "0000000000", NULL, got_any, &w);
  g_assert_null (signet_store_resolve_fingerprint_finish (f->store, wait_any (&w), &error));
  g_assert_no_error (error);
  signet_store_resolve_fingerprint_async (f->store, "not hex", NULL, got_any, &w);
  g_assert_null (signet_store_resolve_fingerprint_finish (f->store, wait_any (&w), &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);

  /* nothing stored yet */
  signet_store_lookup_ocsp_async (f->store, issuer, serial, NOW, NULL, got_any, &w);
  g_assert_null (signet_store_lookup_ocsp_finish (f->store, wait_any (&w), &url, &error));
  g_assert_no_error (error);
  g_assert_null (url);

  signet_store_record_ocsp_async (f->store, issuer, serial, response, NOW - 60, NOW + 3600,
                                  "http://ocsp.example.org/", NOW, NULL, got_any, &w);
  g_assert_true (signet_store_record_ocsp_finish (f->store, wait_any (&w), &error));
  g_assert_no_error (error);

  signet_store_lookup_ocsp_async (f->store, issuer, serial, NOW, NULL, got_any, &w);
  got = signet_store_lookup_ocsp_finish (f->store, wait_any (&w), &url, &error);
  g_assert_no_error (error);
  sync = signet_store_lookup_ocsp (f->store, issuer, serial, NOW, &url_sync, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_true (g_bytes_equal (got, response));
  g_assert_true (g_bytes_equal (got, sync));
  g_assert_cmpstr (url, ==, "http://ocsp.example.org/");
  g_assert_cmpstr (url, ==, url_sync);
  g_clear_pointer (&got, g_bytes_unref);
  g_clear_pointer (&url, g_free);

  /* past its nextUpdate: none, as synchronously */
  signet_store_lookup_ocsp_async (f->store, issuer, serial, NOW + 3601, NULL, got_any, &w);
  g_assert_null (signet_store_lookup_ocsp_finish (f->store, wait_any (&w), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (signet_store_lookup_ocsp (f->store, issuer, serial, NOW + 3601, NULL, &error));
  g_assert_no_error (error);
}

static void
test_store_ocsp_async_cancelled (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (GBytes) response = hex_bytes ("300a0a0100a0053003060100");
  g_autoptr (GError) error = NULL;
  char *url = (char *) "unset"; /* not owned: the finish function must clear it */
  GBytes *serial = signet_certificate_get_serial (alice);
  const char *issuer = signet_certificate_get_sha256 (alice);
  g_auto (Wait) w = { 0 };

  signet_store_resolve_fingerprint_async (f->store, signet_certificate_get_sha256 (alice),
                                          cancellable, got_any, &w);
  g_assert_null (signet_store_resolve_fingerprint_finish (f->store, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  signet_store_record_ocsp_async (f->store, issuer, serial, response, NOW - 60, NOW + 3600, NULL,
                                  NOW, cancellable, got_any, &w);
  g_assert_false (signet_store_record_ocsp_finish (f->store, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* nothing was recorded */
  g_assert_null (signet_store_lookup_ocsp (f->store, issuer, serial, NOW, NULL, &error));
  g_assert_no_error (error);

  signet_store_lookup_ocsp_async (f->store, issuer, serial, NOW, cancellable, got_any, &w);
  g_assert_null (signet_store_lookup_ocsp_finish (f->store, wait_any (&w), &url, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (url);
}

static void
test_boxed_records (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) crls = NULL;
  g_autoptr (GPtrArray) crl_records = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *crl_path = pki ("inter-ca.crl");
  g_autoptr (SignetStoreRecord) copy = NULL;
  g_autoptr (SignetStoreCrlRecord) crl_copy = NULL;
  g_autoptr (SignetStoreTrustRecord) trust_copy = NULL;
  g_autoptr (SignetTrustDecision) decision_copy = NULL;
  g_autoptr (SignetTrust) trust = NULL;
  g_autoptr (GPtrArray) decisions = NULL;
  g_autoptr (GPtrArray) trust_records = NULL;
  g_autofree char *id = NULL;
  SignetStoreRecord *record;

  g_assert_true (G_TYPE_IS_BOXED (SIGNET_TYPE_STORE_RECORD));
  g_assert_true (G_TYPE_IS_BOXED (SIGNET_TYPE_STORE_CRL_RECORD));
  g_assert_true (G_TYPE_IS_BOXED (SIGNET_TYPE_STORE_REVOCATION));
  g_assert_true (G_TYPE_IS_BOXED (SIGNET_TYPE_STORE_TRUST_RECORD));
  g_assert_true (G_TYPE_IS_BOXED (SIGNET_TYPE_TRUST_DECISION));
  g_assert_true (G_TYPE_IS_BOXED (SIGNET_TYPE_TRUST_ANCHORS));
  g_assert_cmpstr (g_type_name (SIGNET_TYPE_STORE_RECORD), ==, "SignetStoreRecord");

  g_ptr_array_add (certs, g_object_ref (alice));
  g_assert_true (signet_store_add_certificates (f->store, certs, "boxed", NOW, NULL, &error));
  g_assert_no_error (error);
  records = signet_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  copy = g_boxed_copy (SIGNET_TYPE_STORE_RECORD, record);
  g_assert_true (copy != record);
  g_assert_true (copy->certificate == record->certificate);
  g_assert_true (copy->origin != record->origin);
  g_assert_cmpstr (copy->origin, ==, "boxed");
  g_assert_cmpint (copy->first_seen, ==, NOW);
  g_assert_cmpint (copy->last_seen, ==, NOW);
  g_assert_true (copy->addresses != record->addresses);
  g_assert_true (g_strv_equal ((const char *const *) copy->addresses,
                               (const char *const *) record->addresses));
  g_assert_cmpstr (copy->addresses[0], ==, "alice@example.org");
  /* the copy outlives the list */
  g_clear_pointer (&records, g_ptr_array_unref);
  g_assert_cmpstr (signet_certificate_get_sha256 (copy->certificate), ==,
                   signet_certificate_get_sha256 (alice));

  crls = signet_crl_list_from_file (crl_path, &error);
  g_assert_no_error (error);
  g_assert_true (signet_store_add_crl (f->store, g_ptr_array_index (crls, 0), "http://crl/", NOW,
                                       NULL, &error));
  g_assert_no_error (error);
  crl_records = signet_store_list_crls (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crl_records->len, ==, 1);
  crl_copy = g_boxed_copy (SIGNET_TYPE_STORE_CRL_RECORD, g_ptr_array_index (crl_records, 0));
  g_clear_pointer (&crl_records, g_ptr_array_unref);
  g_assert_cmpstr (crl_copy->fetched_from, ==, "http://crl/");
  g_assert_cmpint (crl_copy->added, ==, NOW);
  g_assert_cmpstr (signet_crl_get_sha256 (crl_copy->crl), ==,
                   signet_crl_get_sha256 (g_ptr_array_index (crls, 0)));

  trust = signet_trust_new (f->store, SIGNET_TRUST_SOURCE_NONE);
  id = signet_trust_pin (trust, alice, "alice@example.org", SIGNET_TRUST_SCOPE_PERMANENT, "why",
                         &error);
  g_assert_no_error (error);
  trust_records = signet_store_list_trust (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trust_records->len, ==, 1);
  trust_copy = signet_store_trust_record_copy (g_ptr_array_index (trust_records, 0));
  g_clear_pointer (&trust_records, g_ptr_array_unref);
  g_assert_cmpstr (trust_copy->kind, ==, "pin");
  g_assert_cmpstr (trust_copy->address, ==, "alice@example.org");
  g_assert_cmpstr (trust_copy->reason, ==, "why");
  decisions = signet_trust_list (trust, &error);
  g_assert_no_error (error);
  decision_copy = g_boxed_copy (SIGNET_TYPE_TRUST_DECISION, g_ptr_array_index (decisions, 0));
  g_clear_pointer (&decisions, g_ptr_array_unref);
  g_assert_cmpstr (decision_copy->id, ==, id);
  g_assert_cmpint (decision_copy->kind, ==, SIGNET_TRUST_KIND_PIN);
  g_assert_true (decision_copy->certificate != NULL);
  g_assert_cmpstr (signet_certificate_get_sha256 (decision_copy->certificate), ==,
                   signet_certificate_get_sha256 (alice));
}

/* The trust decisions and questions, asynchronously */

static gboolean
warnings_equal (SignetSignature *a, SignetSignature *b)
{
  GPtrArray *wa = signet_signature_get_warnings (a);
  GPtrArray *wb = signet_signature_get_warnings (b);

  if (wa->len != wb->len || signet_signature_get_verdict (a) != signet_signature_get_verdict (b))
    return FALSE;
  for (guint i = 0; i < wa->len; i++)
    if (g_strcmp0 (signet_warning_get_code (g_ptr_array_index (wa, i)),
                   signet_warning_get_code (g_ptr_array_index (wb, i))) != 0)
      return FALSE;
  return TRUE;
}

static void
test_trust_decisions_async (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (SignetCertificate) stranger = load_one ("stranger.pem");
  g_autoptr (SignetCertificate) root = load_one ("root-ca.pem");
  g_autoptr (GPtrArray) builtin = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SignetTrust) trust = NULL;
  g_autoptr (SignetVerifier) v = bare_verifier ();
  g_autoptr (GPtrArray) anchors = NULL;
  g_autoptr (GPtrArray) anchors_sync = NULL;
  g_autoptr (SignetCertificate) pin = NULL;
  g_autoptr (SignetSignature) sig = NULL;
  g_autoptr (SignetSignature) sig_sync = NULL;
  g_autoptr (SignetPrompt) prompt = NULL;
  g_autoptr (SignetPrompt) prompt_sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *removed_id = NULL;
  g_autofree char *distrust_id = NULL;
  g_autofree char *pin_id = NULL;
  g_autofree char *inter_path = pki ("inter-ca.pem");
  g_auto (Wait) w = { 0 };

  g_ptr_array_add (builtin, g_object_ref (root));
  trust = signet_trust_new_with_anchors (f->store, builtin, NULL);
  /* the verifier knows the whole chain but trusts no root */
  g_assert_true (signet_verifier_add_certificates_from_file (v, inter_path, &error));
  g_assert_no_error (error);
  signet_verifier_add_certificate (v, root);

  signet_trust_get_builtin_anchors_async (trust, NULL, got_any, &w);
  g_assert_null (w.result);
  anchors = signet_trust_get_builtin_anchors_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_true (w.source == G_OBJECT (trust));
  g_assert_cmpuint (anchors->len, ==, 1);
  g_assert_true (signet_certificate_equal (g_ptr_array_index (anchors, 0), root));
  g_clear_pointer (&anchors, g_ptr_array_unref);

  signet_trust_is_anchor_async (trust, root, NULL, got_any, &w);
  g_assert_true (signet_trust_is_anchor_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);

  /* take the built-in anchor away */
  signet_trust_remove_anchor_async (trust, root, "test", NULL, got_any, &w);
  removed_id = signet_trust_remove_anchor_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (removed_id);
  signet_trust_is_anchor_async (trust, root, NULL, got_any, &w);
  g_assert_false (signet_trust_is_anchor_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);
  g_assert_false (signet_trust_is_anchor (trust, root));
  signet_trust_get_anchors_async (trust, NULL, got_any, &w);
  anchors = signet_trust_get_anchors_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anchors->len, ==, 0);
  g_clear_pointer (&anchors, g_ptr_array_unref);

  /* distrust by fingerprint only */
  signet_trust_distrust_async (trust, NULL, signet_certificate_get_sha256 (stranger),
                               SIGNET_TRUST_SCOPE_PERMANENT, NULL, NULL, got_any, &w);
  distrust_id = signet_trust_distrust_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (distrust_id);
  signet_trust_is_distrusted_async (trust, stranger, NULL, got_any, &w);
  g_assert_true (signet_trust_is_distrusted_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);
  g_assert_true (signet_trust_is_distrusted (trust, stranger));
  signet_trust_is_distrusted_async (trust, alice, NULL, got_any, &w);
  g_assert_false (signet_trust_is_distrusted_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);
  /* a distrust without a certificate nor a fingerprint fails */
  signet_trust_distrust_async (trust, NULL, "xyz", SIGNET_TRUST_SCOPE_PERMANENT, NULL, NULL,
                               got_any, &w);
  g_assert_null (signet_trust_distrust_finish (trust, wait_any (&w), &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (g_quark_to_string (error->domain), ==, g_quark_to_string (SIGNET_ERROR));
  g_clear_error (&error);

  /* alice is not pinned yet */
  signet_trust_get_pin_async (trust, "alice@example.org", NULL, got_any, &w);
  g_assert_null (signet_trust_get_pin_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);
  signet_trust_is_pinned_async (trust, "alice@example.org", alice, NULL, got_any, &w);
  g_assert_false (signet_trust_is_pinned_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);

  /* the prompt for her untrusted signature, as synchronously */
  sig = signet_verifier_check_certificate (v, alice, "alice@example.org");
  sig_sync = signet_verifier_check_certificate (v, alice, "alice@example.org");
  signet_prompt_new_for_signature_async (sig, trust, NULL, got_any, &w);
  prompt = signet_prompt_new_for_signature_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_null (w.source);
  prompt_sync = signet_prompt_new_for_signature (sig_sync, trust);
  g_assert_nonnull (prompt);
  g_assert_nonnull (prompt_sync);
  g_assert_cmpint (signet_prompt_get_kind (prompt), ==, signet_prompt_get_kind (prompt_sync));
  g_assert_cmpuint (signet_prompt_get_n_choices (prompt), ==,
                    signet_prompt_get_n_choices (prompt_sync));
  g_assert_cmpint (signet_prompt_get_kind (prompt), ==, SIGNET_PROMPT_UNTRUSTED_ROOT);
  g_assert_true (signet_prompt_has_choice (prompt, SIGNET_PROMPT_CHOICE_TRUST_AUTHORITY));
  for (guint i = 0; i < signet_prompt_get_n_choices (prompt); i++)
    g_assert_cmpstr (signet_prompt_get_choice_id (prompt, i), ==,
                     signet_prompt_get_choice_id (prompt_sync, i));

  signet_trust_pin_async (trust, alice, "Alice@Example.org", SIGNET_TRUST_SCOPE_PERMANENT,
                          "met her", NULL, got_any, &w);
  pin_id = signet_trust_pin_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (pin_id);
  signet_trust_get_pin_async (trust, "alice@example.org", NULL, got_any, &w);
  pin = signet_trust_get_pin_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_nonnull (pin);
  g_assert_true (signet_certificate_equal (pin, alice));
  signet_trust_is_pinned_async (trust, "alice@example.org", alice, NULL, got_any, &w);
  g_assert_true (signet_trust_is_pinned_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);

  /* reviewing applies the pin, in the worker thread as in the caller's */
  signet_trust_review_signature_async (trust, sig, NULL, got_any, &w);
  g_assert_true (signet_trust_review_signature_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);
  signet_trust_review_signature (trust, sig_sync);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_PINNED));
  g_assert_true (warnings_equal (sig, sig_sync));

  /* undoing every decision about the root gives the anchor back */
  signet_trust_undo_certificate_async (trust, signet_certificate_get_sha256 (root), NULL, got_any,
                                       &w);
  g_assert_cmpuint (signet_trust_undo_certificate_finish (trust, wait_any (&w), &error), ==, 1);
  g_assert_no_error (error);
  signet_trust_get_anchors_async (trust, NULL, got_any, &w);
  anchors = signet_trust_get_anchors_finish (trust, wait_any (&w), &error);
  g_assert_no_error (error);
  anchors_sync = signet_trust_get_anchors (trust);
  g_assert_cmpuint (anchors->len, ==, 1);
  g_assert_cmpuint (anchors_sync->len, ==, 1);
  g_assert_true (signet_certificate_equal (g_ptr_array_index (anchors, 0), root));
  /* and the same upper-case, for a certificate with nothing left */
  {
    g_autofree char *upper = g_ascii_strup (signet_certificate_get_sha256 (root), -1);

    signet_trust_undo_certificate_async (trust, upper, NULL, got_any, &w);
    g_assert_cmpuint (signet_trust_undo_certificate_finish (trust, wait_any (&w), &error), ==, 0);
    g_assert_no_error (error);
  }
}

static void
test_trust_decisions_async_cancelled (StoreFixture *f, gconstpointer data)
{
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  g_autoptr (SignetCertificate) root = load_one ("root-ca.pem");
  g_autoptr (GPtrArray) builtin = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (SignetTrust) trust = NULL;
  g_autoptr (SignetVerifier) v = bare_verifier ();
  g_autoptr (SignetSignature) sig = NULL;
  g_autoptr (GPtrArray) decisions = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  guint n_warnings;
  g_auto (Wait) w = { 0 };

  g_ptr_array_add (builtin, g_object_ref (root));
  trust = signet_trust_new_with_anchors (f->store, builtin, NULL);

  signet_trust_remove_anchor_async (trust, root, NULL, cancellable, got_any, &w);
  g_assert_null (signet_trust_remove_anchor_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_distrust_async (trust, alice, NULL, SIGNET_TRUST_SCOPE_PERMANENT, NULL, cancellable,
                               got_any, &w);
  g_assert_null (signet_trust_distrust_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_pin_async (trust, alice, "alice@example.org", SIGNET_TRUST_SCOPE_SESSION, NULL,
                          cancellable, got_any, &w);
  g_assert_null (signet_trust_pin_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* none of them was recorded */
  decisions = signet_trust_list (trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 0);

  id = signet_trust_distrust (trust, alice, NULL, SIGNET_TRUST_SCOPE_PERMANENT, NULL, &error);
  g_assert_no_error (error);
  signet_trust_undo_certificate_async (trust, signet_certificate_get_sha256 (alice), cancellable,
                                       got_any, &w);
  g_assert_cmpuint (signet_trust_undo_certificate_finish (trust, wait_any (&w), &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* the decision is still there */
  g_assert_true (signet_trust_is_distrusted (trust, alice));

  signet_trust_get_builtin_anchors_async (trust, cancellable, got_any, &w);
  g_assert_null (signet_trust_get_builtin_anchors_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_get_anchors_async (trust, cancellable, got_any, &w);
  g_assert_null (signet_trust_get_anchors_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_is_anchor_async (trust, root, cancellable, got_any, &w);
  g_assert_false (signet_trust_is_anchor_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_is_distrusted_async (trust, alice, cancellable, got_any, &w);
  g_assert_false (signet_trust_is_distrusted_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_get_pin_async (trust, "alice@example.org", cancellable, got_any, &w);
  g_assert_null (signet_trust_get_pin_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_is_pinned_async (trust, "alice@example.org", alice, cancellable, got_any, &w);
  g_assert_false (signet_trust_is_pinned_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* a cancelled review leaves the signature alone */
  sig = signet_verifier_check_certificate (v, alice, "alice@example.org");
  n_warnings = signet_signature_get_warnings (sig)->len;
  signet_trust_review_signature_async (trust, sig, cancellable, got_any, &w);
  g_assert_false (signet_trust_review_signature_finish (trust, wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (signet_signature_get_warnings (sig)->len, ==, n_warnings);
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_DISTRUSTED));
  /* while a review that runs marks the distrusted signer */
  signet_trust_review_signature_async (trust, sig, NULL, got_any, &w);
  g_assert_true (signet_trust_review_signature_finish (trust, wait_any (&w), &error));
  g_assert_no_error (error);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_DISTRUSTED));

  signet_prompt_new_for_signature_async (sig, trust, cancellable, got_any, &w);
  g_assert_null (signet_prompt_new_for_signature_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The built-in anchor loaders */

static gboolean
anchors_equal (const SignetTrustAnchors *a, const SignetTrustAnchors *b)
{
  if (a->source != b->source || a->anchors->len != b->anchors->len ||
      a->distrusted->len != b->distrusted->len || g_strcmp0 (a->problem, b->problem) != 0 ||
      g_strcmp0 (a->origin, b->origin) != 0)
    return FALSE;
  for (guint i = 0; i < a->anchors->len; i++)
    if (!signet_certificate_equal (g_ptr_array_index (a->anchors, i),
                                   g_ptr_array_index (b->anchors, i)))
      return FALSE;
  for (guint i = 0; i < a->distrusted->len; i++)
    if (!signet_certificate_equal (g_ptr_array_index (a->distrusted, i),
                                   g_ptr_array_index (b->distrusted, i)))
      return FALSE;
  return TRUE;
}

static void
test_anchors_async (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trust", "system", NULL);
  g_autoptr (SignetCertificate) root = load_one ("root-ca.pem");
  g_autoptr (SignetTrustAnchors) a = NULL;
  g_autoptr (SignetTrustAnchors) sync = NULL;
  g_autoptr (SignetTrustAnchors) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) sync_error = NULL;
  g_auto (Wait) w = { 0 };

  signet_trust_anchors_load_system_async (dir, NULL, got_any, &w);
  g_assert_null (w.result);
  a = signet_trust_anchors_load_system_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  g_assert_null (w.source);
  sync = signet_trust_anchors_load_system (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->source, ==, SIGNET_TRUST_SOURCE_SYSTEM);
  g_assert_cmpuint (a->anchors->len, ==, 1);
  g_assert_true (signet_certificate_equal (g_ptr_array_index (a->anchors, 0), root));
  g_assert_true (anchors_equal (a, sync));

  /* the boxed copy */
  copy = g_boxed_copy (SIGNET_TYPE_TRUST_ANCHORS, a);
  g_assert_true (copy->anchors != a->anchors);
  g_assert_true (anchors_equal (a, copy));
  g_clear_pointer (&a, signet_trust_anchors_free);
  g_clear_pointer (&sync, signet_trust_anchors_free);
  g_assert_cmpuint (copy->anchors->len, ==, 1);

  /* a missing module fails as synchronously */
  signet_trust_anchors_load_mozilla_async ("/nonexistent/libnssckbi.so", NULL, got_any, &w);
  g_assert_null (signet_trust_anchors_load_mozilla_finish (wait_any (&w), &error));
  g_assert_null (signet_trust_anchors_load_mozilla ("/nonexistent/libnssckbi.so", &sync_error));
  g_assert_nonnull (error);
  g_assert_error (error, sync_error->domain, sync_error->code);
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_clear_error (&error);

  signet_trust_anchors_load_async (SIGNET_TRUST_SOURCE_NONE, NULL, got_any, &w);
  a = signet_trust_anchors_load_finish (wait_any (&w), &error);
  g_assert_no_error (error);
  sync = signet_trust_anchors_load (SIGNET_TRUST_SOURCE_NONE);
  g_assert_cmpint (a->source, ==, SIGNET_TRUST_SOURCE_NONE);
  g_assert_cmpuint (a->anchors->len, ==, 0);
  g_assert_true (anchors_equal (a, sync));
}

/* Loaders running at once in several threads take turns with the PKCS#11
 * modules: without that, one of them finalises NSS's module while another
 * reads it, and the process crashes. Every loader gets the whole list. */
static void
test_anchors_async_concurrent (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trust", "system", NULL);
  const char *module = signet_trust_anchors_find_mozilla_module ();
  g_autoptr (SignetTrustAnchors) expected = NULL;
  g_autoptr (GError) error = NULL;

  if (module == NULL)
    {
      g_test_skip ("NSS's built-in roots module (libnssckbi.so, package libnss3) is not installed");
      return;
    }
  expected = signet_trust_anchors_load_mozilla (module, &error);
  if (g_error_matches (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED))
    {
      g_test_skip ("libnssckbi.so here is p11-kit's trust module, not NSS's list");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (expected->anchors->len, >, 0);

  for (guint round = 0; round < 2; round++)
    {
      Wait mozilla[6] = { { 0 } };
      Wait system[2] = { { 0 } };

      for (guint i = 0; i < G_N_ELEMENTS (mozilla); i++)
        signet_trust_anchors_load_mozilla_async (module, NULL, got_any, &mozilla[i]);
      for (guint i = 0; i < G_N_ELEMENTS (system); i++)
        signet_trust_anchors_load_system_async (dir, NULL, got_any, &system[i]);
      for (guint i = 0; i < G_N_ELEMENTS (mozilla); i++)
        {
          g_autoptr (SignetTrustAnchors) a =
              signet_trust_anchors_load_mozilla_finish (wait_any (&mozilla[i]), &error);

          g_assert_no_error (error);
          g_assert_true (anchors_equal (a, expected));
          wait_clear (&mozilla[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (system); i++)
        {
          g_autoptr (SignetTrustAnchors) a =
              signet_trust_anchors_load_system_finish (wait_any (&system[i]), &error);

          g_assert_no_error (error);
          g_assert_cmpuint (a->anchors->len, ==, 1);
          wait_clear (&system[i]);
        }
    }
}

static void
test_anchors_async_cancelled (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "trust", "system", NULL);
  g_autoptr (GCancellable) cancellable = cancelled ();
  g_autoptr (GError) error = NULL;
  g_auto (Wait) w = { 0 };

  signet_trust_anchors_load_system_async (dir, cancellable, got_any, &w);
  g_assert_null (signet_trust_anchors_load_system_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_anchors_load_mozilla_async (NULL, cancellable, got_any, &w);
  g_assert_null (signet_trust_anchors_load_mozilla_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  signet_trust_anchors_load_async (SIGNET_TRUST_SOURCE_NONE, cancellable, got_any, &w);
  g_assert_null (signet_trust_anchors_load_finish (wait_any (&w), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_key_usage_flags (void)
{
  g_autoptr (GFlagsClass) usages = g_type_class_ref (SIGNET_TYPE_KEY_USAGE);
  g_autoptr (SignetCertificate) alice = load_one ("alice.pem");
  guint usage = 0;
  GFlagsValue *value;

  g_assert_true (G_TYPE_IS_FLAGS (SIGNET_TYPE_KEY_USAGE));
  value = g_flags_get_first_value (usages, SIGNET_KEY_USAGE_DIGITAL_SIGNATURE);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "digital-signature");
  g_assert_cmpuint (value->value, ==, GNUTLS_KEY_DIGITAL_SIGNATURE);
  g_assert_cmpuint (usages->n_values, ==, 9);
  g_assert_true (signet_certificate_get_key_usage (alice, &usage));
  g_assert_true (usage & SIGNET_KEY_USAGE_DIGITAL_SIGNATURE);
  g_assert_false (usage & SIGNET_KEY_USAGE_KEY_CERT_SIGN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/libsignet/verify-mismatch", test_verify_mismatch);
  g_test_add_func ("/signet/libsignet/enum-types", test_enum_types);
  g_test_add ("/signet/libsignet/store-async", StoreFixture, NULL, store_setup, test_store_async,
              store_teardown);
  g_test_add ("/signet/libsignet/store-async-cancelled", StoreFixture, NULL, store_setup,
              test_store_async_cancelled, store_teardown);
  g_test_add_func ("/signet/libsignet/files-async", test_files_async);
  g_test_add ("/signet/libsignet/store-open-async", StoreFixture, NULL, store_setup,
              test_store_open_async, store_teardown);
  g_test_add ("/signet/libsignet/store-queries-async", StoreFixture, NULL, store_setup,
              test_store_queries_async, store_teardown);
  g_test_add ("/signet/libsignet/store-queries-async-cancelled", StoreFixture, NULL, store_setup,
              test_store_queries_async_cancelled, store_teardown);
  g_test_add_func ("/signet/libsignet/verifier-async", test_verifier_async);
  g_test_add_func ("/signet/libsignet/verifier-async-cancelled", test_verifier_async_cancelled);
  g_test_add ("/signet/libsignet/trust-async", StoreFixture, NULL, store_setup, test_trust_async,
              store_teardown);
  g_test_add ("/signet/libsignet/trust-async-cancelled", StoreFixture, NULL, store_setup,
              test_trust_async_cancelled, store_teardown);
  g_test_add ("/signet/libsignet/store-ocsp-async", StoreFixture, NULL, store_setup,
              test_store_ocsp_async, store_teardown);
  g_test_add ("/signet/libsignet/store-ocsp-async-cancelled", StoreFixture, NULL, store_setup,
              test_store_ocsp_async_cancelled, store_teardown);
  g_test_add ("/signet/libsignet/boxed-records", StoreFixture, NULL, store_setup,
              test_boxed_records, store_teardown);
  g_test_add ("/signet/libsignet/trust-decisions-async", StoreFixture, NULL, store_setup,
              test_trust_decisions_async, store_teardown);
  g_test_add ("/signet/libsignet/trust-decisions-async-cancelled", StoreFixture, NULL, store_setup,
              test_trust_decisions_async_cancelled, store_teardown);
  g_test_add_func ("/signet/libsignet/anchors-async", test_anchors_async);
  g_test_add_func ("/signet/libsignet/anchors-async-concurrent", test_anchors_async_concurrent);
  g_test_add_func ("/signet/libsignet/anchors-async-cancelled", test_anchors_async_cancelled);
  g_test_add_func ("/signet/libsignet/key-usage-flags", test_key_usage_flags);
  return g_test_run ();
}
