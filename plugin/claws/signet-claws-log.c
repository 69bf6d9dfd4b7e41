/* signet-claws-log.c: the result log, a hook for tests and administrators.
 *
 * When SIGNET_CLAWS_RESULT_LOG names a file, every finished check appends
 * one JSON object on one line: what the plugin told Claws.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-claws.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "privacy.h"

static const char *
status_name (int status)
{
  switch (status)
    {
    case SIGNATURE_UNCHECKED:
      return "SIGNATURE_UNCHECKED";
    case SIGNATURE_OK:
      return "SIGNATURE_OK";
    case SIGNATURE_WARN:
      return "SIGNATURE_WARN";
    case SIGNATURE_KEY_EXPIRED:
      return "SIGNATURE_KEY_EXPIRED";
    case SIGNATURE_INVALID:
      return "SIGNATURE_INVALID";
    case SIGNATURE_CHECK_FAILED:
      return "SIGNATURE_CHECK_FAILED";
    case SIGNATURE_CHECK_TIMEOUT:
      return "SIGNATURE_CHECK_TIMEOUT";
    case SIGNATURE_CHECK_ERROR:
    default:
      return "SIGNATURE_CHECK_ERROR";
    }
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Lines wait for a low-priority idle, so that each is written after Claws
 * has put the result into the signature bar and GTK has drawn it: a
 * reader of the log then sees what is on screen. Main thread only. */
static GPtrArray *pending = NULL;
static guint pending_id = 0;

static void
write_line (const char *line)
{
  const char *path = g_getenv (SIGNET_CLAWS_ENV_RESULT_LOG);
  int fd;

  if (path == NULL || *path == '\0')
    return;
  fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_warning ("%s: cannot open %s: %s", SIGNET_CLAWS_ENV_RESULT_LOG, path, g_strerror (errno));
      return;
    }
  /* One write() to a file opened for appending: never half a line. */
  if (write (fd, line, strlen (line)) < 0)
    g_warning ("%s: cannot write %s: %s", SIGNET_CLAWS_ENV_RESULT_LOG, path, g_strerror (errno));
  close (fd);
}

/**
 * signet_claws_log_flush:
 *
 * Writes the lines still waiting; called when the plugin is unloaded.
 */
void
signet_claws_log_flush (void)
{
  g_clear_handle_id (&pending_id, g_source_remove);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    write_line (g_ptr_array_index (pending, i));
  g_clear_pointer (&pending, g_ptr_array_unref);
}

static gboolean
flush_idle (gpointer user_data)
{
  pending_id = 0;
  signet_claws_log_flush ();
  return G_SOURCE_REMOVE;
}

/**
 * signet_claws_log_result:
 * @source: (nullable): the file of the checked message
 * @part_path: (nullable): the path of the signed part in it
 * @result: what the plugin told Claws
 *
 * Appends one JSON line to the result log, if SIGNET_CLAWS_RESULT_LOG is
 * set: the Claws status, the Signet verdict, the signature bar line and
 * the full information, and the title and choice ids of the first trust
 * prompt shown in it.
 */
void
signet_claws_log_result (const char *source, const char *part_path, const SignetClawsResult *result)
{
  const char *path = g_getenv (SIGNET_CLAWS_ENV_RESULT_LOG);
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonGenerator) gen = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (path == NULL || *path == '\0')
    return;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "source", source);
  add_string (b, "part", part_path);
  add_string (b, "status", status_name (result->status));
  add_string (b, "verdict",
              result->status == SIGNATURE_CHECK_TIMEOUT
                  ? "timeout"
                  : signet_verdict_to_string (result->verdict));
  add_string (b, "summary", result->info_short);
  add_string (b, "full", result->info_full);
  add_string (b, "prompt", result->prompt_title);
  json_builder_set_member_name (b, "choices");
  json_builder_begin_array (b);
  for (guint i = 0; result->prompt_choices != NULL && result->prompt_choices[i] != NULL; i++)
    json_builder_add_string_value (b, result->prompt_choices[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);

  if (pending == NULL)
    pending = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (pending, g_strconcat (text, "\n", NULL));
  if (pending_id == 0)
    pending_id = g_idle_add_full (G_PRIORITY_LOW, flush_idle, NULL, NULL);
}
