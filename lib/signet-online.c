/* signet-online.c: rounds of fetches for the verifier.
 *
 * A round is a list of jobs (a CRL of one certificate, an OCSP answer, an
 * issuer certificate). The round starts every job at once (at most
 * SIGNET_ONLINE_MAX_PARALLEL fetches run together); a job whose URL fails
 * or whose answer is refused tries its next URL. The round runs a private
 * main context in the calling thread and ends when every job is done, or
 * at the deadline, when the fetches still running are cancelled (their
 * helpers killed) and reported as timeouts. The caller therefore blocks
 * for at most the time to the deadline plus the fetcher's kill grace: it
 * is meant for worker threads (the verifier's asynchronous API) and tools.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-online.h"

/**
 * SignetOnline:
 *
 * Runs rounds of fetches with one #SignetFetcher and remembers, for
 * %SIGNET_ONLINE_NEGATIVE_CACHE_SECONDS, which URLs failed and why, so that
 * a dead server does not slow every message down. It may be used from
 * several threads at once.
 */
struct _SignetOnline
{
  GObject parent_instance;

  SignetFetcher *fetcher;
  GMutex lock;
  GHashTable *failures; /* URL or "origin:" + scheme://host:port -> Failure */
};

typedef struct
{
  gint64 until; /* monotonic microseconds */
  char *reason;
} Failure;

G_DEFINE_FINAL_TYPE (SignetOnline, signet_online, G_TYPE_OBJECT)

static void
failure_free (Failure *f)
{
  g_free (f->reason);
  g_free (f);
}

static void
signet_online_finalize (GObject *object)
{
  SignetOnline *self = SIGNET_ONLINE (object);

  g_clear_object (&self->fetcher);
  g_hash_table_unref (self->failures);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (signet_online_parent_class)->finalize (object);
}

static void
signet_online_class_init (SignetOnlineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_online_finalize;
}

static void
signet_online_init (SignetOnline *self)
{
  g_mutex_init (&self->lock);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) failure_free);
}

/**
 * signet_online_new:
 * @fetcher: the fetcher to run fetches with
 *
 * Returns: (transfer full): a new #SignetOnline
 */
SignetOnline *
signet_online_new (SignetFetcher *fetcher)
{
  SignetOnline *self;

  g_return_val_if_fail (SIGNET_IS_FETCHER (fetcher), NULL);

  self = g_object_new (SIGNET_TYPE_ONLINE, NULL);
  self->fetcher = g_object_ref (fetcher);
  return self;
}

/**
 * signet_online_get_fetcher:
 * @self: a #SignetOnline
 *
 * Returns: (transfer none): its fetcher
 */
SignetFetcher *
signet_online_get_fetcher (SignetOnline *self)
{
  g_return_val_if_fail (SIGNET_IS_ONLINE (self), NULL);
  return self->fetcher;
}

/* ---- jobs ---------------------------------------------------------------- */

/**
 * signet_online_job_new:
 * @urls: the URLs to try, in order
 * @kind: what is fetched
 * @post_body: (nullable): a body to POST
 * @content_type: (nullable): the Content-Type of @post_body
 * @accept: judges each answer
 * @user_data: data for @accept
 *
 * Returns: (transfer full): a new job
 */
SignetOnlineJob *
signet_online_job_new (const char *const *urls,
                       SignetFetchKind kind,
                       GBytes *post_body,
                       const char *content_type,
                       SignetOnlineAcceptFunc accept,
                       gpointer user_data)
{
  SignetOnlineJob *job = g_new0 (SignetOnlineJob, 1);

  job->urls = g_strdupv ((char **) urls);
  if (job->urls == NULL)
    job->urls = g_new0 (char *, 1);
  job->kind = kind;
  job->post_body = post_body ? g_bytes_ref (post_body) : NULL;
  job->content_type = g_strdup (content_type);
  job->accept = accept;
  job->user_data = user_data;
  return job;
}

