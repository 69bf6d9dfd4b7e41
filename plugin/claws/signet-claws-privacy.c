/* signet-claws-privacy.c: Signet as a Claws Mail PrivacySystem.
 *
 * Claws asks every registered privacy system, in registration order,
 * whether a MIME part is signed; the first one that says yes owns the part
 * and later checks its signature. Signet claims the first part of a
 * multipart/signed with an application/(x-)pkcs7-signature protocol, and
 * application/(x-)pkcs7-mime signed-data. It does not encrypt or decrypt:
 * that stays with Claws' own S/MIME plugin.
 *
 * A check reads the bytes of the message the part belongs to (in a GIO
 * worker), hands them to signet_verifier_verify_async() (a worker thread
 * of the library) and reports back through the GTask Claws asked for, in
 * the main thread. The UI thread never waits for either. The report of
 * each finished check is kept (a few dozen, newest first) for the trust
 * window (signet-claws-window.c), which asks the report's questions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-claws.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "privacy.h"
#include "procmime.h"
#include "utils.h"

#include "signet-cms.h"
#include "signet-error.h"
#include "signet-limits.h"

/* PrivacyData for the parts Signet claims. */
typedef struct
{
  PrivacyData data;
  gboolean opaque;           /* an application/pkcs7-mime signed-data part */
  gboolean content_inserted; /* its content was added next to it */
  gboolean opaque_content;   /* this part is that content (see below) */
} SignetClawsPrivacyData;

static PrivacySystem signet_system;

static void
free_privacy_data (PrivacyData *data)
{
  g_free (data);
}

static gboolean
is_subtype (const MimeInfo *info, MimeMediaType type, const char *a, const char *b)
{
  return info->type == type && info->subtype != NULL &&
         (g_ascii_strcasecmp (info->subtype, a) == 0 || g_ascii_strcasecmp (info->subtype, b) == 0);
}

static gboolean
is_pkcs7_mime (const MimeInfo *info)
{
  return is_subtype (info, MIMETYPE_APPLICATION, "pkcs7-mime", "x-pkcs7-mime");
}

static gboolean
is_pkcs7_protocol (const char *protocol)
{
  return protocol != NULL && (g_ascii_strcasecmp (protocol, "application/pkcs7-signature") == 0 ||
                              g_ascii_strcasecmp (protocol, "application/x-pkcs7-signature") == 0);
}

static gboolean
is_ours (const MimeInfo *info)
{
  return info->privacy != NULL && info->privacy->system == &signet_system;
}

static SignetClawsPrivacyData *
our_data (const MimeInfo *info)
{
  return is_ours (info) ? (SignetClawsPrivacyData *) info->privacy : NULL;
}

static SignetClawsPrivacyData *
new_privacy_data (void)
{
  SignetClawsPrivacyData *data = g_new0 (SignetClawsPrivacyData, 1);

  data->data.system = &signet_system;
  return data;
}

/* The content Signet added for an opaque part (see
 * opaque_insert_content()). */
static gboolean
is_opaque_content (const MimeInfo *info)
{
  SignetClawsPrivacyData *data = our_data (info);

  return data != NULL && data->opaque_content;
}

/* For that content: the opaque part, its next sibling. */
static MimeInfo *
opaque_part_of_content (MimeInfo *content)
{
  GNode *next = content->node->next;
  SignetClawsPrivacyData *data = next != NULL ? our_data (next->data) : NULL;

  return data != NULL && data->opaque ? next->data : NULL;
}

/* The transfer-decoded body of a leaf part, read straight from its file
 * (is_signed() must answer at once, so this is synchronous; the part is a
 * CMS blob, bounded by SIGNET_MAX_MESSAGE_SIZE). */
