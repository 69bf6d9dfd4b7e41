/* test-fetcher.c: SignetFetcher and the signet-fetch helper against a real
 * HTTP server on 127.0.0.1.
 *
 * The server (libsoup 3, allowed in this test program, never in the
 * library) runs in its own thread with its own GMainContext; fetches run in
 * the main thread. The helper binary comes from SIGNET_FETCH_HELPER. No
 * test touches an address other than 127.0.0.1, and every fetch has a
 * timeout of at most 2 seconds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "signet-fetcher.h"
#include "signet-init.h"
#include "signet-ocsp.h"

#define SMALL_CAP 1024

typedef struct
{
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  char *base; /* "http://127.0.0.1:PORT" */
  GMutex lock;
  GCond cond;
  gboolean ready;
  GBytes *crl;
  /* what the last /ocsp request looked like (under lock) */
  char *ocsp_method;
  char *ocsp_content_type;
  GBytes *ocsp_body;
  char *user_agent;
} TestServer;

static TestServer srv;

static void
respond_bytes (SoupServerMessage *msg, const char *type, const void *data, gsize len)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, data, len);
}

static void
trickle_finished (SoupServerMessage *msg, gpointer user_data)
{
  g_object_set_data (G_OBJECT (msg), "trickle", NULL);
}

/* Runs in the server thread (its context is the thread default there). */
static gboolean
trickle (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  if (g_object_get_data (G_OBJECT (msg), "trickle") == NULL)
    return G_SOURCE_REMOVE;
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "x",
                            1);
  soup_server_message_unpause (msg);
  return G_SOURCE_CONTINUE;
}

