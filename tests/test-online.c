/* test-online.c: the verifier on the network, end to end, against a real
 * HTTP server on 127.0.0.1.
 *
 * The PKI (root anchor -> intermediate -> leaf) is made while the test
 * runs by data/online/make-pki.sh, so that the CRL distribution points,
 * the OCSP responder and caIssuers URLs in the certificates carry the port
 * of this test's server. The server (libsoup 3, allowed in this test
 * program, never in the library) runs in its own thread; what it answers
 * is chosen per test. Fetches go through the real signet-fetch helper
 * (SIGNET_FETCH_HELPER). No address other than 127.0.0.1 is ever used.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "signet-fetcher.h"
#include "signet-init.h"
#include "signet-store.h"
#include "signet-verifier.h"

#define FETCH_TIMEOUT 2 /* seconds, for the tests where the server hangs */

typedef struct
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *base;
  GMutex lock;
  GCond cond;
  gboolean ready;
  /* under lock */
  char *crl_mode;  /* what /inter.crl answers */
  char *ocsp_mode; /* what /ocsp answers */
  gboolean hang_all;
  GHashTable *counts; /* path -> number of requests */
  char *dir;          /* the PKI */
} TestServer;

static TestServer srv;

static GBytes *
pki_file (const char *name)
{
  g_autofree char *path = g_build_filename (srv.dir, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
respond_file (SoupServerMessage *msg, const char *type, const char *name)
{
  g_autoptr (GBytes) body = pki_file (name);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}

static void
handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer user_data)
{
  g_autofree char *crl_mode = NULL;
  g_autofree char *ocsp_mode = NULL;
  gboolean hang_all;

  g_mutex_lock (&srv.lock);
  g_hash_table_replace (srv.counts, g_strdup (path),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (srv.counts, path)) + 1));
  crl_mode = g_strdup (srv.crl_mode);
  ocsp_mode = g_strdup (srv.ocsp_mode);
  hang_all = srv.hang_all;
  g_mutex_unlock (&srv.lock);

  if (hang_all)
    {
      soup_server_message_pause (msg);
      return;
    }
  if (g_str_equal (path, "/root.crl"))
    respond_file (msg, "application/pkix-crl", "root.crl");
  else if (g_str_equal (path, "/inter.cer"))
    respond_file (msg, "application/pkix-cert", g_str_equal (crl_mode, "p7c") ? "inter.p7c" : "inter.der");
  else if (g_str_equal (path, "/loop"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
  else if (g_str_equal (path, "/inter.crl"))
    {
      if (g_str_equal (crl_mode, "good") || g_str_equal (crl_mode, "p7c"))
        respond_file (msg, "application/pkix-crl", "inter-good.crl");
      else if (g_str_equal (crl_mode, "revoked"))
        respond_file (msg, "application/pkix-crl", "inter-revoked.crl");
      else if (g_str_equal (crl_mode, "stale"))
        respond_file (msg, "application/pkix-crl", "inter-stale.crl");
      else if (g_str_equal (crl_mode, "wrongkey"))
        respond_file (msg, "application/pkix-crl", "inter-wrongkey.crl");
      else if (g_str_equal (crl_mode, "hang"))
        soup_server_message_pause (msg);
      else if (g_str_equal (crl_mode, "big"))
        {
          g_autofree char *body = g_malloc0 (8192);

          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, "application/pkix-crl", SOUP_MEMORY_COPY, body, 8192);
        }
      else if (g_str_equal (crl_mode, "loop"))
        soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
      else if (g_str_equal (crl_mode, "to-file"))
        soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
      else if (g_str_equal (crl_mode, "garbage"))
        {
          static const char junk[] = "<html>not a CRL</html>";

          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, junk, sizeof junk - 1);
        }
      else
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
  else if (g_str_equal (path, "/ocsp"))
    {
      static const guint8 try_later[] = { 0x30, 0x03, 0x0a, 0x01, 0x03 };

      if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
        soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      else if (g_str_equal (ocsp_mode, "good"))
        respond_file (msg, "application/ocsp-response", "ocsp-good.der");
      else if (g_str_equal (ocsp_mode, "revoked"))
        respond_file (msg, "application/ocsp-response", "ocsp-revoked.der");
      else if (g_str_equal (ocsp_mode, "unknown"))
        respond_file (msg, "application/ocsp-response", "ocsp-empty.der");
      else if (g_str_equal (ocsp_mode, "trylater"))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, "application/ocsp-response", SOUP_MEMORY_STATIC, (const char *) try_later,
                                            sizeof try_later);
        }
      else
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static gpointer
server_thread (gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  g_main_context_push_thread_default (srv.context);
  srv.server = soup_server_new ("server-header", "signet-test", NULL);
  soup_server_add_handler (srv.server, NULL, handler, NULL, NULL);
  soup_server_listen (srv.server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (srv.server);
  g_mutex_lock (&srv.lock);
  srv.base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  srv.ready = TRUE;
  g_cond_signal (&srv.cond);
  g_mutex_unlock (&srv.lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (srv.loop);

  soup_server_disconnect (srv.server);
  g_clear_object (&srv.server);
  /* Let the connections the server dropped finish, so nothing is left
   * half-done in this context when the thread ends. */
  while (g_main_context_iteration (srv.context, FALSE))
    ;
  g_main_context_pop_thread_default (srv.context);
  return NULL;
}

static void
server_start (void)
{
  g_mutex_init (&srv.lock);
  g_cond_init (&srv.cond);
  srv.counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  srv.crl_mode = g_strdup ("good");
  srv.ocsp_mode = g_strdup ("404");
  srv.context = g_main_context_new ();
  srv.loop = g_main_loop_new (srv.context, FALSE);
  srv.thread = g_thread_new ("test-http-server", server_thread, NULL);
  g_mutex_lock (&srv.lock);
  while (!srv.ready)
    g_cond_wait (&srv.cond, &srv.lock);
  g_mutex_unlock (&srv.lock);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (srv.loop);
  return G_SOURCE_REMOVE;
}

static void
server_stop (void)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_loop, NULL, NULL);
  g_source_attach (source, srv.context);
  g_source_unref (source);
  g_thread_join (srv.thread);
  g_main_loop_unref (srv.loop);
  g_main_context_unref (srv.context);
  g_hash_table_unref (srv.counts);
  g_free (srv.base);
  g_free (srv.crl_mode);
  g_free (srv.ocsp_mode);
}

