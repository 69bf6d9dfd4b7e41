/* signet-fetcher.c: fetch CRLs, issuer certificates and OCSP responses
 * through the signet-fetch helper process.
 *
 * The library never talks HTTP itself and never links libsoup: each fetch
 * runs `signet-fetch` (tools/signet-fetch.c) with GSubprocess. The helper
 * enforces the URL rules, redirects, size cap and deadline; this side checks
 * the URL again before spawning, kills a helper that overruns its deadline
 * by SIGNET_FETCH_KILL_GRACE seconds or whose fetch the caller cancels, and
 * reaps it before reporting, so that no fetch outlives its result.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "signet-fetch-protocol.h"
#include "signet-fetcher.h"

/**
 * SignetFetcher:
 *
 * Runs one helper process per fetch. A fetcher holds only settings (helper
 * path, offline switch, timeout, size limits); it can run several fetches
 * at once and is meant to be used from one thread.
 *
 * Since: 0.1
 */
struct _SignetFetcher
{
  GObject parent_instance;

  char *helper_path;
  gboolean offline;
  guint timeout;
  gsize max_size[SIGNET_FETCH_KIND_COUNT];
};

G_DEFINE_FINAL_TYPE (SignetFetcher, signet_fetcher, G_TYPE_OBJECT)

/**
 * signet_fetch_error_quark:
 *
 * Gets the error domain of failed fetches.
 *
 * Returns: the quark of the %SIGNET_FETCH_ERROR domain
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (signet-fetch-error-quark, signet_fetch_error)

static const gsize default_max_size[SIGNET_FETCH_KIND_COUNT] = {
  [SIGNET_FETCH_KIND_CRL] = SIGNET_FETCH_DEFAULT_MAX_CRL,
  [SIGNET_FETCH_KIND_CERTIFICATE] = SIGNET_FETCH_DEFAULT_MAX_CERTIFICATE,
  [SIGNET_FETCH_KIND_OCSP] = SIGNET_FETCH_DEFAULT_MAX_OCSP,
};

/* The same flags as libsoup's SOUP_HTTP_URI_FLAGS, so that the library and
 * the helper parse a URL alike. */
#define HTTP_URI_FLAGS                                                                             \
  (G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY |               \
   G_URI_FLAGS_ENCODED_FRAGMENT | G_URI_FLAGS_SCHEME_NORMALIZE)

static void
signet_fetcher_finalize (GObject *object)
{
  SignetFetcher *self = SIGNET_FETCHER (object);

  g_free (self->helper_path);

  G_OBJECT_CLASS (signet_fetcher_parent_class)->finalize (object);
}

static void
signet_fetcher_class_init (SignetFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_fetcher_finalize;
}

static void
signet_fetcher_init (SignetFetcher *self)
{
  self->timeout = SIGNET_FETCH_DEFAULT_TIMEOUT;
  memcpy (self->max_size, default_max_size, sizeof self->max_size);
}

/**
 * signet_fetcher_new:
 * @helper_path: (nullable) (type filename): the signet-fetch program to run
 *
 * Creates a fetcher. When @helper_path is %NULL the environment variable
 * `SIGNET_FETCH_HELPER` names the helper, and without it the installed
 * `signet-fetch` in Signet's libexec directory is used. The helper is not
 * looked for until the first fetch.
 *
 * Returns: (transfer full): a new fetcher, online, with the default timeout
 *   and size limits
 *
 * Since: 0.1
 */
SignetFetcher *
signet_fetcher_new (const char *helper_path)
{
  SignetFetcher *self = g_object_new (SIGNET_TYPE_FETCHER, NULL);
  const char *env = g_getenv ("SIGNET_FETCH_HELPER");

  if (helper_path != NULL)
    self->helper_path = g_strdup (helper_path);
  else if (env != NULL && env[0] != '\0')
    self->helper_path = g_strdup (env);
  else
    self->helper_path = g_build_filename (SIGNET_LIBEXECDIR, "signet-fetch", NULL);
  return self;
}

/**
 * signet_fetcher_get_helper_path:
 * @self: a fetcher
 *
 * Gets the helper program this fetcher runs.
 *
 * Returns: (type filename): the helper program this fetcher runs
 *
 * Since: 0.1
 */