static void
handler (SoupServer *server,
         SoupServerMessage *msg,
         const char *path,
         GHashTable *query,
         gpointer user_data)
{
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp_headers = soup_server_message_get_response_headers (msg);

  g_mutex_lock (&srv.lock);
  g_free (srv.user_agent);
  srv.user_agent = g_strdup (soup_message_headers_get_one (req_headers, "User-Agent"));
  g_mutex_unlock (&srv.lock);

  if (g_str_equal (path, "/crl"))
    {
      respond_bytes (msg, "application/pkix-crl", g_bytes_get_data (srv.crl, NULL),
                     g_bytes_get_size (srv.crl));
    }
  else if (g_str_equal (path, "/missing"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
  else if (g_str_equal (path, "/error"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<h1>oops</h1>", 13);
    }
  else if (g_str_equal (path, "/hang"))
    {
      /* Never answers; the connection dies with the helper. */
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/trickle"))
    {
      /* A byte every 200 ms, forever: no socket operation ever times out. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (resp_headers, SOUP_ENCODING_CHUNKED);
      g_object_set_data (G_OBJECT (msg), "trickle", GINT_TO_POINTER (1));
      g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished), NULL);
      {
        /* In the server thread's own context: g_timeout_add() would run it
         * in the main thread, racing the server for the message. */
        g_autoptr (GSource) source = g_timeout_source_new (200);

        g_source_set_callback (source, trickle, g_object_ref (msg), g_object_unref);
        g_source_attach (source, g_main_context_get_thread_default ());
      }
    }
  else if (g_str_equal (path, "/big-length"))
    {
      g_autofree char *body = g_malloc0 (SMALL_CAP * 4);

      respond_bytes (msg, "application/pkix-crl", body, SMALL_CAP * 4);
    }
  else if (g_str_equal (path, "/big-chunked"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      char chunk[256];

      memset (chunk, 'x', sizeof chunk);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (resp_headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (resp_headers, "application/pkix-crl", NULL);
      for (int i = 0; i < 16; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, sizeof chunk);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/exact"))
    {
      g_autofree char *body = g_malloc0 (SMALL_CAP);

      respond_bytes (msg, "application/octet-stream", body, SMALL_CAP);
    }
  else if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
    }
  else if (g_str_has_prefix (path, "/hop"))
    {
      /* /hopN redirects to /hop(N-1), /hop0 is the CRL: /hop3 takes three redirects. */
      int n = (int) g_ascii_strtoll (path + 4, NULL, 10);
      g_autofree char *next = n > 0 ? g_strdup_printf ("/hop%d", n - 1) : NULL;

      if (next != NULL)
        soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, next);
      else
        respond_bytes (msg, "application/pkix-crl", g_bytes_get_data (srv.crl, NULL),
                       g_bytes_get_size (srv.crl));
    }
  else if (g_str_equal (path, "/to-file"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
    }
  else if (g_str_equal (path, "/to-ftp"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT,
                                        "ftp://127.0.0.1/ca.crl");
    }
  else if (g_str_equal (path, "/garbage"))
    {
      static const guint8 junk[] = { 0x00, 0xff, 0x30, 0x82, 0xff, 0xff,
                                     '<',  'h',  't',  'm',  'l',  0x00 };

      respond_bytes (msg, "text/html", junk, sizeof junk);
    }
  else if (g_str_equal (path, "/ocsp"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr (GBytes) data = soup_message_body_flatten (body);
      const char *type = soup_message_headers_get_content_type (req_headers, NULL);

      g_mutex_lock (&srv.lock);
      g_free (srv.ocsp_method);
      g_free (srv.ocsp_content_type);
      g_clear_pointer (&srv.ocsp_body, g_bytes_unref);
      srv.ocsp_method = g_strdup (soup_server_message_get_method (msg));
      srv.ocsp_content_type = g_strdup (type);
      srv.ocsp_body = g_bytes_ref (data);
      g_mutex_unlock (&srv.lock);

      if (g_strcmp0 (type, SIGNET_OCSP_REQUEST_CONTENT_TYPE) != 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL);
          return;
        }
      /* Echo the request: the test only looks at the transport. */
      respond_bytes (msg, SIGNET_OCSP_RESPONSE_CONTENT_TYPE, g_bytes_get_data (data, NULL),
                     g_bytes_get_size (data));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
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
  g_assert_nonnull (uris);
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
  g_autofree char *crl_path =
      g_test_build_filename (G_TEST_DIST, "data", "pki", "inter-ca.crl", NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (crl_path, &contents, &len, &error);
  g_assert_no_error (error);
  srv.crl = g_bytes_new_take (contents, len);

  g_mutex_init (&srv.lock);
  g_cond_init (&srv.cond);
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
  g_free (srv.base);
  g_free (srv.ocsp_method);
  g_free (srv.ocsp_content_type);
  g_free (srv.user_agent);
  g_clear_pointer (&srv.ocsp_body, g_bytes_unref);
  g_bytes_unref (srv.crl);
}

static char *
url (const char *path)
{
  return g_strconcat (srv.base, path, NULL);
}

/* The processes whose parent is this test: none may be left after a fetch
 * (not even a zombie). */
static guint
count_children (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *close_paren;
      char state;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      close_paren = strrchr (stat, ')');
      if (close_paren == NULL || sscanf (close_paren + 1, " %c %d", &state, &ppid) != 2)
        continue;
      if (ppid == (int) getpid ())
        n++;
    }
  return n;
}

static SignetFetcher *
new_fetcher (void)
{
  SignetFetcher *fetcher = signet_fetcher_new (NULL);

  signet_fetcher_set_timeout (fetcher, 2);
  return fetcher;
}

static GBytes *
fetch (SignetFetcher *fetcher, const char *path, SignetFetchKind kind, GError **error)
{
  g_autofree char *u = url (path);

  return signet_fetcher_fetch (fetcher, u, kind, NULL, NULL, NULL, error);
}

static void
test_crl (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = fetch (fetcher, "/crl", SIGNET_FETCH_KIND_CRL, &error);
  g_autofree char *ua = NULL;

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, srv.crl));
  g_mutex_lock (&srv.lock);
  ua = g_strdup (srv.user_agent);
  g_mutex_unlock (&srv.lock);
  g_assert_cmpstr (ua, ==, "Signet/" PACKAGE_VERSION);
  g_assert_cmpuint (count_children (), ==, 0);
}

static void
test_http_error (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  const char *paths[] = { "/missing", "/error" };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = fetch (fetcher, paths[i], SIGNET_FETCH_KIND_CRL, &error);

      g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HTTP);
      g_assert_null (body);
      g_assert_nonnull (strstr (error->message, i == 0 ? "404" : "500"));
    }
}

static void
test_timeout (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  gint64 start, elapsed;

  signet_fetcher_set_timeout (fetcher, 1);
  start = g_get_monotonic_time ();
  body = fetch (fetcher, "/hang", SIGNET_FETCH_KIND_CRL, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TIMEOUT);
  g_assert_null (body);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 2500 * 1000);
  g_assert_cmpuint (count_children (), ==, 0);
  g_clear_error (&error);

  /* A server that keeps sending, slowly: the helper's overall deadline
   * ends it (not libsoup's per-read timeout, nor the library's kill). */
  start = g_get_monotonic_time ();
  body = fetch (fetcher, "/trickle", SIGNET_FETCH_KIND_CRL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "time limit"));
  g_assert_null (body);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 1800 * 1000);
  g_assert_cmpuint (count_children (), ==, 0);
}

