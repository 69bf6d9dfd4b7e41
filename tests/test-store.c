/* test-store.c: the certificate store.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "signet-error.h"
#include "signet-init.h"
#include "signet-path.h"
#include "signet-store.h"
#include "signet-store-private.h"

#define NOW 1893456000 /* 2030-01-01T00:00:00Z */

static SignetCertificate *
load_cert (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "store", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static SignetCrl *
load_crl (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "store", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr (GBytes) bytes = NULL;
  SignetCrl *crl;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new (data, len);
  crl = signet_crl_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return crl;
}

static char *
store_dir (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static SignetStore *
open_store (const char *dir)
{
  g_autoptr (GError) error = NULL;
  SignetStore *store = signet_store_open (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Stores the fixture certificates: root-ca, inter-ca, alice, alice2, bob,
 * revoked, dana. */
static void
fill (SignetStore *store)
{
  const char *const names[] = { "root-ca.pem", "inter-ca.pem", "alice.pem", "alice2.pem",
                                "bob.pem", "revoked.pem", "dana.pem" };
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  guint added = 99;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (certs, load_cert (names[i]));
  g_assert_true (signet_store_add_certificates (store, certs, "test", NOW, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, G_N_ELEMENTS (names));
}

static gboolean
contains (GPtrArray *certs, SignetCertificate *cert)
{
  for (guint i = 0; i < certs->len; i++)
    if (signet_certificate_equal (g_ptr_array_index (certs, i), cert))
      return TRUE;
  return FALSE;
}

/* Runs SQL on the database behind the store's back. */
static void
raw_sql (const char *dir, const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "signet.db", NULL);
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  sqlite3_close (db);
}

static void
test_open (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  /* The default directory is under XDG_DATA_HOME (isolated by GTest). */
  store = open_store (NULL);
  dir = signet_store_get_default_directory ();
  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  db = g_build_filename (dir, "signet.db", NULL);
  g_assert_cmpstr (signet_store_get_path (store), ==, db);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_assert_cmpint (signet_store_get_schema_version (store), ==, 3);
  fill (store);
  g_clear_object (&store);

  /* Reopening keeps the data and does not migrate again. */
  store = open_store (NULL);
  g_assert_cmpint (signet_store_get_schema_version (store), ==, 3);
  {
    g_autoptr (GPtrArray) all = signet_store_list (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 7);
  }
  g_clear_object (&store);

  /* A store from a newer version is refused, not damaged. */
  raw_sql (dir, "PRAGMA user_version = 99");
  store = signet_store_open (NULL, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED);
  g_assert_null (store);
}

static void
test_migrate_old (void)
{
  g_autofree char *dir = store_dir ("old");
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GError) error = NULL;

  /* A version-0 database (empty, journal_mode DELETE) is brought up to
   * date and switched to WAL. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  raw_sql (dir, "CREATE TABLE unrelated (x); PRAGMA journal_mode = DELETE;");
  store = open_store (dir);
  g_assert_cmpint (signet_store_get_schema_version (store), ==, 3);
  fill (store);
  {
    g_autofree char *wal = g_build_filename (dir, "signet.db-wal", NULL);

    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_find (void)
{
  g_autofree char *dir = store_dir ("find");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  g_autoptr (SignetCertificate) alice2 = load_cert ("alice2.pem");
  g_autoptr (SignetCertificate) inter = load_cert ("inter-ca.pem");
  g_autoptr (SignetCertificate) dana = load_cert ("dana.pem");
  g_autoptr (GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  const char *const alice_forms[] = { "alice@example.org", "ALICE@Example.ORG", "Alice@EXAMPLE.org" };
  const char *const dana_forms[] = { "dana.example@xn--bcher-kva.example",
                                     "Dana.Example@B\xc3\xbc" "cher.example",
                                     "DANA.EXAMPLE@XN--BCHER-KVA.EXAMPLE" };
  guint added = 99;

  fill (store);

  /* Adding again adds nothing. */
  g_ptr_array_add (again, g_object_ref (alice));
  g_assert_true (signet_store_add_certificates (store, again, "again", NOW + 10, &added, &error));
  g_assert_cmpuint (added, ==, 0);
  {
    g_autoptr (SignetStoreRecord) r = signet_store_lookup_record (store, signet_certificate_get_sha256 (alice), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (r->origin, ==, "test");
    g_assert_cmpint (r->first_seen, ==, NOW);
    g_assert_cmpint (r->last_seen, ==, NOW + 10);
    g_assert_cmpstrv (r->addresses, ((const char *const[]) { "alice@example.org", NULL }));
  }

  for (guint i = 0; i < G_N_ELEMENTS (alice_forms); i++)
    {
      g_autoptr (GPtrArray) found = signet_store_find_by_address (store, alice_forms[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 2);
      g_assert_true (contains (found, alice));
      g_assert_true (contains (found, alice2));
    }
  for (guint i = 0; i < G_N_ELEMENTS (dana_forms); i++)
    {
      g_autoptr (GPtrArray) found = signet_store_find_by_address (store, dana_forms[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_true (contains (found, dana));
    }
  {
    g_autoptr (GPtrArray) found = signet_store_find_by_address (store, "nobody@example.org", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);
  }

  /* Issuer candidates by raw subject. */
  {
    g_autoptr (GPtrArray) found = signet_store_find_by_subject (store, signet_certificate_get_raw_issuer (alice), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_true (contains (found, inter));
  }
  /* Issuer and serial, with a leading zero octet that must not matter. */
  {
    gsize len;
    const guint8 *serial = g_bytes_get_data (signet_certificate_get_serial (alice), &len);
    g_autofree guint8 *padded = g_malloc (len + 1);
    g_autoptr (GBytes) padded_bytes = NULL;
    g_autoptr (GPtrArray) found = NULL;
    g_autoptr (GPtrArray) found2 = NULL;

    padded[0] = 0;
    memcpy (padded + 1, serial, len);
    padded_bytes = g_bytes_new (padded, len + 1);
    found = signet_store_find_by_issuer_serial (store, signet_certificate_get_raw_issuer (alice),
                                                signet_certificate_get_serial (alice), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_true (contains (found, alice));
    found2 = signet_store_find_by_issuer_serial (store, signet_certificate_get_raw_issuer (alice),
                                                 padded_bytes, &error);
    g_assert_cmpuint (found2->len, ==, 1);
  }
  /* Subject key identifier. */
  {
    g_autoptr (GPtrArray) found = signet_store_find_by_subject_key_id (store, signet_certificate_get_subject_key_id (inter), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_true (contains (found, inter));
  }
  /* sha256 */
  {
    g_autoptr (SignetCertificate) got = signet_store_lookup (store, signet_certificate_get_sha256 (dana), &error);
    g_autoptr (SignetCertificate) none = signet_store_lookup (store, "00", &error);

    g_assert_no_error (error);
    g_assert_true (signet_certificate_equal (got, dana));
    g_assert_null (none);
  }
  /* Listing, all or by address. */
  {
    g_autoptr (GPtrArray) all = signet_store_list (store, NULL, &error);
    g_autoptr (GPtrArray) bobs = signet_store_list (store, "Bob@example.org", &error);
    SignetStoreRecord *r;

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 7);
    g_assert_cmpuint (bobs->len, ==, 1);
    r = g_ptr_array_index (bobs, 0);
    g_assert_cmpstr (signet_certificate_get_common_name (r->certificate), ==, "Bob Example");
    g_assert_cmpstrv (r->addresses, ((const char *const[]) { "bob@example.org", NULL }));
  }
}

static void
test_fingerprint (void)
{
  g_autofree char *dir = store_dir ("fpr");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  const char *sha = signet_certificate_get_sha256 (alice);
  g_autofree char *colons = signet_certificate_format_fingerprint (alice);
  g_autofree char *prefix = g_ascii_strup (sha, 8);
  g_autofree char *resolved = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;

  fill (store);
  resolved = signet_store_resolve_fingerprint (store, colons, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, sha);
  g_clear_pointer (&resolved, g_free);
  {
    g_autoptr (GString) s = g_string_new (NULL);

    for (guint i = 0; i < 64; i += 2)
      g_string_append_printf (s, "%s%c%c", i ? ":" : "", g_ascii_toupper (sha[i]), sha[i + 1]);
    resolved = signet_store_resolve_fingerprint (store, s->str, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (resolved, ==, sha);
    g_clear_pointer (&resolved, g_free);
  }
  resolved = signet_store_resolve_fingerprint (store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, sha);
  g_clear_pointer (&resolved, g_free);

  resolved = signet_store_resolve_fingerprint (store, "abcdef", &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);
  resolved = signet_store_resolve_fingerprint (store, "zz00zz00zz", &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);
  resolved = signet_store_resolve_fingerprint (store, "0123456789abcdef", &error);
  g_assert_no_error (error);
  g_assert_null (resolved);

  /* A second row sharing alice's first 12 digits makes an 8-digit prefix
   * ambiguous, and a 16-digit one still unique. */
  sql = g_strdup_printf ("INSERT INTO certificates SELECT substr (sha256, 1, 12) || '%s', der, subject,"
                         " issuer, raw_subject, raw_issuer, serial, ski, aki, not_before, not_after,"
                         " is_ca, first_seen, last_seen, origin FROM certificates WHERE sha256 = '%s'",
                         "0000000000000000000000000000000000000000000000000000", sha);
  raw_sql (dir, sql);
  resolved = signet_store_resolve_fingerprint (store, prefix, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_assert_null (resolved);
  g_clear_error (&error);
  resolved = signet_store_resolve_fingerprint (store, colons, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, sha);
}

static void
test_remove (void)
{
  g_autofree char *dir = store_dir ("remove");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  g_autoptr (SignetCertificate) alice2 = load_cert ("alice2.pem");
  g_autoptr (SignetCertificate) last = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;
  gboolean removed = FALSE;

  fill (store);
  g_assert_true (signet_store_record_signer (store, "alice@example.org", alice2, NOW, &error));
  g_assert_true (signet_store_record_signer (store, "alice@example.org", alice, NOW + 60, &error));
  g_assert_true (signet_store_remove (store, signet_certificate_get_sha256 (alice), &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);

  found = signet_store_find_by_address (store, "alice@example.org", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (contains (found, alice2));
  all = signet_store_list (store, NULL, &error);
  g_assert_cmpuint (all->len, ==, 6);
  /* The signer record went with the certificate. */
  last = signet_store_get_last_signer (store, "alice@example.org", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (signet_certificate_equal (last, alice2));

  g_assert_true (signet_store_remove (store, signet_certificate_get_sha256 (alice), &removed, &error));
  g_assert_false (removed);
}

/* What the store hands out is parsed once and then shared (the same
 * objects for the same rows, message after message), equal to a fresh
 * parse, and parsed again after the caches are emptied. */
static void
test_shared_parses (void)
{
  g_autofree char *dir = store_dir ("shared");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) inter = load_cert ("inter-ca.pem");
  g_autoptr (SignetCrl) crl = load_crl ("inter-1.crl");
  g_autoptr (GPtrArray) a = NULL, b = NULL, c = NULL, ca = NULL, cb = NULL, cc = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *subject = signet_certificate_get_raw_subject (inter);

  fill (store);
  g_assert_true (signet_store_add_crl (store, crl, NULL, NOW, NULL, &error));
  g_assert_no_error (error);

  signet_path_clear_caches ();
  a = signet_store_find_by_subject (store, subject, &error);
  b = signet_store_find_by_subject (store, subject, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_true (g_ptr_array_index (a, 0) == g_ptr_array_index (b, 0));
  g_assert_true (signet_certificate_equal (g_ptr_array_index (a, 0), inter));
  ca = signet_store_find_crls_by_issuer (store, subject, &error);
  cb = signet_store_find_crls_by_issuer (store, subject, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca->len, ==, 1);
  g_assert_true (g_ptr_array_index (ca, 0) == g_ptr_array_index (cb, 0));
  g_assert_cmpstr (signet_crl_get_sha256 (g_ptr_array_index (ca, 0)), ==, signet_crl_get_sha256 (crl));

  signet_path_clear_caches ();
  c = signet_store_find_by_subject (store, subject, &error);
  cc = signet_store_find_crls_by_issuer (store, subject, &error);
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_index (c, 0) != g_ptr_array_index (a, 0));
  g_assert_true (signet_certificate_equal (g_ptr_array_index (c, 0), inter));
  g_assert_true (g_ptr_array_index (cc, 0) != g_ptr_array_index (ca, 0));
  g_assert_cmpstr (signet_crl_get_sha256 (g_ptr_array_index (cc, 0)), ==, signet_crl_get_sha256 (crl));
}

static void
assert_crl_result (SignetStore *store, const char *name, SignetStoreCrlResult expected)
{
  g_autoptr (SignetCrl) crl = load_crl (name);
  g_autoptr (GError) error = NULL;
  SignetStoreCrlResult result = 99;

  g_assert_true (signet_store_add_crl (store, crl, "http://crl.example.org/x.crl", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, expected);
}

static guint
count_crls (SignetStore *store, const char *issuer_name)
{
  g_autoptr (SignetCertificate) issuer = load_cert (issuer_name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) crls = signet_store_find_crls_by_issuer (store, signet_certificate_get_raw_subject (issuer), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < crls->len; i++)
    g_assert_true (SIGNET_IS_CRL (g_ptr_array_index (crls, i)));
  return crls->len;
}

static void
test_crl_replace (void)
{
  g_autofree char *dir = store_dir ("crl");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCrl) two = load_crl ("inter-2.crl");
  g_autoptr (SignetCertificate) inter = load_cert ("inter-ca.pem");
  g_autoptr (GPtrArray) crls = NULL;
  g_autoptr (GError) error = NULL;

  assert_crl_result (store, "inter-1.crl", SIGNET_STORE_CRL_ADDED);
  assert_crl_result (store, "inter-1.crl", SIGNET_STORE_CRL_DUPLICATE);
  assert_crl_result (store, "inter-2.crl", SIGNET_STORE_CRL_REPLACED);
  assert_crl_result (store, "inter-1.crl", SIGNET_STORE_CRL_SUPERSEDED);
  crls = signet_store_find_crls_by_issuer (store, signet_certificate_get_raw_subject (inter), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crls->len, ==, 1);
  g_assert_cmpstr (signet_crl_get_sha256 (g_ptr_array_index (crls, 0)), ==, signet_crl_get_sha256 (two));

  /* Another scope (issuingDistributionPoint) lives alongside. */
  assert_crl_result (store, "inter-idp.crl", SIGNET_STORE_CRL_ADDED);
  g_assert_cmpuint (count_crls (store, "inter-ca.pem"), ==, 2);

  /* Without cRLNumber the later thisUpdate wins. */
  assert_crl_result (store, "root-a.crl", SIGNET_STORE_CRL_ADDED);
  assert_crl_result (store, "root-b.crl", SIGNET_STORE_CRL_REPLACED);
  assert_crl_result (store, "root-a.crl", SIGNET_STORE_CRL_SUPERSEDED);
  g_assert_cmpuint (count_crls (store, "root-ca.pem"), ==, 1);
  g_assert_cmpuint (count_crls (store, "inter-ca.pem"), ==, 2);
}

static GPtrArray *
revocations (SignetStore *store, SignetCertificate *cert)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *out = signet_store_find_revocations (store, signet_certificate_get_raw_issuer (cert),
                                                  signet_certificate_get_serial (cert), &error);

  g_assert_no_error (error);
  return out;
}

static void
test_revocation (void)
{
  g_autofree char *dir = store_dir ("rev");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) revoked = load_cert ("revoked.pem");
  g_autoptr (SignetCertificate) bob = load_cert ("bob.pem");
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  g_autoptr (SignetCertificate) root = load_cert ("root-ca.pem");
  g_autoptr (SignetCrl) two = load_crl ("inter-2.crl");
  g_autoptr (GPtrArray) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *plan = NULL;
  SignetStoreRevocation *entry;

  assert_crl_result (store, "inter-1.crl", SIGNET_STORE_CRL_ADDED);
  r = revocations (store, revoked);
  g_assert_cmpuint (r->len, ==, 1);
  g_clear_pointer (&r, g_ptr_array_unref);
  r = revocations (store, bob);
  g_assert_cmpuint (r->len, ==, 0);
  g_clear_pointer (&r, g_ptr_array_unref);

  /* The newer CRL replaced the older one's entries too. */
  assert_crl_result (store, "inter-2.crl", SIGNET_STORE_CRL_REPLACED);
  r = revocations (store, revoked);
  g_assert_cmpuint (r->len, ==, 1);
  entry = g_ptr_array_index (r, 0);
  g_assert_cmpstr (entry->crl_sha256, ==, signet_crl_get_sha256 (two));
  g_assert_false (entry->crl_is_delta);
  g_assert_cmpint (entry->reason, ==, SIGNET_CRL_REASON_KEY_COMPROMISE);
  g_assert_cmpint (entry->revocation_time, ==, 1735689600); /* 2025-01-01 */
  g_clear_pointer (&r, g_ptr_array_unref);

  r = revocations (store, bob);
  g_assert_cmpuint (r->len, ==, 1);
  g_assert_cmpint (((SignetStoreRevocation *) g_ptr_array_index (r, 0))->reason, ==,
                   SIGNET_CRL_REASON_SUPERSEDED);
  g_clear_pointer (&r, g_ptr_array_unref);
  assert_crl_result (store, "inter-idp.crl", SIGNET_STORE_CRL_ADDED);
  r = revocations (store, bob);
  g_assert_cmpuint (r->len, ==, 2);
  g_clear_pointer (&r, g_ptr_array_unref);

  r = revocations (store, alice);
  g_assert_cmpuint (r->len, ==, 0);
  g_clear_pointer (&r, g_ptr_array_unref);

  /* The same serial under another issuer is not revoked. */
  r = signet_store_find_revocations (store, signet_certificate_get_raw_subject (root),
                                     signet_certificate_get_serial (revoked), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->len, ==, 0);

  plan = signet_store_explain_revocation_query_for_testing (store);
  g_test_message ("plan: %s", plan);
  g_assert_nonnull (strstr (plan, "crl_entries_serial"));
  g_assert_null (strstr (plan, "SCAN e"));
}

static void
test_signers (void)
{
  g_autofree char *dir = store_dir ("signers");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  g_autoptr (SignetCertificate) alice2 = load_cert ("alice2.pem");
  g_autoptr (SignetCertificate) last = NULL;
  g_autoptr (GError) error = NULL;
  gint64 when = 0;

  /* Recording a signer stores its certificate too. */
  g_assert_true (signet_store_record_signer (store, "Alice@Example.org", alice, NOW, &error));
  g_assert_no_error (error);
  last = signet_store_get_last_signer (store, "alice@example.org", &when, &error);
  g_assert_true (signet_certificate_equal (last, alice));
  g_assert_cmpint (when, ==, NOW);
  g_clear_object (&last);

  g_assert_true (signet_store_record_signer (store, "alice@example.org", alice2, NOW + 100, &error));
  last = signet_store_get_last_signer (store, "ALICE@example.org", &when, &error);
  g_assert_true (signet_certificate_equal (last, alice2));
  g_assert_cmpint (when, ==, NOW + 100);
  g_clear_object (&last);

  /* An older message shown later does not move "last". */
  g_assert_true (signet_store_record_signer (store, "alice@example.org", alice, NOW + 50, &error));
  last = signet_store_get_last_signer (store, "alice@example.org", &when, &error);
  g_assert_true (signet_certificate_equal (last, alice2));
  g_clear_object (&last);
  g_assert_true (signet_store_record_signer (store, "alice@example.org", alice, NOW + 200, &error));
  last = signet_store_get_last_signer (store, "alice@example.org", &when, &error);
  g_assert_true (signet_certificate_equal (last, alice));
  g_assert_cmpint (when, ==, NOW + 200);
  g_clear_object (&last);

  last = signet_store_get_last_signer (store, "carol@example.org", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (last);

  g_assert_false (signet_store_record_signer (store, "not an address", alice, NOW, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
}

static void
test_verdicts (void)
{
  g_autofree char *dir = store_dir ("verdicts");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *v = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *none = NULL;
  gint64 first = 0;

  g_assert_true (signet_store_record_verdict (store, "<m1@example.org>", "d1", "valid", NOW, &error));
  g_assert_true (signet_store_record_verdict (store, "<m1@example.org>", "d1", "invalid", NOW + 9, &error));
  g_assert_true (signet_store_record_verdict (store, "<m1@example.org>", "d2", "warning", NOW + 5, &error));
  g_assert_no_error (error);
  v = signet_store_lookup_verdict (store, "<m1@example.org>", "d1", &first, &error);
  g_assert_cmpstr (v, ==, "valid");
  g_assert_cmpint (first, ==, NOW);
  v2 = signet_store_lookup_verdict (store, "<m1@example.org>", "d2", NULL, &error);
  g_assert_cmpstr (v2, ==, "warning");
  none = signet_store_lookup_verdict (store, "<m2@example.org>", "d1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_ocsp (void)
{
  g_autofree char *dir = store_dir ("ocsp");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  g_autoptr (SignetCertificate) inter = load_cert ("inter-ca.pem");
  const char *issuer = signet_certificate_get_sha256 (inter);
  GBytes *serial = signet_certificate_get_serial (alice);
  g_autoptr (GBytes) first = g_bytes_new_static ("first", 5);
  g_autoptr (GBytes) second = g_bytes_new_static ("second", 6);
  g_autoptr (GBytes) older = g_bytes_new_static ("older", 5);
  g_autoptr (GBytes) padded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  /* Nothing yet. */
  g_assert_null (signet_store_lookup_ocsp (store, issuer, serial, NOW, NULL, &error));
  g_assert_no_error (error);

  /* With nextUpdate: valid from thisUpdate (minus the skew) to nextUpdate. */
  g_assert_true (signet_store_record_ocsp (store, issuer, serial, first, NOW - 60, NOW + 3600,
                                           "http://ocsp.example/", NOW, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GBytes) got = signet_store_lookup_ocsp (store, issuer, serial, NOW, &url, &error);

    g_assert_no_error (error);
    g_assert_nonnull (got);
    g_assert_true (g_bytes_equal (got, first));
    g_assert_cmpstr (url, ==, "http://ocsp.example/");
  }
  g_assert_null (signet_store_lookup_ocsp (store, issuer, serial, NOW + 3601, NULL, &error));
  g_assert_null (signet_store_lookup_ocsp (store, issuer, serial, NOW - 3600, NULL, &error));
  /* Another issuer, another certificate. */
  g_assert_null (signet_store_lookup_ocsp (store, signet_certificate_get_sha256 (alice), serial, NOW, NULL, &error));
  g_assert_no_error (error);

  /* An older answer does not replace a newer one; a newer one does. */
  g_assert_true (signet_store_record_ocsp (store, issuer, serial, older, NOW - 600, NOW + 7200, NULL, NOW, &error));
  {
    g_autoptr (GBytes) got = signet_store_lookup_ocsp (store, issuer, serial, NOW, NULL, &error);

    g_assert_true (g_bytes_equal (got, first));
  }
  /* Without nextUpdate: kept for 7 days after thisUpdate. */
  g_assert_true (signet_store_record_ocsp (store, issuer, serial, second, NOW, -1, NULL, NOW, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GBytes) got = signet_store_lookup_ocsp (store, issuer, serial, NOW + SIGNET_STORE_OCSP_MAX_AGE, NULL, &error);

    g_assert_true (g_bytes_equal (got, second));
  }
  g_assert_null (signet_store_lookup_ocsp (store, issuer, serial, NOW + SIGNET_STORE_OCSP_MAX_AGE + 1, NULL, &error));

  /* Leading zero octets of the serial do not matter. */
  {
    gsize len = 0;
    const guint8 *data = g_bytes_get_data (serial, &len);
    g_autofree guint8 *buf = g_malloc (len + 1);
    g_autoptr (GBytes) got = NULL;

    buf[0] = 0;
    memcpy (buf + 1, data, len);
    padded = g_bytes_new (buf, len + 1);
    got = signet_store_lookup_ocsp (store, issuer, padded, NOW, NULL, &error);
    g_assert_nonnull (got);
  }
}

static void
test_list_crls (void)
{
  g_autofree char *dir = store_dir ("list-crls");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetCrl) crl = load_crl ("inter-1.crl");
  g_autoptr (SignetCrl) idp = load_crl ("inter-idp.crl");
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  gboolean seen_url = FALSE, seen_plain = FALSE;

  list = signet_store_list_crls (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (signet_store_add_crl (store, crl, "http://crl.example/inter.crl", NOW, NULL, &error));
  g_assert_true (signet_store_add_crl (store, idp, NULL, NOW + 1, NULL, &error));
  g_assert_no_error (error);
  list = signet_store_list_crls (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      SignetStoreCrlRecord *r = g_ptr_array_index (list, i);

      if (g_str_equal (signet_crl_get_sha256 (r->crl), signet_crl_get_sha256 (crl)))
        {
          g_assert_cmpstr (r->fetched_from, ==, "http://crl.example/inter.crl");
          g_assert_cmpint (r->added, ==, NOW);
          seen_url = TRUE;
        }
      else
        {
          g_assert_null (r->fetched_from);
          seen_plain = TRUE;
        }
    }
  g_assert_true (seen_url && seen_plain);
}

typedef struct
{
  GMainLoop *loop;
  guint added;
  GPtrArray *found;
  GError *error;
} AsyncData;

static void
added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  g_assert_true (signet_store_add_certificates_finish (SIGNET_STORE (source), result, &data->added,
                                                       &data->error));
  g_main_loop_quit (data->loop);
}

static void
found_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  data->found = signet_store_find_by_address_finish (SIGNET_STORE (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = store_dir ("async");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, 0, NULL, NULL };

  g_ptr_array_add (certs, load_cert ("bob.pem"));
  g_ptr_array_add (certs, load_cert ("dana.pem"));
  signet_store_add_certificates_async (store, certs, "async", NOW, NULL, added_cb, &data);
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.added, ==, 2);

  signet_store_find_by_address_async (store, "BOB@example.org", NULL, found_cb, &data);
  g_main_loop_run (loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.found->len, ==, 1);
  g_clear_pointer (&data.found, g_ptr_array_unref);
}

static void
test_read_only (void)
{
  g_autofree char *dir = store_dir ("ro");
  g_autofree char *missing = store_dir ("missing");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (SignetStore) ro = NULL;
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = load_crl ("inter-1.crl");

  fill (store);
  g_clear_object (&store);

  ro = signet_store_open_full (dir, SIGNET_STORE_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  found = signet_store_find_by_address (ro, "alice@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);

  g_ptr_array_add (certs, load_cert ("alice.pem"));
  g_assert_false (signet_store_add_certificates (ro, certs, "ro", NOW, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (signet_store_add_crl (ro, crl, NULL, NOW, NULL, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (signet_store_record_verdict (ro, "<m@x>", "d", "valid", NOW, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_clear_error (&error);

  g_assert_null (signet_store_open_full (missing, SIGNET_STORE_FLAGS_READ_ONLY, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
}

static void
test_disk_full (void)
{
  const char *const names[] = { "root-ca.pem", "inter-ca.pem", "alice.pem", "alice2.pem",
                                "bob.pem", "revoked.pem", "dana.pem" };
  g_autofree char *dir = store_dir ("full");
  g_autoptr (SignetStore) store = open_store (dir);
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *integrity = NULL;
  guint added = 0;

  /* Cap the file at its current size: the next insert needs a page. */
  g_assert_true (signet_store_set_max_page_count_for_testing (store, 1, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (certs, load_cert (names[i]));
  g_assert_false (signet_store_add_certificates (store, certs, "full", NOW, &added, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no space left"));
  g_clear_error (&error);

  /* Nothing of the failed transaction is there, and the store works once
   * there is room again. */
  g_assert_true (signet_store_set_max_page_count_for_testing (store, 0, &error));
  found = signet_store_find_by_address (store, "alice@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_true (signet_store_add_certificates (store, certs, "full", NOW, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, G_N_ELEMENTS (names));
  integrity = signet_store_check_integrity_for_testing (store, &error);
  g_assert_cmpstr (integrity, ==, "ok");
}

static void
test_damaged (void)
{
  g_autofree char *dir = store_dir ("damaged");
  g_autofree char *db = g_build_filename (dir, "signet.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autofree char *junk = g_strnfill (8192, 'x');

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (db, junk, -1, NULL));
  store = signet_store_open (dir, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (store);
}

static char *
writer_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "store-writer", NULL);
}

static void
assert_batches_present (SignetStore *store, const char *tag, guint batches, guint per_batch)
{
  for (guint b = 0; b < batches; b++)
    for (guint i = 0; i < per_batch; i++)
      {
        g_autofree char *address = g_strdup_printf ("%s-%06u-%06u@example.org", tag, b, i);
        g_autoptr (GError) error = NULL;
        g_autoptr (GPtrArray) found = signet_store_find_by_address (store, address, &error);

        g_assert_no_error (error);
        if (found->len != 1)
          g_error ("%s is missing", address);
      }
}

static void
test_two_processes (void)
{
  g_autofree char *writer = writer_path ();
  g_autofree char *dir = store_dir ("shared");
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;
  GPid pids[2];
  const char *const tags[] = { "a", "b" };

  for (guint i = 0; i < 2; i++)
    {
      char *argv[] = { writer, dir, (char *) tags[i], "20", "50", NULL };

      g_assert_true (g_spawn_async (NULL, argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                    NULL, NULL, &pids[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      int status;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_spawn_close_pid (pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  store = open_store (dir);
  all = signet_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2 * 20 * 50);
  assert_batches_present (store, "a", 20, 50);
  assert_batches_present (store, "b", 20, 50);
}

static void
test_sigkill (void)
{
  g_autofree char *writer = writer_path ();
  g_autofree char *dir = store_dir ("killed");
  char *argv[] = { writer, dir, "k", "1000", "200", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GIOChannel) channel = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr (GPtrArray) all = NULL;
  GPid pid;
  int out_fd, status;
  guint committed = 0;
  char *line = NULL;

  g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);

  /* Let a few transactions commit, then kill it in the middle of the next
   * ones (it is generating or writing 200 certificates at any moment). */
  while (committed < 3 && g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "committed "))
        committed++;
      g_free (line);
    }
  g_usleep (g_random_int_range (0, 150000));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  /* Lines written before the kill are still in the pipe. */
  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "committed "))
        committed++;
      g_free (line);
    }
  g_test_message ("%u transactions committed before SIGKILL", committed);
  g_assert_cmpuint (committed, >=, 3);
  g_assert_cmpuint (committed, <, 1000);

  store = open_store (dir);
  integrity = signet_store_check_integrity_for_testing (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  assert_batches_present (store, "k", committed, 200);
  /* At most the one transaction in flight may have committed unreported. */
  all = signet_store_list (store, NULL, &error);
  g_assert_cmpuint (all->len, >=, committed * 200);
  g_assert_cmpuint (all->len, <=, (committed + 1) * 200);
  g_assert_cmpuint (all->len % 200, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  signet_init ();

  g_test_add_func ("/signet/store/open", test_open);
  g_test_add_func ("/signet/store/migrate-old", test_migrate_old);
  g_test_add_func ("/signet/store/find", test_find);
  g_test_add_func ("/signet/store/fingerprint", test_fingerprint);
  g_test_add_func ("/signet/store/remove", test_remove);
  g_test_add_func ("/signet/store/crl-replace", test_crl_replace);
  g_test_add_func ("/signet/store/shared-parses", test_shared_parses);
  g_test_add_func ("/signet/store/revocation", test_revocation);
  g_test_add_func ("/signet/store/signers", test_signers);
  g_test_add_func ("/signet/store/verdicts", test_verdicts);
  g_test_add_func ("/signet/store/ocsp", test_ocsp);
  g_test_add_func ("/signet/store/list-crls", test_list_crls);
  g_test_add_func ("/signet/store/async", test_async);
  g_test_add_func ("/signet/store/read-only", test_read_only);
  g_test_add_func ("/signet/store/disk-full", test_disk_full);
  g_test_add_func ("/signet/store/damaged", test_damaged);
  g_test_add_func ("/signet/store/two-processes", test_two_processes);
  g_test_add_func ("/signet/store/sigkill", test_sigkill);

  return g_test_run ();
}