/* Sets what the server answers and forgets the request counts. */
static void
serve (const char *crl_mode, const char *ocsp_mode)
{
  g_mutex_lock (&srv.lock);
  g_free (srv.crl_mode);
  srv.crl_mode = g_strdup (crl_mode);
  g_free (srv.ocsp_mode);
  srv.ocsp_mode = g_strdup (ocsp_mode);
  srv.hang_all = FALSE;
  g_hash_table_remove_all (srv.counts);
  g_mutex_unlock (&srv.lock);
}

static guint
requests (const char *path)
{
  guint n = 0;

  g_mutex_lock (&srv.lock);
  if (path != NULL)
    n = GPOINTER_TO_UINT (g_hash_table_lookup (srv.counts, path));
  else
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, srv.counts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        n += GPOINTER_TO_UINT (value);
    }
  g_mutex_unlock (&srv.lock);
  return n;
}

/* The PKI, made with openssl for this server's port. */
static void
make_pki (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "online", "make-pki.sh", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "/bin/sh", script, srv.dir, srv.base, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-pki.sh failed: %s", err);
}

static SignetVerifier *
make_verifier (SignetRevocationOrder order)
{
  g_autoptr (SignetVerifier) verifier = signet_verifier_new ();
  g_autofree char *root = g_build_filename (srv.dir, "root.pem", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (signet_verifier_add_anchors_from_file (verifier, root, &error));
  g_assert_no_error (error);
  signet_verifier_set_use_system_trust (verifier, FALSE);
  signet_verifier_set_revocation_order (verifier, order);
  g_assert_false (signet_verifier_get_offline (verifier));
  return g_steal_pointer (&verifier);
}

static SignetStore *
make_store (const char *name)
{
  g_autofree char *dir = g_build_filename (srv.dir, "stores", name, NULL);
  g_autoptr (GError) error = NULL;
  SignetStore *store = signet_store_open (dir, &error);

  g_assert_no_error (error);
  return store;
}

static SignetReport *
verify (SignetVerifier *verifier, const char *message)
{
  g_autoptr (GBytes) bytes = pki_file (message);
  g_autoptr (GError) error = NULL;
  SignetReport *report = signet_verifier_verify_bytes (verifier, bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_false (signet_report_is_pending (report));
  return report;
}

static SignetSignature *
first_signature (SignetReport *report)
{
  GPtrArray *sigs = signet_report_get_signatures (report);

  g_assert_cmpuint (sigs->len, ==, 1);
  return g_ptr_array_index (sigs, 0);
}

static SignetWarning *
find_warning (SignetSignature *sig, const char *code)
{
  GPtrArray *warnings = signet_signature_get_warnings (sig);

  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (signet_warning_get_code (g_ptr_array_index (warnings, i)), code))
      return g_ptr_array_index (warnings, i);
  return NULL;
}

static void
dump (SignetReport *report)
{
  g_autofree char *json = signet_report_to_json (report, TRUE);

  g_test_message ("%s", json);
}

/* The reason of the leaf's revocation-unknown warning. */
static const char *
unknown_reason (SignetSignature *sig)
{
  SignetWarning *w = find_warning (sig, "revocation-unknown");

  g_assert_nonnull (w);
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "sha256"), ==,
                   signet_certificate_get_sha256 (signet_signature_get_signer (sig)));
  return signet_warning_get_detail_string (w, "reason");
}