/**
 * signet_online_job_free:
 * @job: (transfer full) (nullable): a job
 */
void
signet_online_job_free (SignetOnlineJob *job)
{
  if (job == NULL)
    return;
  g_strfreev (job->urls);
  g_clear_pointer (&job->post_body, g_bytes_unref);
  g_free (job->content_type);
  g_free (job->url);
  g_free (job->failure);
  g_free (job->failure_url);
  g_free (job);
}

/**
 * signet_online_job_set_failure:
 * @job: a job
 * @reason: a stable failure name ("invalid-response", an OCSP problem, ...)
 * @url: (nullable): the URL concerned
 *
 * Records why the URL tried last gave nothing usable.
 */
void
signet_online_job_set_failure (SignetOnlineJob *job, const char *reason, const char *url)
{
  char *r = g_strdup (reason);
  char *u = g_strdup (url);

  /* @reason or @url may be the job's own strings. */
  g_free (job->failure);
  job->failure = r;
  if (u != NULL)
    {
      g_free (job->failure_url);
      job->failure_url = u;
    }
}

/* ---- negative cache ------------------------------------------------------ */

/**
 * signet_online_failure_reason:
 * @error: a #SIGNET_FETCH_ERROR error
 *
 * Returns: a stable name of the failure: "offline", "bad-scheme", "http",
 *   "too-large", "timeout", "redirects", "network", "helper-failed" or
 *   "cancelled"
 */
const char *
signet_online_failure_reason (const GError *error)
{
  if (error == NULL || error->domain != SIGNET_FETCH_ERROR)
    return "network";
  switch ((SignetFetchError) error->code)
    {
    case SIGNET_FETCH_ERROR_OFFLINE:
      return "offline";
    case SIGNET_FETCH_ERROR_BAD_SCHEME:
      return "bad-scheme";
    case SIGNET_FETCH_ERROR_HTTP:
      return "http";
    case SIGNET_FETCH_ERROR_TOO_LARGE:
      return "too-large";
    case SIGNET_FETCH_ERROR_TIMEOUT:
      return "timeout";
    case SIGNET_FETCH_ERROR_REDIRECTS:
      return "redirects";
    case SIGNET_FETCH_ERROR_NETWORK:
      return "network";
    case SIGNET_FETCH_ERROR_HELPER_FAILED:
      return "helper-failed";
    case SIGNET_FETCH_ERROR_CANCELLED:
    default:
      return "cancelled";
    }
}