static GBytes *
read_part_body (MimeInfo *info)
{
  g_autoptr (GMappedFile) mapped = NULL;
  const char *data;
  gsize size;

  if (info->content != MIMECONTENT_FILE || info->data.filename == NULL ||
      info->length > SIGNET_MAX_MESSAGE_SIZE)
    return NULL;
  mapped = g_mapped_file_new (info->data.filename, FALSE, NULL);
  if (mapped == NULL)
    return NULL;
  data = g_mapped_file_get_contents (mapped);
  size = g_mapped_file_get_length (mapped);
  if ((gsize) info->offset > size || (gsize) info->length > size - info->offset)
    return NULL;
  data += info->offset;

  switch (info->encoding_type)
    {
    case ENC_BASE64:
      {
        /* g_base64_decode() skips line breaks and other non-alphabet bytes. */
        g_autofree char *text = g_strndup (data, info->length);
        gsize n = 0;
        guchar *raw = g_base64_decode (text, &n);

        return g_bytes_new_take (raw, n);
      }
    case ENC_7BIT:
    case ENC_8BIT:
    case ENC_BINARY:
    case ENC_UNKNOWN:
      return g_bytes_new (data, info->length);
    default:
      return NULL;
    }
}

/* Opaque signed-data carries the signed MIME entity inside the CMS. So that
 * Claws shows the message, the entity is parsed (not verified: that
 * happens later, in a worker) and inserted just before the pkcs7-mime part,
 * where Claws' text view shows it. The entity is claimed as signed too, so
 * that the signature bar appears for it; its check is the opaque part's.
 * Returns whether the part is signed-data that parses. */
static gboolean
opaque_insert_content (MimeInfo *info, SignetClawsPrivacyData *data, GBytes *der)
{
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL;
  MimeInfo *parent = procmime_mimeinfo_parent (info);
  MimeInfo *scanned;
  MimeInfo *entity;
  GBytes *content;

  cms = signet_cms_new (der, &error);
  if (cms == NULL)
    {
      g_debug ("Opaque S/MIME part does not parse: %s", error->message);
      return FALSE;
    }
  content = signet_cms_get_content (cms);
  if (data->content_inserted || content == NULL || parent == NULL)
    return TRUE;
  data->content_inserted = TRUE;

  tmp = get_tmp_file ();
  if (!g_file_set_contents (tmp, g_bytes_get_data (content, NULL),
                            (gssize) g_bytes_get_size (content), &error))
    {
      g_warning ("Cannot write the signed content: %s", error->message);
      return TRUE;
    }
  scanned = procmime_scan_file (tmp);
  entity =
      scanned != NULL && scanned->node->children != NULL ? scanned->node->children->data : NULL;
  if (entity == NULL)
    {
      if (scanned != NULL)
        procmime_mimeinfo_free_all (&scanned);
      g_unlink (tmp);
      return TRUE;
    }
  g_node_unlink (entity->node);
  procmime_mimeinfo_free_all (&scanned);
  entity->tmp = TRUE; /* Claws deletes the file with the part */
  entity->privacy = (PrivacyData *) new_privacy_data ();
  ((SignetClawsPrivacyData *) entity->privacy)->opaque_content = TRUE;
  g_node_insert_before (parent->node, info->node, entity->node);
  return TRUE;
}

static gboolean
opaque_is_signed (MimeInfo *info)
{
  const char *smime_type = procmime_mimeinfo_get_parameter (info, "smime-type");
  g_autoptr (GBytes) der = NULL;

  if (smime_type != NULL && g_ascii_strcasecmp (smime_type, "signed-data") != 0)
    return FALSE;
  der = read_part_body (info);
  if (der == NULL)
    return FALSE;
  /* Without smime-type (name=smime.p7m only): the ContentInfo tells. */
  if (smime_type == NULL && signet_cms_sniff_type (der) != SIGNET_CMS_SIGNED_DATA)
    return FALSE;
  return TRUE;
}

static gboolean
signet_is_signed (MimeInfo *info)
{
  SignetClawsPrivacyData *data;
  MimeInfo *parent;

  g_return_val_if_fail (info != NULL, FALSE);

  if (is_ours (info))
    return TRUE;
  if (info->privacy != NULL)
    return FALSE;

  if (is_pkcs7_mime (info))
    {
      g_autoptr (GBytes) der = NULL;

      if (!opaque_is_signed (info))
        return FALSE;
      der = read_part_body (info);
      data = new_privacy_data ();
      data->opaque = TRUE;
      if (!opaque_insert_content (info, data, der))
        {
          g_free (data);
          return FALSE;
        }
      info->privacy = (PrivacyData *) data;
      return TRUE;
    }

  /* The first part of a pkcs7 multipart/signed. A missing or broken
   * signature part is claimed too: Signet then says what is wrong. */
  parent = procmime_mimeinfo_parent (info);
  if (parent == NULL || !is_subtype (parent, MIMETYPE_MULTIPART, "signed", "signed") ||
      parent->node->children == NULL || parent->node->children->data != info ||
      !is_pkcs7_protocol (procmime_mimeinfo_get_parameter (parent, "protocol")))
    return FALSE;

  info->privacy = (PrivacyData *) new_privacy_data ();
  return TRUE;
}