static gboolean
attempted (SignetSignature *sig, const char *prefix)
{
  SignetWarning *w = find_warning (sig, "revocation-unknown");
  g_autofree const char **attempts = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (w);
  if (!g_variant_lookup (signet_warning_get_details (w), "attempts", "^a&s", &attempts))
    return FALSE;
  for (guint i = 0; attempts[i] != NULL; i++)
    found = found || g_str_has_prefix (attempts[i], prefix);
  return found;
}

/* A CRL case: order crl-only, /inter.crl answering @mode. */
static SignetReport *
crl_case (const char *mode)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_ONLY);
  SignetReport *report;

  serve (mode, "404");
  report = verify (verifier, "msg.eml");
  dump (report);
  g_assert_cmpuint (requests ("/ocsp"), ==, 0);
  return report;
}

static void
test_crl_good (void)
{
  g_autoptr (SignetReport) report = crl_case ("good");
  SignetSignature *sig = first_signature (report);

  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
  g_assert_true (signet_signature_get_path_valid (sig));
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "good");
  g_assert_cmpuint (requests ("/inter.crl"), ==, 1);
  g_assert_cmpuint (requests ("/root.crl"), ==, 1);
}

static void
test_crl_revoked (void)
{
  g_autoptr (SignetReport) report = crl_case ("revoked");
  SignetSignature *sig = first_signature (report);
  SignetWarning *w = find_warning (sig, "revoked");

  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_INVALID);
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "revoked");
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, "key-compromise");
}

static void
check_unknown (const char *mode, const char *reason)
{
  g_autoptr (SignetReport) report = crl_case (mode);
  SignetSignature *sig = first_signature (report);

  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
  g_assert_false (signet_signature_get_path_valid (sig));
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "unknown");
  g_assert_cmpstr (unknown_reason (sig), ==, reason);
  g_assert_true (g_str_has_suffix (signet_warning_get_detail_string (find_warning (sig, "revocation-unknown"), "url"),
                                   "/inter.crl"));
}

static void
test_crl_404 (void)
{
  check_unknown ("404", "http");
}