const char *
signet_fetcher_get_helper_path (SignetFetcher *self)
{
  g_return_val_if_fail (SIGNET_IS_FETCHER (self), NULL);
  return self->helper_path;
}

/**
 * signet_fetcher_set_offline:
 * @self: a fetcher
 * @offline: whether to refuse every fetch
 *
 * An offline fetcher never starts the helper: every fetch fails at once
 * with %SIGNET_FETCH_ERROR_OFFLINE, so nothing about the user's mail leaves
 * the computer.
 *
 * Since: 0.1
 */
void
signet_fetcher_set_offline (SignetFetcher *self, gboolean offline)
{
  g_return_if_fail (SIGNET_IS_FETCHER (self));
  self->offline = !!offline;
}

/**
 * signet_fetcher_get_offline:
 * @self: a fetcher
 *
 * Checks whether @self refuses every fetch.
 *
 * Returns: whether @self refuses every fetch
 *
 * Since: 0.1
 */
gboolean
signet_fetcher_get_offline (SignetFetcher *self)
{
  g_return_val_if_fail (SIGNET_IS_FETCHER (self), TRUE);
  return self->offline;
}

/**
 * signet_fetcher_set_timeout:
 * @self: a fetcher
 * @seconds: the overall time limit of one fetch; 0 restores the default
 *   (%SIGNET_FETCH_DEFAULT_TIMEOUT)
 *
 * Sets how long one fetch may take from start to the last body byte,
 * redirects included. Values above %SIGNET_FETCH_MAX_TIMEOUT_SECONDS are
 * clamped. A helper still running %SIGNET_FETCH_KILL_GRACE seconds after
 * the limit is killed.
 *
 * Since: 0.1
 */
void
signet_fetcher_set_timeout (SignetFetcher *self, guint seconds)
{
  g_return_if_fail (SIGNET_IS_FETCHER (self));
  if (seconds == 0)
    seconds = SIGNET_FETCH_DEFAULT_TIMEOUT;
  self->timeout = MIN (seconds, SIGNET_FETCH_MAX_TIMEOUT_SECONDS);
}

/**
 * signet_fetcher_get_timeout:
 * @self: a fetcher
 *
 * Gets the overall time limit of one fetch, in seconds.
 *
 * Returns: the overall time limit of one fetch, in seconds
 *
 * Since: 0.1
 */
guint
signet_fetcher_get_timeout (SignetFetcher *self)
{
  g_return_val_if_fail (SIGNET_IS_FETCHER (self), 0);
  return self->timeout;
}

/**
 * signet_fetcher_set_max_size:
 * @self: a fetcher
 * @kind: the kind of resource
 * @bytes: the largest accepted body (after content decoding); 0 restores
 *   the default of @kind (CRL 64 MiB, certificate 64 KiB, OCSP 64 KiB)
 *
 * Sets the size limit for fetches of @kind.
 *
 * Since: 0.1
 */
void
signet_fetcher_set_max_size (SignetFetcher *self, SignetFetchKind kind, gsize bytes)
{
  g_return_if_fail (SIGNET_IS_FETCHER (self));
  g_return_if_fail ((guint) kind < SIGNET_FETCH_KIND_COUNT);
  self->max_size[kind] = bytes != 0 ? MIN (bytes, (gsize) G_MAXINT64) : default_max_size[kind];
}

/**
 * signet_fetcher_get_max_size:
 * @self: a fetcher
 * @kind: the kind of resource
 *
 * Gets the size limit for fetches of @kind, in bytes.
 *
 * Returns: the size limit for fetches of @kind, in bytes
 *
 * Since: 0.1
 */
gsize
signet_fetcher_get_max_size (SignetFetcher *self, SignetFetchKind kind)
{
  g_return_val_if_fail (SIGNET_IS_FETCHER (self), 0);
  g_return_val_if_fail ((guint) kind < SIGNET_FETCH_KIND_COUNT, 0);
  return self->max_size[kind];
}

