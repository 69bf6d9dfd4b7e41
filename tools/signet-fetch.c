/* signet-fetch.c: the helper program that performs one HTTP(S) fetch for
 * Signet (a CRL, an issuer certificate or an OCSP response).
 *
 * It runs in its own process so that the library never loads libsoup 3 into
 * a mail client (libsoup 3 aborts when libsoup 2 is already loaded) and so
 * that a crash or a hang in network code cannot take the client down.
 *
 * Usage:
 *
 *   signet-fetch --url URL --max-size BYTES --timeout SECONDS
 *                [--post-file PATH|- --content-type TYPE]
 *
 * Output: the body on stdout (only when the whole body arrived and was
 * accepted), a one-line JSON status as the last line of stderr and an exit
 * code per outcome; see lib/signet-fetch-protocol.h.
 *
 * Rules: only http and https URLs, also for every redirect target (redirects
 * are followed here, at most SIGNET_FETCH_MAX_REDIRECTS); an overall deadline
 * of --timeout seconds from the start (libsoup's own timeout applies to each
 * socket operation); the body is counted while it is read, after content
 * decoding, and a declared Content-Length over the cap is refused before
 * reading; any final status other than 200 is an error. Proxies come from
 * GIO's default proxy resolver (the desktop's proxy settings or the
 * http_proxy/https_proxy/no_proxy environment), as for any other GIO
 * program. No cookies, no cache, no credentials.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "signet-fetch-protocol.h"

#define READ_CHUNK 16384

typedef struct
{
  GMainLoop *loop;
  SoupSession *session;
  GCancellable *cancellable;
  gboolean deadline_hit;
  guint deadline_id;

  GUri *uri; /* of the request being sent */
  const char *method;
  GBytes *post_body;        /* nullable */
  const char *content_type; /* of the POST body */
  guint redirects;
  gint64 max_size;

  SoupMessage *msg;
  GInputStream *stream;
  GByteArray *body;

  /* outcome */
  int exit_code;
  const char *result;
  char *message;
  guint status;
  char *response_type;
} Fetch;

static void send_current (Fetch *f);

static GLogWriterOutput
quiet_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  /* Keep stderr parseable: log lines go before the status line, prefixed,
   * and only warnings and worse (set G_MESSAGES_DEBUG for more). */
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0 ||
      g_getenv ("G_MESSAGES_DEBUG") != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
          {
            fprintf (stderr, "signet-fetch: %s\n", (const char *) fields[i].value);
            break;
          }
    }
  return G_LOG_WRITER_HANDLED;
}