/* Where a signed part sits: the message it belongs to (the innermost
 * message/rfc822, or the mail itself) and the part's path inside that
 * message in Signet's notation ("1", "1.2", "1/signed-data/1"). */
typedef struct
{
  char *filename;
  guint offset;
  guint length;
  char *path;
} SignedSource;

static void
signed_source_clear (SignedSource *source)
{
  g_clear_pointer (&source->filename, g_free);
  g_clear_pointer (&source->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SignedSource, signed_source_clear)

/* The position of @node among its siblings, 1-based, not counting the
 * content Signet inserted for opaque parts. */
static int
part_number (MimeInfo *node)
{
  int number = 1;

  for (GNode *n = node->node->prev; n != NULL; n = n->prev)
    if (!is_opaque_content (n->data))
      number++;
  return number;
}

static gboolean
locate_signed_part (MimeInfo *part, SignedSource *source, GError **error)
{
  g_autoptr (GPtrArray) same_file = g_ptr_array_new ();
  g_autoptr (GString) path = g_string_new (NULL);
  MimeInfo *node = part;
  MimeInfo *message = NULL;

  while (node != NULL && message == NULL)
    {
      MimeInfo *parent = procmime_mimeinfo_parent (node);
      g_autofree char *step = NULL;

      if (is_opaque_content (node))
        {
          /* Inside the content of an opaque part: Signet's path goes
           * through the signed-data; the content has a file of its own. */
          g_string_prepend (path, "/signed-data/1");
          g_ptr_array_set_size (same_file, 0);
          node = opaque_part_of_content (node);
          continue;
        }
      if (parent == NULL)
        break;
      if (parent->type == MIMETYPE_MESSAGE && g_ascii_strcasecmp (parent->subtype, "rfc822") == 0)
        {
          step = g_strdup ("1");
          message = parent;
        }
      else if (parent->type == MIMETYPE_MULTIPART)
        {
          step = g_strdup_printf (".%d", part_number (node));
        }
      else
        {
          break;
        }
      g_ptr_array_add (same_file, node);
      g_string_prepend (path, step);
      node = parent;
    }

  if (message == NULL || message->content != MIMECONTENT_FILE || message->data.filename == NULL ||
      (procmime_mimeinfo_parent (message) != NULL && message->encoding_type != ENC_7BIT &&
       message->encoding_type != ENC_8BIT && message->encoding_type != ENC_BINARY &&
       message->encoding_type != ENC_UNKNOWN))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The signed part is not stored in a message file");
      return FALSE;
    }
  /* A part Claws replaced (a decrypted one) lives in another file: the
   * message file does not hold it. */
  for (guint i = 0; i < same_file->len; i++)
    {
      MimeInfo *info = g_ptr_array_index (same_file, i);

      if (info->content != MIMECONTENT_FILE ||
          g_strcmp0 (info->data.filename, message->data.filename) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "The signed part is not in the message file (decrypted content)");
          return FALSE;
        }
    }
  if (message->length > SIGNET_MAX_MESSAGE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "The message is larger than %d MiB", SIGNET_MAX_MESSAGE_SIZE / (1024 * 1024));
      return FALSE;
    }
  source->filename = g_strdup (message->data.filename);
  source->offset = message->offset;
  source->length = message->length;
  source->path = g_string_free (g_steal_pointer (&path), FALSE);
  return TRUE;
}

/* The part whose signature is checked: the multipart/signed, or the
 * opaque pkcs7-mime part itself. */
static MimeInfo *
signed_part_of (MimeInfo *claimed)
{
  SignetClawsPrivacyData *data = our_data (claimed);

  if (data->opaque)
    return claimed;
  if (data->opaque_content)
    return opaque_part_of_content (claimed);
  return procmime_mimeinfo_parent (claimed);
}