static void
test_too_large (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();

  signet_fetcher_set_max_size (fetcher, SIGNET_FETCH_KIND_CERTIFICATE, SMALL_CAP);
  g_assert_cmpuint (signet_fetcher_get_max_size (fetcher, SIGNET_FETCH_KIND_CERTIFICATE), ==,
                    SMALL_CAP);

  {
    /* Declared Content-Length over the cap: refused before reading. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = fetch (fetcher, "/big-length", SIGNET_FETCH_KIND_CERTIFICATE, &error);

    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "announced"));
    g_assert_null (body);
  }
  {
    /* Chunked, no length: counted while reading. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body =
        fetch (fetcher, "/big-chunked", SIGNET_FETCH_KIND_CERTIFICATE, &error);

    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "larger than"));
    g_assert_null (body);
  }
  {
    /* Exactly the cap is fine; the same body over the CRL cap is too. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = fetch (fetcher, "/exact", SIGNET_FETCH_KIND_CERTIFICATE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (body), ==, SMALL_CAP);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = NULL;

    signet_fetcher_set_max_size (fetcher, SIGNET_FETCH_KIND_CRL, SMALL_CAP - 1);
    body = fetch (fetcher, "/exact", SIGNET_FETCH_KIND_CRL, &error);
    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TOO_LARGE);
  }

  /* 0 restores the defaults. */
  signet_fetcher_set_max_size (fetcher, SIGNET_FETCH_KIND_CERTIFICATE, 0);
  g_assert_cmpuint (signet_fetcher_get_max_size (fetcher, SIGNET_FETCH_KIND_CERTIFICATE), ==,
                    64 * 1024);
  g_assert_cmpuint (signet_fetcher_get_max_size (fetcher, SIGNET_FETCH_KIND_OCSP), ==, 64 * 1024);
  signet_fetcher_set_max_size (fetcher, SIGNET_FETCH_KIND_CRL, 0);
  g_assert_cmpuint (signet_fetcher_get_max_size (fetcher, SIGNET_FETCH_KIND_CRL), ==,
                    64 * 1024 * 1024);
}

static void
test_redirects (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();

  {
    /* Three redirects are followed. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = fetch (fetcher, "/hop3", SIGNET_FETCH_KIND_CRL, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (body, srv.crl));
  }
  {
    /* A fourth is not. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = fetch (fetcher, "/hop4", SIGNET_FETCH_KIND_CRL, &error);

    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_REDIRECTS);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = fetch (fetcher, "/loop", SIGNET_FETCH_KIND_CRL, &error);

    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_REDIRECTS);
    g_assert_null (body);
  }
}

static void
test_redirect_scheme (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  const char *paths[] = { "/to-file", "/to-ftp" };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = fetch (fetcher, paths[i], SIGNET_FETCH_KIND_CRL, &error);

      g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_BAD_SCHEME);
      g_assert_null (body);
    }
}

/* A fetcher whose helper does not exist: any attempt to start it would end
 * in HELPER_FAILED, so another error proves nothing was started. */
static SignetFetcher *
fetcher_without_helper (void)
{
  return signet_fetcher_new ("/nonexistent/signet-fetch");
}

static void
test_bad_scheme (void)
{
  g_autoptr (SignetFetcher) fetcher = fetcher_without_helper ();
  const char *urls[] = { "file:///etc/passwd",
                         "ftp://127.0.0.1/ca.crl",
                         "ldap://127.0.0.1/cn=CA?certificateRevocationList",
                         "data:,x",
                         "http:///nohost",
                         "--help" };

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body =
          signet_fetcher_fetch (fetcher, urls[i], SIGNET_FETCH_KIND_CRL, NULL, NULL, NULL, &error);

      g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_BAD_SCHEME);
      g_assert_null (body);
    }

  {
    /* The control: the same fetcher does try to start its helper. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = fetch (fetcher, "/crl", SIGNET_FETCH_KIND_CRL, &error);

    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED);
  }
}

static void
test_offline (void)
{
  g_autoptr (SignetFetcher) fetcher = fetcher_without_helper ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  g_assert_false (signet_fetcher_get_offline (fetcher));
  signet_fetcher_set_offline (fetcher, TRUE);
  g_assert_true (signet_fetcher_get_offline (fetcher));
  body = fetch (fetcher, "/crl", SIGNET_FETCH_KIND_CRL, &error);
  g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_OFFLINE);
  g_assert_null (body);
}

typedef struct
{
  GMainLoop *loop;
  GBytes *body;
  GError *error;
  guint children; /* helper processes left when the callback ran */
} AsyncResult;

static void
on_fetched (GObject *source, GAsyncResult *res, gpointer user_data)
{
  AsyncResult *r = user_data;

  r->body = signet_fetcher_fetch_finish (SIGNET_FETCHER (source), res, &r->error);
  r->children = count_children ();
  g_main_loop_quit (r->loop);
}

static gboolean
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *u = url ("/hang");
  AsyncResult r = { loop, NULL, NULL, G_MAXUINT };
  gint64 start, elapsed;

  signet_fetcher_set_timeout (fetcher, 5);
  start = g_get_monotonic_time ();
  signet_fetcher_fetch_async (fetcher, u, SIGNET_FETCH_KIND_CRL, NULL, NULL, cancellable,
                              on_fetched, &r);
  g_timeout_add (300, cancel_now, cancellable);
  /* The helper runs while the fetch is pending. */
  while (count_children () == 0 && g_get_monotonic_time () - start < G_USEC_PER_SEC)
    g_usleep (10000);
  g_assert_cmpuint (count_children (), ==, 1);
  g_main_loop_run (loop);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (r.error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_CANCELLED);
  g_assert_null (r.body);
  g_assert_cmpint (elapsed, <, 1500 * 1000);
  /* Killed and reaped before the callback ran. */
  g_assert_cmpuint (r.children, ==, 0);
  g_assert_cmpuint (count_children (), ==, 0);
  g_clear_error (&r.error);

  {
    /* Already cancelled: nothing starts. */
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) body = NULL;

    body =
        signet_fetcher_fetch (fetcher, u, SIGNET_FETCH_KIND_CRL, NULL, NULL, cancellable, &error);
    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_CANCELLED);
  }
}

