/* signet-online.h: rounds of fetches for the verifier: every job of a
 * round runs at once, each trying its URLs in turn until one answer is
 * accepted, under a total deadline, with a negative cache of failed URLs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-fetcher.h"

G_BEGIN_DECLS

/* How long a URL that failed is not asked again, in seconds (per
 * SignetOnline, in memory). A server that timed out or could not be
 * reached is not asked for any other URL during that time either. */
#define SIGNET_ONLINE_NEGATIVE_CACHE_SECONDS (5 * 60)
/* Failed URLs remembered at once (the oldest are forgotten first). */
#define SIGNET_ONLINE_MAX_NEGATIVE_ENTRIES 256
/* Fetches of one round running at the same time. */
#define SIGNET_ONLINE_MAX_PARALLEL 8

typedef struct _SignetOnlineJob SignetOnlineJob;

/**
 * SignetOnlineAcceptFunc:
 * @job: the job
 * @url: the URL that answered
 * @body: the answer
 * @user_data: the job's user data
 *
 * Judges an answer. When it returns %FALSE the next URL of the job is
 * tried; the failure is "invalid-response" unless the function set
 * @job->failure itself.
 *
 * Returns: whether the answer is usable (the job is then done)
 */
typedef gboolean (*SignetOnlineAcceptFunc) (SignetOnlineJob *job,
                                            const char *url,
                                            GBytes *body,
                                            gpointer user_data);

/**
 * SignetOnlineJob:
 * @urls: the URLs to try, in order
 * @kind: what is fetched (selects the size limit)
 * @post_body: (nullable): a body to POST (an OCSP request)
 * @content_type: (nullable): its Content-Type
 * @accept: judges each answer
 * @user_data: for @accept
 * @url: (out): the URL whose answer was accepted, %NULL when none was
 * @failure: (out): why the last URL tried failed (see
 *   signet_online_failure_reason()), %NULL when an answer was accepted
 * @failure_url: (out): that URL
 * @n_sent: (out): how many requests were actually sent
 *
 * One thing to fetch. Create with signet_online_job_new().
 */
struct _SignetOnlineJob
{
  GStrv urls;
  SignetFetchKind kind;
  GBytes *post_body;
  char *content_type;
  SignetOnlineAcceptFunc accept;
  gpointer user_data;

  char *url;
  char *failure;
  char *failure_url;
  guint n_sent;

  /*< private >*/
  guint next;
  gboolean started;
  gboolean done;
};

SignetOnlineJob *signet_online_job_new (const char *const *urls,
                                        SignetFetchKind kind,
                                        GBytes *post_body,
                                        const char *content_type,
                                        SignetOnlineAcceptFunc accept,
                                        gpointer user_data);
void signet_online_job_free (SignetOnlineJob *job);
void signet_online_job_set_failure (SignetOnlineJob *job, const char *reason, const char *url);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetOnlineJob, signet_online_job_free)

#define SIGNET_TYPE_ONLINE (signet_online_get_type ())
G_DECLARE_FINAL_TYPE (SignetOnline, signet_online, SIGNET, ONLINE, GObject)

SignetOnline *signet_online_new (SignetFetcher *fetcher);
SignetFetcher *signet_online_get_fetcher (SignetOnline *self);

const char *signet_online_failure_reason (const GError *error);
const char *signet_online_negative_lookup (SignetOnline *self, const char *url);
void signet_online_forget_failures (SignetOnline *self);
gboolean signet_online_has_fetchable (SignetOnline *self, const char *const *urls);

void signet_online_run (SignetOnline *self,
                        GPtrArray *jobs,
                        gint64 deadline,
                        GCancellable *cancellable);

G_END_DECLS