static GBytes *
slice_message (GBytes *file, const SignedSource *source, GError **error)
{
  gsize size = g_bytes_get_size (file);

  if ((gsize) source->offset > size || (gsize) source->length > size - source->offset)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s changed while it was read",
                   source->filename);
      return NULL;
    }
  return g_bytes_new_from_bytes (file, source->offset, source->length);
}

/* The reports of the last checks, so that the trust window can ask their
 * questions: most recent first, at most SIGNET_CLAWS_CACHE_SIZE. Keyed
 * by signed_source_key(). Main thread only. */
#define SIGNET_CLAWS_CACHE_SIZE 32

typedef struct
{
  char *key;
  SignetReport *report;
} CachedReport;

static GQueue report_cache = G_QUEUE_INIT;
static gboolean registered = FALSE; /* checks finishing after unload keep nothing */

static void
cached_report_free (gpointer data)
{
  CachedReport *cached = data;

  g_free (cached->key);
  g_clear_object (&cached->report);
  g_free (cached);
}

static char *
signed_source_key (const SignedSource *source)
{
  return g_strdup_printf ("%s\n%u\n%u\n%s", source->filename, source->offset, source->length,
                          source->path);
}

static GList *
cache_find (const char *key)
{
  for (GList *l = report_cache.head; l != NULL; l = l->next)
    if (g_str_equal (((CachedReport *) l->data)->key, key))
      return l;
  return NULL;
}

/**
 * signet_claws_privacy_forget:
 * @key: a #SignetClawsShown key
 *
 * Drops the cached report of that part (before it is checked again).
 */
void
signet_claws_privacy_forget (const char *key)
{
  GList *link = cache_find (key);

  if (link == NULL)
    return;
  cached_report_free (link->data);
  g_queue_delete_link (&report_cache, link);
}

/**
 * signet_claws_privacy_forget_all:
 *
 * Drops every cached report (when the plugin is unloaded).
 */
void
signet_claws_privacy_forget_all (void)
{
  g_queue_clear_full (&report_cache, cached_report_free);
}

/* Keeps @report (or forgets the part's report when there is none). */
static void
cache_report (const SignedSource *source, SignetReport *report)
{
  g_autofree char *key = signed_source_key (source);
  CachedReport *cached;

  signet_claws_privacy_forget (key);
  if (report == NULL || !registered)
    return;
  cached = g_new0 (CachedReport, 1);
  cached->key = g_steal_pointer (&key);
  cached->report = g_object_ref (report);
  g_queue_push_head (&report_cache, cached);
  while (report_cache.length > SIGNET_CLAWS_CACHE_SIZE)
    cached_report_free (g_queue_pop_tail (&report_cache));
}

void
signet_claws_shown_free (SignetClawsShown *shown)
{
  if (shown == NULL)
    return;
  g_free (shown->key);
  g_free (shown->part_path);
  g_clear_object (&shown->report);
  g_free (shown);
}

static gboolean
collect_claimed (GNode *node, gpointer user_data)
{
  if (node->data != NULL && is_ours (node->data))
    g_ptr_array_add (user_data, node->data);
  return FALSE;
}

/**
 * signet_claws_privacy_find_shown:
 * @root: (nullable): the MIME tree of the message Claws shows
 *
 * Returns: (transfer full) (element-type SignetClawsShown): the signed
 *   parts of @root that Signet checks, in tree order, each with the report
 *   of its last finished check
 */
GPtrArray *
signet_claws_privacy_find_shown (MimeInfo *root)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_claws_shown_free);
  g_autoptr (GPtrArray) claimed = g_ptr_array_new ();

  if (root == NULL || root->node == NULL)
    return shown;
  /* Pre-order: a part before its children. */
  g_node_traverse (root->node, G_PRE_ORDER, G_TRAVERSE_ALL, -1, collect_claimed, claimed);

  for (guint i = 0; i < claimed->len; i++)
    {
      g_auto (SignedSource) source = { NULL, 0, 0, NULL };
      MimeInfo *part = signed_part_of (g_ptr_array_index (claimed, i));
      g_autofree char *key = NULL;
      SignetClawsShown *entry;
      GList *cached;
      gboolean seen = FALSE;

      if (part == NULL || !locate_signed_part (part, &source, NULL))
        continue;
      key = signed_source_key (&source);
      /* An opaque part and the content inserted for it are one check. */
      for (guint j = 0; j < shown->len && !seen; j++)
        seen = g_str_equal (((SignetClawsShown *) g_ptr_array_index (shown, j))->key, key);
      if (seen)
        continue;
      entry = g_new0 (SignetClawsShown, 1);
      cached = cache_find (key);
      entry->key = g_steal_pointer (&key);
      entry->part_path = g_strdup (source.path);
      entry->report =
          cached != NULL ? g_object_ref (((CachedReport *) cached->data)->report) : NULL;
      g_ptr_array_add (shown, entry);
    }
  return shown;
}