static void finish (Fetch *f, int exit_code, const char *result, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
finish (Fetch *f, int exit_code, const char *result, const char *format, ...)
{
  va_list args;

  if (f->result != NULL)
    return;
  f->exit_code = exit_code;
  f->result = result;
  if (format != NULL)
    {
      va_start (args, format);
      f->message = g_strdup_vprintf (format, args);
      va_end (args);
    }
  g_main_loop_quit (f->loop);
}

static gboolean
scheme_allowed (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

static void
finish_with_error (Fetch *f, const GError *error)
{
  if (f->deadline_hit)
    finish (f, SIGNET_FETCH_EXIT_TIMEOUT, SIGNET_FETCH_RESULT_TIMEOUT,
            "no complete answer within the time limit");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    finish (f, SIGNET_FETCH_EXIT_TIMEOUT, SIGNET_FETCH_RESULT_TIMEOUT, "%s", error->message);
  else
    finish (f, SIGNET_FETCH_EXIT_NETWORK, SIGNET_FETCH_RESULT_NETWORK, "%s", error->message);
}

static gboolean
on_deadline (gpointer user_data)
{
  Fetch *f = user_data;

  f->deadline_hit = TRUE;
  f->deadline_id = 0;
  g_cancellable_cancel (f->cancellable);
  /* Should a libsoup operation ignore the cancellation, end anyway. */
  finish (f, SIGNET_FETCH_EXIT_TIMEOUT, SIGNET_FETCH_RESULT_TIMEOUT,
          "no complete answer within the time limit");
  g_main_loop_quit (f->loop);
  return G_SOURCE_REMOVE;
}

static void
on_read (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Fetch *f = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (f->result != NULL)
    return;
  if (chunk == NULL)
    {
      finish_with_error (f, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      finish (f, SIGNET_FETCH_EXIT_OK, SIGNET_FETCH_RESULT_OK, NULL);
      return;
    }

  if ((gint64) (f->body->len + g_bytes_get_size (chunk)) > f->max_size)
    {
      finish (f, SIGNET_FETCH_EXIT_TOO_LARGE, SIGNET_FETCH_RESULT_TOO_LARGE,
              "the answer is larger than %" G_GINT64_FORMAT " bytes", f->max_size);
      return;
    }
  g_byte_array_append (f->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));

  g_input_stream_read_bytes_async (f->stream, READ_CHUNK, G_PRIORITY_DEFAULT, f->cancellable,
                                   on_read, f);
}

static gboolean
follow_redirect (Fetch *f, guint status)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (f->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) target = NULL;

  if (location == NULL)
    return FALSE; /* a 3xx without a target is an HTTP error */

  if (++f->redirects > SIGNET_FETCH_MAX_REDIRECTS)
    {
      finish (f, SIGNET_FETCH_EXIT_REDIRECTS, SIGNET_FETCH_RESULT_REDIRECTS,
              "more than %d redirects", SIGNET_FETCH_MAX_REDIRECTS);
      return TRUE;
    }

  if (strlen (location) > SIGNET_FETCH_MAX_URL_LENGTH)
    {
      finish (f, SIGNET_FETCH_EXIT_REDIRECTS, SIGNET_FETCH_RESULT_REDIRECTS,
              "the redirect target is too long");
      return TRUE;
    }

  target = g_uri_parse_relative (f->uri, location, SOUP_HTTP_URI_FLAGS, &error);
  if (target == NULL)
    {
      finish (f, SIGNET_FETCH_EXIT_REDIRECTS, SIGNET_FETCH_RESULT_REDIRECTS,
              "unusable redirect target: %s", error->message);
      return TRUE;
    }
  if (!scheme_allowed (target))
    {
      finish (f, SIGNET_FETCH_EXIT_BAD_SCHEME, SIGNET_FETCH_RESULT_BAD_SCHEME,
              "redirected to a URL that is not http or https: %s",
              g_uri_get_scheme (target) != NULL ? g_uri_get_scheme (target) : "(none)");
      return TRUE;
    }

  /* RFC 9110 15.4: 303 always, and 301/302 in practice, turn POST into GET;
   * 307 and 308 repeat the request as it was. */
  if (status == SOUP_STATUS_SEE_OTHER ||
      ((status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND) &&
       g_strcmp0 (f->method, "POST") == 0))
    {
      f->method = "GET";
      g_clear_pointer (&f->post_body, g_bytes_unref);
    }

  g_clear_object (&f->stream);
  g_clear_object (&f->msg);
  g_uri_unref (f->uri);
  f->uri = g_steal_pointer (&target);
  send_current (f);
  return TRUE;
}

static void
on_sent (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Fetch *f = user_data;
  g_autoptr (GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  f->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (f->result != NULL)
    return;
  if (f->stream == NULL)
    {
      finish_with_error (f, error);
      return;
    }

  status = soup_message_get_status (f->msg);
  f->status = status;
  headers = soup_message_get_response_headers (f->msg);

  if (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
      status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
      status == SOUP_STATUS_PERMANENT_REDIRECT)
    {
      if (follow_redirect (f, status))
        return;
    }

  if (status != SOUP_STATUS_OK)
    {
      const char *phrase = soup_message_get_reason_phrase (f->msg);

      finish (f, SIGNET_FETCH_EXIT_HTTP, SIGNET_FETCH_RESULT_HTTP, "HTTP %u%s%s", status,
              phrase != NULL && phrase[0] != '\0' ? " " : "", phrase != NULL ? phrase : "");
      return;
    }

  g_free (f->response_type);
  f->response_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > f->max_size)
    {
      finish (f, SIGNET_FETCH_EXIT_TOO_LARGE, SIGNET_FETCH_RESULT_TOO_LARGE,
              "the server announced %" G_GINT64_FORMAT " bytes, more than %" G_GINT64_FORMAT,
              soup_message_headers_get_content_length (headers), f->max_size);
      return;
    }

  g_input_stream_read_bytes_async (f->stream, READ_CHUNK, G_PRIORITY_DEFAULT, f->cancellable,
                                   on_read, f);
}

static void
send_current (Fetch *f)
{
  f->msg = soup_message_new_from_uri (f->method, f->uri);
  if (f->msg == NULL)
    {
      finish (f, SIGNET_FETCH_EXIT_BAD_SCHEME, SIGNET_FETCH_RESULT_BAD_SCHEME,
              "not a usable http or https URL");
      return;
    }
  soup_message_add_flags (f->msg, SOUP_MESSAGE_NO_REDIRECT);
  if (f->post_body != NULL)
    soup_message_set_request_body_from_bytes (f->msg, f->content_type, f->post_body);
  soup_session_send_async (f->session, f->msg, G_PRIORITY_DEFAULT, f->cancellable, on_sent, f);
}

static GBytes *
read_post_body (const char *path, GError **error)
{
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  int fd;

  if (g_strcmp0 (path, "-") != 0)
    {
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      if (len > SIGNET_FETCH_MAX_POST_SIZE)
        {
          g_free (contents);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "the POST body is larger than %d bytes", SIGNET_FETCH_MAX_POST_SIZE);
          return NULL;
        }
      return g_bytes_new_take (contents, len);
    }

  fd = STDIN_FILENO;
  for (;;)
    {
      guint8 chunk[4096];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "cannot read the POST body: %s", g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (buf->len + (gsize) n > SIGNET_FETCH_MAX_POST_SIZE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "the POST body is larger than %d bytes", SIGNET_FETCH_MAX_POST_SIZE);
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

static gboolean
write_all (int fd, const guint8 *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
print_status (Fetch *f)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "result");
  json_builder_add_string_value (builder, f->result);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, f->status);
  if (f->uri != NULL)
    {
      url = g_uri_to_string_partial (f->uri, G_URI_HIDE_PASSWORD);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
    }
  if (f->response_type != NULL)
    {
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, f->response_type);
    }
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, f->body != NULL ? f->body->len : 0);
  if (f->message != NULL)
    {
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, f->message);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
}