static void
test_crl_too_large (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_ONLY);
  g_autoptr (SignetReport) report = NULL;
  SignetSignature *sig;

  signet_fetcher_set_max_size (signet_verifier_get_fetcher (verifier), SIGNET_FETCH_KIND_CRL, 4096);
  serve ("big", "404");
  report = verify (verifier, "msg.eml");
  sig = first_signature (report);
  g_assert_cmpstr (unknown_reason (sig), ==, "too-large");
  /* The root's CRL fits and still counts. */
  g_assert_cmpuint (requests ("/root.crl"), ==, 1);
}

static void
test_crl_redirect_loop (void)
{
  check_unknown ("loop", "redirects");
}

static void
test_crl_redirect_file (void)
{
  check_unknown ("to-file", "bad-scheme");
}

static void
test_crl_garbage (void)
{
  check_unknown ("garbage", "invalid-response");
}

static void
test_crl_wrong_key (void)
{
  g_autoptr (SignetReport) report = crl_case ("wrongkey");
  SignetSignature *sig = first_signature (report);
  SignetWarning *w = find_warning (sig, "crl-invalid");

  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, "signature");
  g_assert_cmpstr (unknown_reason (sig), ==, "crl-invalid");
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
}

static void
test_crl_stale (void)
{
  g_autoptr (SignetReport) report = crl_case ("stale");
  SignetSignature *sig = first_signature (report);

  g_assert_nonnull (find_warning (sig, "crl-expired"));
  g_assert_cmpstr (unknown_reason (sig), ==, "crl-expired");
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
}

static void
test_crl_cached (void)
{
  g_autoptr (SignetStore) store = make_store ("cached");
  g_autoptr (SignetVerifier) first = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (SignetVerifier) second = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (GError) error = NULL;

  serve ("good", "404");
  signet_verifier_set_store (first, store);
  signet_verifier_set_store (second, store);
  {
    g_autoptr (SignetReport) report = verify (first, "msg.eml");

    g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
  }
  g_assert_cmpuint (requests ("/inter.crl"), ==, 1);
  /* Another verifier (another process, as it were) uses the stored CRLs. */
  {
    g_autoptr (SignetReport) report = verify (second, "msg.eml");

    g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
  }
  g_assert_cmpuint (requests (NULL), ==, 2);
  /* The store says where they came from. */
  {
    g_autoptr (GPtrArray) crls = signet_store_list_crls (store, &error);
    g_autofree char *url = g_strconcat (srv.base, "/inter.crl", NULL);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < crls->len; i++)
      found = found || g_strcmp0 (((SignetStoreCrlRecord *) g_ptr_array_index (crls, i))->fetched_from, url) == 0;
    g_assert_true (found);
  }
  /* Without a store, the verifier keeps what it fetched in memory. */
  {
    g_autoptr (SignetVerifier) memory = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
    g_autoptr (SignetReport) r1 = NULL;
    g_autoptr (SignetReport) r2 = NULL;

    serve ("good", "404");
    r1 = verify (memory, "msg.eml");
    r2 = verify (memory, "msg.eml");
    g_assert_cmpint (signet_report_get_verdict (r2), ==, SIGNET_VERDICT_VALID);
    g_assert_cmpuint (requests (NULL), ==, 2);
  }
}

static void
test_negative_cache (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_ONLY);

  serve ("404", "404");
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (SignetReport) report = verify (verifier, "msg.eml");

      g_assert_cmpstr (unknown_reason (first_signature (report)), ==, "http");
    }
  /* The failed URL was not asked again. */
  g_assert_cmpuint (requests ("/inter.crl"), ==, 1);
}

static void
ocsp_case (const char *ocsp_mode, SignetReport **out)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_OCSP_FIRST);

  /* The CRL cannot help: only OCSP can decide the leaf. */
  serve ("404", ocsp_mode);
  *out = verify (verifier, "msg.eml");
  dump (*out);
  g_assert_cmpuint (requests ("/ocsp"), ==, 1);
}

static void
test_ocsp_good (void)
{
  g_autoptr (SignetReport) report = NULL;
  SignetSignature *sig;

  ocsp_case ("good", &report);
  sig = first_signature (report);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
  g_assert_true (signet_signature_get_path_valid (sig));
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "good");
  /* OCSP decided: the leaf's CRL was not fetched (the intermediate's was). */
  g_assert_cmpuint (requests ("/inter.crl"), ==, 0);
  g_assert_cmpuint (requests ("/root.crl"), ==, 1);
}

