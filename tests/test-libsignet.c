/* test-libsignet.c: the installed library as a client sees it. Links only
 * libsignet-1.0.so and includes only the umbrella header, so a function
 * missing from the exports or a public header needing a private one fails
 * the build. Also covers the asynchronous store functions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

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
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "messages", "mismatch.eml", NULL);
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

  signet_store_import_file_async (f->store, "/nonexistent/alice.pem", NULL, NOW, NULL, got_result, f);
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
  signet_store_add_crl_async (f->store, g_ptr_array_index (crls, 0), "http://crl.example.org/inter.crl",
                              NOW, NULL, got_result, f);
  g_assert_true (signet_store_add_crl_finish (f->store, wait_result (f), &crl_result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crl_result, ==, SIGNET_STORE_CRL_ADDED);
  signet_store_add_crl_async (f->store, g_ptr_array_index (crls, 0), NULL, NOW, NULL, got_result, f);
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
  return g_test_run ();
}