int
main (int argc, char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *post_file = NULL;
  g_autofree char *content_type = NULL;
  gint64 max_size = 0;
  int timeout = 0;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "The http or https URL to fetch", "URL" },
    { "max-size", 0, 0, G_OPTION_ARG_INT64, &max_size, "Largest accepted body", "BYTES" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Overall time limit", "SECONDS" },
    { "post-file", 0, 0, G_OPTION_ARG_FILENAME, &post_file,
      "POST this file ('-': standard input) instead of a GET", "PATH" },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &content_type, "Content-Type of the POST body",
      "TYPE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GCancellable) cancellable = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autofree char *user_agent = NULL;
  Fetch f = { 0 };

  g_log_set_writer_func (quiet_writer, NULL, NULL);

  context = g_option_context_new ("- fetch one http(s) resource for Signet");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      f.result = SIGNET_FETCH_RESULT_USAGE;
      f.message = g_strdup (error->message);
      print_status (&f);
      g_free (f.message);
      return SIGNET_FETCH_EXIT_USAGE;
    }

  if (url == NULL || max_size <= 0 || timeout <= 0 || timeout > SIGNET_FETCH_MAX_TIMEOUT ||
      (post_file != NULL) != (content_type != NULL) || argc > 1)
    {
      f.result = SIGNET_FETCH_RESULT_USAGE;
      f.message = g_strdup_printf ("usage: %s --url URL --max-size BYTES --timeout SECONDS "
                                   "(1..%d) [--post-file PATH|- --content-type TYPE]",
                                   g_get_prgname (), SIGNET_FETCH_MAX_TIMEOUT);
      print_status (&f);
      g_free (f.message);
      return SIGNET_FETCH_EXIT_USAGE;
    }

  if (strlen (url) > SIGNET_FETCH_MAX_URL_LENGTH ||
      (f.uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL)) == NULL || !scheme_allowed (f.uri))
    {
      f.result = SIGNET_FETCH_RESULT_BAD_SCHEME;
      f.message = g_strdup ("only http and https URLs are fetched");
      g_clear_pointer (&f.uri, g_uri_unref);
      print_status (&f);
      g_free (f.message);
      return SIGNET_FETCH_EXIT_BAD_SCHEME;
    }

  f.method = "GET";
  if (post_file != NULL)
    {
      f.post_body = read_post_body (post_file, &error);
      if (f.post_body == NULL)
        {
          f.result = SIGNET_FETCH_RESULT_USAGE;
          f.message = g_strdup (error->message);
          print_status (&f);
          g_free (f.message);
          g_uri_unref (f.uri);
          return SIGNET_FETCH_EXIT_USAGE;
        }
      f.method = "POST";
      f.content_type = content_type;
    }

  user_agent = g_strdup_printf ("Signet/%s", PACKAGE_VERSION);
  /* "timeout" bounds each socket operation; the deadline below bounds the
   * whole fetch. The default proxy resolver is used on purpose. */
  session =
      soup_session_new_with_options ("timeout", (guint) timeout, "idle-timeout", (guint) timeout,
                                     "user-agent", user_agent, "max-conns-per-host", 2, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();

  f.loop = loop;
  f.session = session;
  f.cancellable = cancellable;
  f.max_size = max_size;
  f.body = g_byte_array_new ();

  f.deadline_id = g_timeout_add ((guint) timeout * 1000, on_deadline, &f);
  send_current (&f);
  if (f.result == NULL)
    g_main_loop_run (loop);
  if (f.deadline_id != 0)
    g_source_remove (f.deadline_id);
  g_cancellable_cancel (cancellable);

  if (f.exit_code == SIGNET_FETCH_EXIT_OK && !write_all (STDOUT_FILENO, f.body->data, f.body->len))
    {
      f.exit_code = SIGNET_FETCH_EXIT_USAGE;
      f.result = SIGNET_FETCH_RESULT_USAGE;
      g_free (f.message);
      f.message = g_strdup_printf ("cannot write the body: %s", g_strerror (errno));
    }

  print_status (&f);

  g_clear_object (&f.stream);
  g_clear_object (&f.msg);
  g_clear_pointer (&f.uri, g_uri_unref);
  g_clear_pointer (&f.post_body, g_bytes_unref);
  g_byte_array_unref (f.body);
  g_free (f.message);
  g_free (f.response_type);
  return f.exit_code;
}