static void
test_garbage (void)
{
  static const guint8 junk[] = {
    0x00, 0xff, 0x30, 0x82, 0xff, 0xff, '<', 'h', 't', 'm', 'l', 0x00
  };
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = fetch (fetcher, "/garbage", SIGNET_FETCH_KIND_CRL, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), junk, sizeof junk);
}

static void
test_post_ocsp (void)
{
  g_autofree char *leaf_path =
      g_test_build_filename (G_TEST_DIST, "data", "ocsp", "leaf.pem", NULL);
  g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "data", "ocsp", "ca.pem", NULL);
  g_autoptr (GPtrArray) leaf = NULL;
  g_autoptr (GPtrArray) ca = NULL;
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) request = NULL;
  g_autoptr (GBytes) nonce = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *u = url ("/ocsp");

  leaf = signet_certificate_list_from_file (leaf_path, &error);
  g_assert_no_error (error);
  ca = signet_certificate_list_from_file (ca_path, &error);
  g_assert_no_error (error);
  request = signet_ocsp_build_request (leaf->pdata[0], ca->pdata[0], TRUE, &nonce, &error);
  g_assert_no_error (error);

  body = signet_fetcher_fetch (fetcher, u, SIGNET_FETCH_KIND_OCSP, request,
                               SIGNET_OCSP_REQUEST_CONTENT_TYPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, request));

  g_mutex_lock (&srv.lock);
  g_assert_cmpstr (srv.ocsp_method, ==, "POST");
  g_assert_cmpstr (srv.ocsp_content_type, ==, SIGNET_OCSP_REQUEST_CONTENT_TYPE);
  g_assert_true (g_bytes_equal (srv.ocsp_body, request));
  g_mutex_unlock (&srv.lock);

  {
    /* The server refuses another content type: proof it looks. */
    g_autoptr (GError) error2 = NULL;
    g_autoptr (GBytes) body2 = signet_fetcher_fetch (fetcher, u, SIGNET_FETCH_KIND_OCSP, request,
                                                     "text/plain", NULL, &error2);

    g_assert_error (error2, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HTTP);
    g_assert_nonnull (strstr (error2->message, "415"));
  }
}