static SignetClawsResult *
result_for (SignetReport *report, const GError *error, const char *path)
{
  return report != NULL ? signet_claws_format_report (report, path)
                        : signet_claws_format_error (error);
}

static SignatureData *
signature_data_from (SignetClawsResult *result)
{
  SignatureData *sig_data = g_new0 (SignatureData, 1);

  sig_data->status = (SignatureStatus) result->status;
  sig_data->info_short = g_steal_pointer (&result->info_short);
  sig_data->info_full = g_steal_pointer (&result->info_full);
  return sig_data;
}

/* One asynchronous check, reference-counted: the running operation, the
 * cancellation handler and a pending cancellation idle each hold a
 * reference. It holds no pointer into Claws' MIME tree: the message view
 * may drop the tree while the check runs. Used in the main thread only. */
typedef struct
{
  GTask *task; /* Claws' task: SigCheckTaskResult */
  SignedSource source;
  GCancellable *cancellable;
  gulong cancelled_id;
  gboolean finished;
} SignetCheck;

static void
signet_check_clear (gpointer data)
{
  SignetCheck *check = data;

  g_clear_object (&check->cancellable);
  signed_source_clear (&check->source);
  g_clear_object (&check->task);
}

static SignetCheck *
signet_check_ref (SignetCheck *check)
{
  return g_rc_box_acquire (check);
}

static void
signet_check_unref (gpointer check)
{
  g_rc_box_release_full (check, signet_check_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetCheck, signet_check_unref)

/* Finishes Claws' task once; whichever of a result and a cancellation
 * comes later is dropped. */
static void
signet_check_finish (SignetCheck *check, SignetReport *report, const GError *error)
{
  g_autoptr (SignetClawsResult) result = NULL;
  SigCheckTaskResult *task_result;

  if (check->finished)
    return;
  check->finished = TRUE;
  if (check->cancelled_id != 0)
    {
      /* Drops the handler's reference; never called from the handler. */
      g_cancellable_disconnect (check->cancellable, check->cancelled_id);
      check->cancelled_id = 0;
    }

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Claws cancels after its timeout and then shows "timeout" itself. */
      SignetClawsResult timeout = { SIGNATURE_CHECK_TIMEOUT, SIGNET_VERDICT_ERROR, NULL, NULL };

      signet_claws_log_result (check->source.filename, check->source.path, &timeout);
      g_task_return_error (check->task, g_error_copy (error));
      return;
    }
  result = result_for (report, error, check->source.path);
  cache_report (&check->source, report);
  /* The trust window asks anew; before the log line is written (both
   * wait for the same idle priority), so that a reader of the log finds
   * the window up to date. */
  signet_claws_window_refresh ();
  signet_claws_log_result (check->source.filename, check->source.path, result);
  task_result = g_new0 (SigCheckTaskResult, 1);
  task_result->sig_data = signature_data_from (result);
  g_task_return_pointer (check->task, task_result, privacy_free_sig_check_task_result);
}

static void
check_verified_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (SignetCheck) check = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetReport) report = NULL;

  report = signet_verifier_verify_finish (SIGNET_VERIFIER (source), res, &error);
  signet_check_finish (check, report, error);
}

static void
check_loaded_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (SignetCheck) check = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) message = NULL;
  GCancellable *cancellable;
  char *contents = NULL;
  gsize length = 0;

  if (g_file_load_contents_finish (G_FILE (source), res, &contents, &length, NULL, &error))
    {
      g_autoptr (GBytes) file = g_bytes_new_take (contents, length);

      message = slice_message (file, &check->source, &error);
    }
  if (check->finished)
    return;
  if (message == NULL || signet_claws_get_verifier () == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "The plugin is unloaded");
      signet_check_finish (check, NULL, error);
      return;
    }
  cancellable = check->cancellable;
  signet_verifier_verify_async (signet_claws_get_verifier (), message, cancellable,
                                check_verified_cb, g_steal_pointer (&check));
}