static void
test_ocsp_revoked (void)
{
  g_autoptr (SignetReport) report = NULL;
  SignetSignature *sig;
  SignetWarning *w;

  ocsp_case ("revoked", &report);
  sig = first_signature (report);
  w = find_warning (sig, "revoked");
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_INVALID);
  g_assert_false (signet_signature_get_path_valid (sig));
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "revoked");
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "source"), ==, "ocsp");
  g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, "key-compromise");
}

static void
test_ocsp_unknown (void)
{
  g_autoptr (SignetReport) report = NULL;
  SignetSignature *sig;

  ocsp_case ("unknown", &report);
  sig = first_signature (report);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
  g_assert_true (attempted (sig, "ocsp-unknown "));
  /* Then the CRL was tried, and failed too. */
  g_assert_true (attempted (sig, "http "));
  g_assert_cmpuint (requests ("/inter.crl"), ==, 1);
}

static void
test_ocsp_try_later (void)
{
  g_autoptr (SignetReport) report = NULL;
  SignetSignature *sig;

  ocsp_case ("trylater", &report);
  sig = first_signature (report);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
  g_assert_true (attempted (sig, "responder-status "));
  g_assert_cmpstr (signet_warning_get_detail_string (find_warning (sig, "revocation-unknown"), "ocsp_status"), ==,
                   "tryLater");
}

static void
test_ocsp_cached (void)
{
  g_autoptr (SignetStore) store = make_store ("ocsp");
  g_autoptr (SignetVerifier) first = make_verifier (SIGNET_REVOCATION_ORDER_OCSP_FIRST);
  g_autoptr (SignetVerifier) second = make_verifier (SIGNET_REVOCATION_ORDER_OCSP_FIRST);
  g_autoptr (SignetReport) r1 = NULL;
  g_autoptr (SignetReport) r2 = NULL;

  serve ("404", "good");
  signet_verifier_set_store (first, store);
  signet_verifier_set_store (second, store);
  r1 = verify (first, "msg.eml");
  r2 = verify (second, "msg.eml");
  g_assert_cmpint (signet_report_get_verdict (r2), ==, SIGNET_VERDICT_VALID);
  g_assert_cmpuint (requests ("/ocsp"), ==, 1);
}

static void
test_crl_first_then_ocsp (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (SignetReport) report = NULL;

  /* The default order: the CRL fails, then OCSP answers. */
  serve ("404", "good");
  report = verify (verifier, "msg.eml");
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
  g_assert_cmpuint (requests ("/inter.crl"), ==, 1);
  g_assert_cmpuint (requests ("/ocsp"), ==, 1);
}

static void
test_missing_issuer (void)
{
  const char *modes[] = { "good", "p7c" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *name = g_strdup_printf ("issuer-%s", modes[i]);
      g_autoptr (SignetStore) store = make_store (name);
      g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_ONLY);
      g_autoptr (SignetReport) report = NULL;
      g_autoptr (GBytes) inter_der = pki_file ("inter.der");
      g_autoptr (SignetCertificate) inter = signet_certificate_new_from_der (inter_der, NULL);
      g_autoptr (SignetStoreRecord) record = NULL;
      g_autoptr (GError) error = NULL;

      serve (modes[i], "404");
      signet_verifier_set_store (verifier, store);
      report = verify (verifier, "msg-leaf-only.eml");
      dump (report);
      g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
      g_assert_cmpuint (signet_signature_get_chain (first_signature (report))->len, ==, 3);
      g_assert_cmpuint (requests ("/inter.cer"), ==, 1);
      /* Stored, with where it came from. */
      record = signet_store_lookup_record (store, signet_certificate_get_sha256 (inter), &error);
      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_assert_true (g_str_has_prefix (record->origin, "fetched:"));
    }
}