/**
 * signet_fetch_uri_is_allowed:
 * @url: (nullable): a URL
 *
 * Tells whether Signet would fetch @url: an absolute http or https URL with
 * a host, at most 2048 bytes, without spaces or control characters. Every
 * other scheme (file, ftp, ldap, data, ...) is refused. Redirect targets
 * are checked the same way by the helper.
 *
 * Returns: %TRUE if @url may be fetched
 *
 * Since: 0.1
 */
gboolean
signet_fetch_uri_is_allowed (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || strlen (url) > SIGNET_FETCH_MAX_URL_LENGTH)
    return FALSE;
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      return FALSE;

  uri = g_uri_parse (url, HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0) && host != NULL &&
         host[0] != '\0';
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  char *url;
  gsize max_size;
  guint timeout;
  GSubprocess *proc;
  GCancellable *io_cancellable; /* ours: stops reading the pipes */
  GSource *timeout_source;
  GSource *cancel_source;
  gboolean killed;
  SignetFetchError kill_reason;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_source_unref (data->timeout_source);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_source_unref (data->cancel_source);
    }
  g_clear_object (&data->proc);
  g_clear_object (&data->io_cancellable);
  g_free (data->url);
  g_free (data);
}

static void
stop_watching (FetchData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
}

static void
kill_helper (GTask *task, SignetFetchError reason)
{
  FetchData *data = g_task_get_task_data (task);

  if (data->killed)
    return;
  data->killed = TRUE;
  data->kill_reason = reason;
  g_debug ("killing the fetch helper for %s (%s)", data->url,
           reason == SIGNET_FETCH_ERROR_TIMEOUT ? "overran its deadline" : "cancelled");
  g_subprocess_force_exit (data->proc);
  g_cancellable_cancel (data->io_cancellable);
}

static gboolean
on_overrun (gpointer user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->timeout_source, g_source_unref);
  kill_helper (task, SIGNET_FETCH_ERROR_TIMEOUT);
  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->cancel_source, g_source_unref);
  kill_helper (task, SIGNET_FETCH_ERROR_CANCELLED);
  return G_SOURCE_REMOVE;
}

static void
on_reaped (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);

  g_subprocess_wait_finish (G_SUBPROCESS (source), res, NULL);
  if (data->kill_reason == SIGNET_FETCH_ERROR_TIMEOUT)
    g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TIMEOUT,
                             "No answer from %s within %u seconds (the fetch helper was stopped)",
                             data->url, data->timeout);
  else
    g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_CANCELLED,
                             "Fetching %s was cancelled", data->url);
}

/* The helper's status line: the last line of its stderr that is a JSON
 * object. Returns the "message" member, or NULL. */
static char *
parse_status_message (GBytes *err_bytes, gint64 *http_status)
{
  gsize len = 0;
  const char *text = err_bytes != NULL ? g_bytes_get_data (err_bytes, &len) : NULL;
  g_autofree char *copy = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *obj;
  guint n;

  *http_status = 0;
  if (text == NULL || len == 0)
    return NULL;
  if (len > SIGNET_FETCH_MAX_STATUS_SIZE)
    {
      text += len - SIGNET_FETCH_MAX_STATUS_SIZE;
      len = SIGNET_FETCH_MAX_STATUS_SIZE;
    }
  copy = g_strndup (text, len);
  lines = g_strsplit (copy, "\n", -1);
  n = g_strv_length (lines);
  while (n > 0 && lines[n - 1][0] != '{')
    n--;
  if (n == 0)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, lines[n - 1], -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);
  if (json_object_has_member (obj, "status") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "status")))
    *http_status = json_object_get_int_member (obj, "status");
  if (json_object_has_member (obj, "message") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "message")) &&
      json_node_get_value_type (json_object_get_member (obj, "message")) == G_TYPE_STRING)
    {
      const char *message = json_object_get_string_member (obj, "message");

      if (g_utf8_validate (message, -1, NULL))
        return g_strdup (message);
    }
  return NULL;
}