static gboolean
check_cancelled_idle (gpointer user_data)
{
  SignetCheck *check = user_data;
  g_autoptr (GError) error =
      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The signature check was cancelled");

  /* Answer Claws now, even if a worker still runs; its result is dropped. */
  signet_check_finish (check, NULL, error);
  return G_SOURCE_REMOVE;
}

static void
check_cancelled_cb (GCancellable *cancellable, gpointer user_data)
{
  /* Runs in the thread that cancelled, inside g_cancellable_cancel():
   * answer from the main loop instead. */
  g_idle_add_full (G_PRIORITY_DEFAULT, check_cancelled_idle, signet_check_ref (user_data),
                   signet_check_unref);
}

static gint
check_sync (MimeInfo *claimed, const SignedSource *source)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetClawsResult) result = NULL;
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (source->filename, FALSE, &error);

  if (mapped != NULL && signet_claws_get_verifier () != NULL)
    {
      g_autoptr (GBytes) file = g_mapped_file_get_bytes (mapped);
      g_autoptr (GBytes) message = slice_message (file, source, &error);

      if (message != NULL)
        report = signet_verifier_verify_bytes (signet_claws_get_verifier (), message, NULL, &error);
    }
  result = result_for (report, error, source->path);
  cache_report (source, report);
  signet_claws_window_refresh ();
  signet_claws_log_result (source->filename, source->path, result);
  if (claimed->sig_data != NULL)
    privacy_free_signature_data (claimed->sig_data);
  claimed->sig_data = signature_data_from (result);
  return 1;
}

static gint
signet_check_signature (MimeInfo *claimed,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_auto (SignedSource) source = { NULL, 0, 0, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  SignetCheck *check;
  MimeInfo *part;

  g_return_val_if_fail (claimed != NULL && is_ours (claimed), -1);

  part = signed_part_of (claimed);
  if (part == NULL || !locate_signed_part (part, &source, &error))
    {
      SignetClawsResult failed = { SIGNATURE_CHECK_ERROR, SIGNET_VERDICT_ERROR, NULL, NULL };

      g_debug ("Not checking the signature: %s",
               error ? error->message : "the signed part is gone");
      signet_claws_log_result (NULL, NULL, &failed);
      return -1;
    }

  /* Without a callback the caller waits for the answer. */
  if (callback == NULL)
    return check_sync (claimed, &source);

  check = g_rc_box_new0 (SignetCheck);
  check->source = source;
  source.filename = NULL;
  source.path = NULL;
  check->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  check->task = g_task_new (NULL, check->cancellable, callback, user_data);
  g_task_set_source_tag (check->task, signet_check_signature);
  g_task_set_name (check->task, "[signet] claws signature check");
  /* Claws keeps only the newest task of a part and drops the others. */
  claimed->last_sig_check_task = check->task;

  check->cancelled_id = g_cancellable_connect (check->cancellable, G_CALLBACK (check_cancelled_cb),
                                               signet_check_ref (check), signet_check_unref);
  file = g_file_new_for_path (check->source.filename);
  /* The operation's reference goes to the callbacks. */
  g_file_load_contents_async (file, check->cancellable, check_loaded_cb, check);
  return 0;
}

static gboolean
signet_auto_check_signatures (void)
{
  /* Checking is local and quick; it reaches the network only as the
   * verifier is configured to. */
  return TRUE;
}

void
signet_claws_privacy_register (void)
{
  signet_system.id = (char *) SIGNET_CLAWS_PRIVACY_ID;
  signet_system.name = (char *) _ ("S/MIME (Signet)");
  signet_system.free_privacydata = free_privacy_data;
  signet_system.is_signed = signet_is_signed;
  signet_system.check_signature = signet_check_signature;
  signet_system.is_encrypted = NULL;
  signet_system.decrypt = NULL;
  signet_system.can_sign = FALSE;
  signet_system.can_encrypt = FALSE;
  signet_system.auto_check_signatures = signet_auto_check_signatures;
  privacy_register_system (&signet_system);
  registered = TRUE;
}

void
signet_claws_privacy_unregister (void)
{
  registered = FALSE;
  privacy_unregister_system (&signet_system);
}