static char *
origin_key (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_strdup_printf ("origin:%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

/* Under the lock: the live failure stored under @key, or NULL. */
static const char *
lookup_locked (SignetOnline *self, const char *key, gint64 now)
{
  Failure *f = key ? g_hash_table_lookup (self->failures, key) : NULL;

  if (f == NULL)
    return NULL;
  if (f->until <= now)
    {
      g_hash_table_remove (self->failures, key);
      return NULL;
    }
  return f->reason;
}

/**
 * signet_online_negative_lookup:
 * @self: a #SignetOnline
 * @url: a URL
 *
 * Returns: (nullable): why @url (or its server, after a timeout or a
 *   network failure) failed within the last
 *   %SIGNET_ONLINE_NEGATIVE_CACHE_SECONDS, or %NULL. The string is one of
 *   the static names of signet_online_failure_reason() or of the accept
 *   functions.
 */
const char *
signet_online_negative_lookup (SignetOnline *self, const char *url)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *origin = origin_key (url);
  gint64 now = g_get_monotonic_time ();
  const char *reason = lookup_locked (self, url, now);

  if (reason == NULL)
    reason = lookup_locked (self, origin, now);
  /* The reasons are interned: the pointer outlives the entry. */
  return reason ? g_intern_string (reason) : NULL;
}

static void
remember_failure (SignetOnline *self, const char *url, const char *reason)
{
  g_autoptr (GMutexLocker) locker = NULL;
  gint64 until = g_get_monotonic_time () + (gint64) SIGNET_ONLINE_NEGATIVE_CACHE_SECONDS * G_USEC_PER_SEC;
  Failure *f;

  if (g_str_equal (reason, "offline") || g_str_equal (reason, "cancelled"))
    return;
  locker = g_mutex_locker_new (&self->lock);
  if (g_hash_table_size (self->failures) >= SIGNET_ONLINE_MAX_NEGATIVE_ENTRIES)
    g_hash_table_remove_all (self->failures);
  f = g_new0 (Failure, 1);
  f->until = until;
  f->reason = g_strdup (reason);
  g_hash_table_replace (self->failures, g_strdup (url), f);

  /* A server that does not answer will not answer the next URL either. */
  if (g_str_equal (reason, "timeout") || g_str_equal (reason, "network"))
    {
      char *origin = origin_key (url);

      if (origin != NULL)
        {
          f = g_new0 (Failure, 1);
          f->until = until;
          f->reason = g_strdup (reason);
          g_hash_table_replace (self->failures, origin, f);
        }
    }
}

/**
 * signet_online_forget_failures:
 * @self: a #SignetOnline
 *
 * Empties the negative cache (for instance when the computer goes online).
 */
void
signet_online_forget_failures (SignetOnline *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove_all (self->failures);
}

/**
 * signet_online_has_fetchable:
 * @self: a #SignetOnline
 * @urls: (nullable): URLs
 *
 * Returns: whether one of @urls may be fetched and has not failed lately
 */
gboolean
signet_online_has_fetchable (SignetOnline *self, const char *const *urls)
{
  for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
    if (signet_fetch_uri_is_allowed (urls[i]) && signet_online_negative_lookup (self, urls[i]) == NULL)
      return TRUE;
  return FALSE;
}

/* ---- rounds -------------------------------------------------------------- */

typedef struct
{
  SignetOnline *self;
  GPtrArray *jobs;
  GCancellable *cancel; /* ours: the deadline and the caller's cancellable */
  guint active;
  guint next_job;
  gboolean deadline_passed;
} Round;

typedef struct
{
  Round *round;
  SignetOnlineJob *job;
  char *url;
} Fetch;

static void start_job (Round *round, SignetOnlineJob *job);

static void
on_fetched (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Fetch *fetch = user_data;
  Round *round = fetch->round;
  SignetOnlineJob *job = fetch->job;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = signet_fetcher_fetch_finish (SIGNET_FETCHER (source), res, &error);

  round->active--;
  if (body != NULL)
    {
      g_clear_pointer (&job->failure, g_free);
      if (job->accept (job, fetch->url, body, job->user_data))
        {
          g_clear_pointer (&job->failure, g_free);
          g_clear_pointer (&job->failure_url, g_free);
          job->url = g_strdup (fetch->url);
          job->done = TRUE;
        }
      else
        {
          if (job->failure == NULL)
            signet_online_job_set_failure (job, "invalid-response", fetch->url);
          else
            signet_online_job_set_failure (job, job->failure, fetch->url);
          remember_failure (round->self, fetch->url, job->failure);
        }
    }
  else
    {
      const char *reason = signet_online_failure_reason (error);

      if (g_str_equal (reason, "cancelled") && round->deadline_passed)
        reason = "timeout";
      g_debug ("Fetching %s failed (%s): %s", fetch->url, reason, error->message);
      signet_online_job_set_failure (job, reason, fetch->url);
      if (!round->deadline_passed)
        remember_failure (round->self, fetch->url, reason);
    }

  if (!job->done)
    start_job (round, job);
  /* A slot is free: start a job that has not started yet. */
  while (round->active < SIGNET_ONLINE_MAX_PARALLEL && round->next_job < round->jobs->len)
    start_job (round, g_ptr_array_index (round->jobs, round->next_job++));

  g_free (fetch->url);
  g_free (fetch);
}

/* Starts the next URL of @job, skipping the ones that may not or need not
 * be fetched; marks the job done when there is none left. */
static void
start_job (Round *round, SignetOnlineJob *job)
{
  job->started = TRUE;
  while (!job->done && job->urls[job->next] != NULL)
    {
      const char *url = job->urls[job->next++];
      const char *cached;
      Fetch *fetch;

      if (round->deadline_passed || g_cancellable_is_cancelled (round->cancel))
        {
          signet_online_job_set_failure (job, round->deadline_passed ? "timeout" : "cancelled", url);
          job->done = TRUE;
          return;
        }
      if (!signet_fetch_uri_is_allowed (url))
        {
          signet_online_job_set_failure (job, "bad-scheme", url);
          continue;
        }
      if (signet_fetcher_get_offline (round->self->fetcher))
        {
          signet_online_job_set_failure (job, "offline", url);
          continue;
        }
      cached = signet_online_negative_lookup (round->self, url);
      if (cached != NULL)
        {
          g_debug ("Not fetching %s: it failed lately (%s)", url, cached);
          signet_online_job_set_failure (job, cached, url);
          continue;
        }

      fetch = g_new0 (Fetch, 1);
      fetch->round = round;
      fetch->job = job;
      fetch->url = g_strdup (url);
      round->active++;
      job->n_sent++;
      signet_fetcher_fetch_async (round->self->fetcher, url, job->kind, job->post_body, job->content_type,
                                  round->cancel, on_fetched, fetch);
      return;
    }
  job->done = TRUE;
}

static gboolean
on_deadline (gpointer user_data)
{
  Round *round = user_data;

  round->deadline_passed = TRUE;
  g_cancellable_cancel (round->cancel);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable, gpointer user_data)
{
  /* May run in another thread; cancelling is thread-safe. */
  g_cancellable_cancel (user_data);
}

static gboolean
round_done (Round *round)
{
  if (round->active > 0 || round->next_job < round->jobs->len)
    return FALSE;
  for (guint i = 0; i < round->jobs->len; i++)
    if (!((SignetOnlineJob *) g_ptr_array_index (round->jobs, i))->done)
      return FALSE;
  return TRUE;
}

/**
 * signet_online_run:
 * @self: a #SignetOnline
 * @jobs: (element-type SignetOnlineJob): the jobs of the round
 * @deadline: when the round must end (g_get_monotonic_time() microseconds)
 * @cancellable: (nullable): cancels the round (from any thread)
 *
 * Runs the jobs, blocking the calling thread (never call it from a mail
 * client's main thread) until every job is done or the deadline passed
 * (plus the helpers' kill grace, %SIGNET_FETCH_KILL_GRACE seconds). Every
 * job is done afterwards: accepted (its @url set) or failed (its @failure
 * set).
 */
void
signet_online_run (SignetOnline *self, GPtrArray *jobs, gint64 deadline, GCancellable *cancellable)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  GSource *timer = NULL;
  gulong handler = 0;
  gint64 remaining = deadline - g_get_monotonic_time ();
  Round round = { 0 };

  g_return_if_fail (SIGNET_IS_ONLINE (self));

  round.self = self;
  round.jobs = jobs;
  round.cancel = cancel;
  if (jobs->len == 0)
    return;

  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled), g_object_ref (cancel),
                                     g_object_unref);
  if (remaining <= 0)
    round.deadline_passed = TRUE;
  else
    {
      timer = g_timeout_source_new ((guint) MIN (remaining / 1000 + 1, (gint64) G_MAXUINT));
      g_source_set_name (timer, "[signet] fetch round deadline");
      g_source_set_callback (timer, on_deadline, &round, NULL);
      g_source_attach (timer, context);
    }

  while (round.active < SIGNET_ONLINE_MAX_PARALLEL && round.next_job < jobs->len)
    start_job (&round, g_ptr_array_index (jobs, round.next_job++));
  while (!round_done (&round))
    g_main_context_iteration (context, TRUE);

  if (timer != NULL)
    {
      g_source_destroy (timer);
      g_source_unref (timer);
    }
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);
}