static void
on_communicated (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  GSubprocess *proc = G_SUBPROCESS (source);
  g_autoptr (GBytes) out_bytes = NULL;
  g_autoptr (GBytes) err_bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 http_status = 0;
  gboolean ok;
  int code;

  ok = g_subprocess_communicate_finish (proc, res, &out_bytes, &err_bytes, &error);

  if (data->killed)
    {
      /* Report only once the process is gone. */
      stop_watching (data);
      g_subprocess_wait_async (proc, NULL, on_reaped, g_steal_pointer (&task));
      return;
    }
  stop_watching (data);

  if (!ok)
    {
      g_subprocess_force_exit (proc);
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED,
                               "Could not talk to the fetch helper: %s", error->message);
      return;
    }

  if (g_subprocess_get_if_signaled (proc))
    {
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED,
                               "The fetch helper %s died (signal %d) while fetching %s",
                               signet_fetcher_get_helper_path (g_task_get_source_object (task)),
                               g_subprocess_get_term_sig (proc), data->url);
      return;
    }

  code = g_subprocess_get_exit_status (proc);
  message = parse_status_message (err_bytes, &http_status);
#define DETAIL (message != NULL ? message : "no details")

  switch (code)
    {
    case SIGNET_FETCH_EXIT_OK:
      if (out_bytes == NULL || g_bytes_get_size (out_bytes) > data->max_size)
        {
          g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED,
                                   "The fetch helper returned an unusable answer for %s",
                                   data->url);
          return;
        }
      g_task_return_pointer (task, g_steal_pointer (&out_bytes), (GDestroyNotify) g_bytes_unref);
      return;
    case SIGNET_FETCH_EXIT_HTTP:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HTTP,
                               "The server of %s answered: %s", data->url, DETAIL);
      return;
    case SIGNET_FETCH_EXIT_TOO_LARGE:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TOO_LARGE,
                               "The answer from %s is too large (limit %" G_GSIZE_FORMAT
                               " bytes): %s",
                               data->url, data->max_size, DETAIL);
      return;
    case SIGNET_FETCH_EXIT_TIMEOUT:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TIMEOUT,
                               "No answer from %s within %u seconds: %s", data->url, data->timeout,
                               DETAIL);
      return;
    case SIGNET_FETCH_EXIT_BAD_SCHEME:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_BAD_SCHEME,
                               "Not fetching %s: %s", data->url, DETAIL);
      return;
    case SIGNET_FETCH_EXIT_REDIRECTS:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_REDIRECTS,
                               "Fetching %s failed: %s", data->url, DETAIL);
      return;
    case SIGNET_FETCH_EXIT_NETWORK:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_NETWORK,
                               "Could not fetch %s: %s", data->url, DETAIL);
      return;
    default:
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED,
                               "The fetch helper failed (exit status %d) for %s: %s", code,
                               data->url, DETAIL);
      return;
    }
#undef DETAIL
}

/**
 * signet_fetcher_fetch_async:
 * @self: a fetcher
 * @url: an http or https URL
 * @kind: what is fetched (selects the size limit)
 * @post_body: (nullable): a body to POST (an OCSP request), or %NULL for GET
 * @content_type: (nullable): the Content-Type of @post_body; required with it
 * @cancellable: (nullable): cancels the fetch and kills the helper
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Fetches @url in a helper process. Nothing is started when @self is
 * offline or @url is not allowed (see signet_fetch_uri_is_allowed()). The
 * callback runs after the helper has exited; when the fetch is cancelled or
 * the helper overruns its deadline the helper is killed and reaped first.
 *
 * Since: 0.1
 */