static void
test_offline (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetReport) leaf_only = NULL;
  SignetSignature *sig;

  serve ("good", "good");
  signet_verifier_set_offline (verifier, TRUE);
  g_assert_true (signet_verifier_get_offline (verifier));
  report = verify (verifier, "msg.eml");
  sig = first_signature (report);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
  g_assert_cmpstr (unknown_reason (sig), ==, "offline");
  leaf_only = verify (verifier, "msg-leaf-only.eml");
  g_assert_nonnull (find_warning (first_signature (leaf_only), "issuer-unknown"));
  g_assert_cmpuint (requests (NULL), ==, 0);
}

static void
test_hang (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (SignetReport) report = NULL;
  gint64 start, elapsed;

  serve ("hang", "good");
  g_mutex_lock (&srv.lock);
  srv.hang_all = TRUE;
  g_mutex_unlock (&srv.lock);
  signet_verifier_set_fetch_timeout (verifier, FETCH_TIMEOUT);
  start = g_get_monotonic_time ();
  report = verify (verifier, "msg.eml");
  elapsed = g_get_monotonic_time () - start;
  dump (report);
  g_test_message ("hung verification took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, <, (FETCH_TIMEOUT + 2) * G_USEC_PER_SEC);
  g_assert_cmpstr (unknown_reason (first_signature (report)), ==, "timeout");
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_WARNING);
}

/* ---- the two-stage API ---------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  SignetReport *report;
  GError *error;
  guint ticks;
} AsyncData;

static void
verified_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  data->report = signet_verifier_verify_finish (SIGNET_VERIFIER (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
completed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  data->report = signet_verifier_complete_finish (SIGNET_VERIFIER (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static gboolean
tick (gpointer user_data)
{
  ((AsyncData *) user_data)->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Both stages; returns the final report. @elapsed: the second stage's time. */
static SignetReport *
two_stages (SignetVerifier *verifier, gint64 *elapsed, guint *ticks)
{
  g_autoptr (GBytes) message = pki_file ("msg.eml");
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData first = { loop, NULL, NULL, 0 };
  AsyncData second = { loop, NULL, NULL, 0 };
  SignetSignature *sig;
  SignetWarning *w;
  gint64 start;
  guint source;

  /* Stage one: quick, from what is known, without any request. */
  start = g_get_monotonic_time ();
  signet_verifier_verify_async (verifier, message, NULL, verified_cb, &first);
  g_main_loop_run (loop);
  g_assert_no_error (first.error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpuint (requests (NULL), ==, 0);
  g_assert_true (signet_report_is_pending (first.report));
  sig = first_signature (first.report);
  g_assert_cmpstr (signet_signature_get_revocation (sig), ==, "pending");
  w = find_warning (sig, "revocation-pending");
  g_assert_nonnull (w);
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_INFO);
  g_assert_nonnull (strstr (signet_warning_get_message (w), "Alice Online"));
  g_assert_null (find_warning (sig, "revocation-unknown"));
  g_clear_object (&first.report);

  /* Stage two: the fetches, while the main loop keeps running. */
  source = g_timeout_add (50, tick, &second);
  start = g_get_monotonic_time ();
  signet_verifier_complete_async (verifier, message, NULL, completed_cb, &second);
  g_main_loop_run (loop);
  *elapsed = g_get_monotonic_time () - start;
  g_source_remove (source);
  g_assert_no_error (second.error);
  g_assert_false (signet_report_is_pending (second.report));
  *ticks = second.ticks;
  return second.report;
}

static void
test_async_good (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (SignetReport) report = NULL;
  gint64 elapsed = 0;
  guint ticks = 0;

  serve ("good", "404");
  report = two_stages (verifier, &elapsed, &ticks);
  g_assert_cmpint (signet_report_get_verdict (report), ==, SIGNET_VERDICT_VALID);
  g_assert_cmpstr (signet_signature_get_revocation (first_signature (report)), ==, "good");
  g_assert_cmpuint (requests ("/inter.crl"), ==, 1);

  /* Now the first stage is final at once: the CRLs are known. */
  {
    g_autoptr (GBytes) message = pki_file ("msg.eml");
    g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    AsyncData again = { loop, NULL, NULL, 0 };

    signet_verifier_verify_async (verifier, message, NULL, verified_cb, &again);
    g_main_loop_run (loop);
    g_assert_false (signet_report_is_pending (again.report));
    g_assert_cmpint (signet_report_get_verdict (again.report), ==, SIGNET_VERDICT_VALID);
    g_clear_object (&again.report);
  }
}