static void
test_network (void)
{
  g_autoptr (SignetFetcher) fetcher = new_fetcher ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GSocket) sock = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autofree char *u = NULL;

  /* A port that was just free and is closed again: connection refused. */
  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (sock, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (sock, &error);
  g_assert_no_error (error);
  u = g_strdup_printf ("http://127.0.0.1:%u/crl",
                       g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (sock, NULL);

  body = signet_fetcher_fetch (fetcher, u, SIGNET_FETCH_KIND_CRL, NULL, NULL, NULL, &error);
  g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_NETWORK);
}

/* Fake helpers: a script in a temporary directory. */
static char *
write_script (const char *dir, const char *name, const char *body)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strconcat ("#!/bin/sh\n", body, "\n", NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  return path;
}

static void
test_helper_hangs (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("signet-fetcher-XXXXXX", &error);
  g_autofree char *hang = NULL;
  g_autofree char *crash = NULL;
  g_autofree char *u = url ("/crl");

  g_assert_no_error (error);
  hang = write_script (dir, "hang", "exec sleep 30");
  crash = write_script (dir, "crash", "kill -SEGV $$");

  {
    /* A helper that ignores its deadline is killed one second after it. */
    g_autoptr (SignetFetcher) fetcher = signet_fetcher_new (hang);
    g_autoptr (GBytes) body = NULL;
    gint64 start, elapsed;

    signet_fetcher_set_timeout (fetcher, 1);
    start = g_get_monotonic_time ();
    body = signet_fetcher_fetch (fetcher, u, SIGNET_FETCH_KIND_CRL, NULL, NULL, NULL, &error);
    elapsed = g_get_monotonic_time () - start;
    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TIMEOUT);
    g_clear_error (&error);
    g_assert_cmpint (elapsed, >=, 1900 * 1000);
    g_assert_cmpint (elapsed, <, 3500 * 1000);
    g_assert_cmpuint (count_children (), ==, 0);
  }
  {
    g_autoptr (SignetFetcher) fetcher = signet_fetcher_new (crash);
    g_autoptr (GBytes) body = NULL;

    body = signet_fetcher_fetch (fetcher, u, SIGNET_FETCH_KIND_CRL, NULL, NULL, NULL, &error);
    g_assert_error (error, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED);
    g_clear_error (&error);
  }

  g_assert_cmpint (g_unlink (hang), ==, 0);
  g_assert_cmpint (g_unlink (crash), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_settings (void)
{
  g_autoptr (SignetFetcher) fetcher = signet_fetcher_new ("/x/helper");

  g_assert_cmpstr (signet_fetcher_get_helper_path (fetcher), ==, "/x/helper");
  g_assert_cmpuint (signet_fetcher_get_timeout (fetcher), ==, SIGNET_FETCH_DEFAULT_TIMEOUT);
  signet_fetcher_set_timeout (fetcher, 3);
  g_assert_cmpuint (signet_fetcher_get_timeout (fetcher), ==, 3);
  signet_fetcher_set_timeout (fetcher, 100000);
  g_assert_cmpuint (signet_fetcher_get_timeout (fetcher), ==, SIGNET_FETCH_MAX_TIMEOUT_SECONDS);
  signet_fetcher_set_timeout (fetcher, 0);
  g_assert_cmpuint (signet_fetcher_get_timeout (fetcher), ==, SIGNET_FETCH_DEFAULT_TIMEOUT);
}

int
main (int argc, char **argv)
{
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
  /* Proxies from the environment must not divert loopback fetches. */
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");

  server_start ();

  g_test_add_func ("/signet/fetcher/settings", test_settings);
  g_test_add_func ("/signet/fetcher/crl", test_crl);
  g_test_add_func ("/signet/fetcher/http-error", test_http_error);
  g_test_add_func ("/signet/fetcher/timeout", test_timeout);
  g_test_add_func ("/signet/fetcher/too-large", test_too_large);
  g_test_add_func ("/signet/fetcher/redirects", test_redirects);
  g_test_add_func ("/signet/fetcher/redirect-scheme", test_redirect_scheme);
  g_test_add_func ("/signet/fetcher/bad-scheme", test_bad_scheme);
  g_test_add_func ("/signet/fetcher/offline", test_offline);
  g_test_add_func ("/signet/fetcher/cancel", test_cancel);
  g_test_add_func ("/signet/fetcher/garbage", test_garbage);
  g_test_add_func ("/signet/fetcher/post-ocsp", test_post_ocsp);
  g_test_add_func ("/signet/fetcher/network", test_network);
  g_test_add_func ("/signet/fetcher/helper-hangs", test_helper_hangs);

  ret = g_test_run ();
  server_stop ();
  return ret;
}