void
signet_fetcher_fetch_async (SignetFetcher *self,
                            const char *url,
                            SignetFetchKind kind,
                            GBytes *post_body,
                            const char *content_type,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainContext) context = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  FetchData *data;

  g_return_if_fail (SIGNET_IS_FETCHER (self));
  g_return_if_fail ((guint) kind < SIGNET_FETCH_KIND_COUNT);
  g_return_if_fail (post_body == NULL || content_type != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_fetcher_fetch_async);
  g_task_set_name (task, "[signet] fetch");
  /* Cancellation is reported in SIGNET_FETCH_ERROR, after the helper is gone. */
  g_task_set_check_cancellable (task, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_CANCELLED,
                               "Fetching %s was cancelled", url != NULL ? url : "(null)");
      return;
    }
  if (self->offline)
    {
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_OFFLINE,
                               "Working offline: %s was not fetched", url != NULL ? url : "(null)");
      return;
    }
  if (!signet_fetch_uri_is_allowed (url))
    {
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_BAD_SCHEME,
                               "Not fetching %s: only http and https URLs are fetched",
                               url != NULL ? url : "(null)");
      return;
    }
  if (post_body != NULL && g_bytes_get_size (post_body) > SIGNET_FETCH_MAX_POST_SIZE)
    {
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_TOO_LARGE,
                               "The request for %s is too large", url);
      return;
    }

  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->max_size = self->max_size[kind];
  data->timeout = self->timeout;
  data->io_cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup (self->helper_path));
  g_ptr_array_add (argv, g_strdup_printf ("--url=%s", url));
  g_ptr_array_add (argv, g_strdup_printf ("--max-size=%" G_GSIZE_FORMAT, data->max_size));
  g_ptr_array_add (argv, g_strdup_printf ("--timeout=%u", data->timeout));
  if (post_body != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--post-file=-"));
      g_ptr_array_add (argv, g_strdup_printf ("--content-type=%s", content_type));
      flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (flags);
  data->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  if (data->proc == NULL)
    {
      g_task_return_new_error (task, SIGNET_FETCH_ERROR, SIGNET_FETCH_ERROR_HELPER_FAILED,
                               "Could not start the fetch helper %s: %s", self->helper_path,
                               error->message);
      return;
    }

  context = g_main_context_ref_thread_default ();

  data->timeout_source = g_timeout_source_new ((data->timeout + SIGNET_FETCH_KILL_GRACE) * 1000);
  g_source_set_name (data->timeout_source, "[signet] fetch deadline");
  g_source_set_callback (data->timeout_source, on_overrun, task, NULL);
  g_source_attach (data->timeout_source, context);

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_name (data->cancel_source, "[signet] fetch cancelled");
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (on_caller_cancelled), task, NULL);
      g_source_attach (data->cancel_source, context);
    }

  /* The task reference goes to the communicate callback; the sources hold
   * borrowed pointers and are destroyed before the task is freed. */
  g_subprocess_communicate_async (data->proc, post_body, data->io_cancellable, on_communicated,
                                  g_steal_pointer (&task));
}

/**
 * signet_fetcher_fetch_finish:
 * @self: a fetcher
 * @result: the result given to the callback
 * @error: return location for a #SIGNET_FETCH_ERROR error
 *
 * Finishes signet_fetcher_fetch_async(). The body is returned as received:
 * parsing it (and judging its content type) is the caller's job.
 *
 * Returns: (transfer full): the response body, or %NULL with @error set
 *
 * Since: 0.1
 */
GBytes *
signet_fetcher_fetch_finish (SignetFetcher *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIGNET_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_fetcher_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sync_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

/**
 * signet_fetcher_fetch:
 * @self: a fetcher
 * @url: an http or https URL
 * @kind: what is fetched (selects the size limit)
 * @post_body: (nullable): a body to POST, or %NULL for GET
 * @content_type: (nullable): the Content-Type of @post_body; required with it
 * @cancellable: (nullable): cancels the fetch (from another thread)
 * @error: return location for a #SIGNET_FETCH_ERROR error
 *
 * The blocking form of signet_fetcher_fetch_async(), for worker threads and
 * command-line tools; it runs a private main context and blocks for at most
 * the timeout plus %SIGNET_FETCH_KILL_GRACE seconds. Never call it from a
 * mail client's main thread.
 *
 * Returns: (transfer full): the response body, or %NULL with @error set
 *
 * Since: 0.1
 */
GBytes *
signet_fetcher_fetch (SignetFetcher *self,
                      const char *url,
                      SignetFetchKind kind,
                      GBytes *post_body,
                      const char *content_type,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) result = NULL;

  g_return_val_if_fail (SIGNET_IS_FETCHER (self), NULL);

  g_main_context_push_thread_default (context);
  signet_fetcher_fetch_async (self, url, kind, post_body, content_type, cancellable, on_sync_done,
                              &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return signet_fetcher_fetch_finish (self, result, error);
}