static void
test_async_hang (void)
{
  g_autoptr (SignetVerifier) verifier = make_verifier (SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_autoptr (SignetReport) report = NULL;
  gint64 elapsed = 0;
  guint ticks = 0;

  serve ("hang", "good");
  g_mutex_lock (&srv.lock);
  srv.hang_all = TRUE;
  g_mutex_unlock (&srv.lock);
  signet_verifier_set_fetch_timeout (verifier, FETCH_TIMEOUT);
  report = two_stages (verifier, &elapsed, &ticks);
  g_test_message ("completion took %" G_GINT64_FORMAT " ms, %u ticks", elapsed / 1000, ticks);
  g_assert_cmpint (elapsed, <, (FETCH_TIMEOUT + 2) * G_USEC_PER_SEC);
  /* The main loop ran all along (a tick every 50 ms). */
  g_assert_cmpuint (ticks, >=, (FETCH_TIMEOUT * 1000 / 50) / 2);
  g_assert_cmpstr (unknown_reason (first_signature (report)), ==, "timeout");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *helper;
  int ret;

  g_test_init (&argc, &argv, NULL);
  signet_init ();

  helper = g_getenv ("SIGNET_FETCH_HELPER");
  if (helper == NULL || !g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("SIGNET_FETCH_HELPER must name the built signet-fetch program\n");
      return 1;
    }
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");

  srv.dir = g_dir_make_tmp ("signet-online-XXXXXX", &error);
  g_assert_no_error (error);
  server_start ();
  make_pki ();

  g_test_add_func ("/signet/online/crl-good", test_crl_good);
  g_test_add_func ("/signet/online/crl-revoked", test_crl_revoked);
  g_test_add_func ("/signet/online/crl-404", test_crl_404);
  g_test_add_func ("/signet/online/crl-too-large", test_crl_too_large);
  g_test_add_func ("/signet/online/crl-redirect-loop", test_crl_redirect_loop);
  g_test_add_func ("/signet/online/crl-redirect-file", test_crl_redirect_file);
  g_test_add_func ("/signet/online/crl-garbage", test_crl_garbage);
  g_test_add_func ("/signet/online/crl-wrong-key", test_crl_wrong_key);
  g_test_add_func ("/signet/online/crl-stale", test_crl_stale);
  g_test_add_func ("/signet/online/crl-cached", test_crl_cached);
  g_test_add_func ("/signet/online/negative-cache", test_negative_cache);
  g_test_add_func ("/signet/online/ocsp-good", test_ocsp_good);
  g_test_add_func ("/signet/online/ocsp-revoked", test_ocsp_revoked);
  g_test_add_func ("/signet/online/ocsp-unknown", test_ocsp_unknown);
  g_test_add_func ("/signet/online/ocsp-try-later", test_ocsp_try_later);
  g_test_add_func ("/signet/online/ocsp-cached", test_ocsp_cached);
  g_test_add_func ("/signet/online/crl-first-then-ocsp", test_crl_first_then_ocsp);
  g_test_add_func ("/signet/online/missing-issuer", test_missing_issuer);
  g_test_add_func ("/signet/online/offline", test_offline);
  g_test_add_func ("/signet/online/hang", test_hang);
  g_test_add_func ("/signet/online/async-good", test_async_good);
  g_test_add_func ("/signet/online/async-hang", test_async_hang);

  ret = g_test_run ();

  server_stop ();
  {
    g_autofree char *cmd = NULL;
    const char *argv_rm[] = { "rm", "-rf", srv.dir, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (srv.dir);
  return ret;
}
