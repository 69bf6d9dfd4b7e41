/* signet-evolution-parser.c: runs Signet on S/MIME signed parts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-evolution-parser.h"

#include <em-format/e-mail-parser.h>
#include <em-format/e-mail-part-list.h>
#include <libedataserver/libedataserver.h>

#include "signet-evolution-checker.h"
#include "signet-evolution-part.h"

/**
 * SignetEvolutionParser:
 *
 * An #EMailParserExtension for `multipart/signed` (S/MIME protocol) and
 * `application/(x-)pkcs7-mime`, tried before Evolution's own parsers for
 * these types. In the parser's worker thread it:
 *
 * 1. serialises the enclosing message exactly as Camel holds it (Camel
 *    keeps the raw bytes of a signed part's content, so the signed bytes
 *    are unchanged) and verifies it with the Signet core;
 * 2. runs the remaining parsers for the type itself, so Evolution's own
 *    verification, its parts and its secure button are kept;
 * 3. gives its own #SignetEvolutionPart the S/MIME validity Evolution
 *    found, so the headers still say "S/MIME signed", and puts it first.
 *
 * Messages without a signature Signet can check (encrypted-only, certs-only
 * or PGP) are left to Evolution alone.
 */
struct _SignetEvolutionParser
{
  EMailParserExtension parent_instance;
};

G_DEFINE_DYNAMIC_TYPE_EXTENDED (SignetEvolutionParser,
                                signet_evolution_parser,
                                E_TYPE_MAIL_PARSER_EXTENSION,
                                G_TYPE_FLAG_FINAL,
                                {})

static const char *parser_mime_types[] = {
  "multipart/signed",
  "application/pkcs7-mime",
  "application/x-pkcs7-mime",
  NULL,
};

static gboolean
is_smime_signed (CamelMimePart *mime_part)
{
  CamelContentType *ct = camel_mime_part_get_content_type (mime_part);
  const char *param;

  if (ct == NULL)
    return FALSE;
  if (camel_content_type_is (ct, "multipart", "signed"))
    {
      param = camel_content_type_param (ct, "protocol");
      return param != NULL && (g_ascii_strcasecmp (param, "application/pkcs7-signature") == 0 ||
                               g_ascii_strcasecmp (param, "application/x-pkcs7-signature") == 0);
    }
  /* Opaque signed-data; without smime-type Signet tells the kinds apart. */
  param = camel_content_type_param (ct, "smime-type");
  return param == NULL || g_ascii_strcasecmp (param, "signed-data") == 0;
}

static GBytes *
serialise (CamelDataWrapper *wrapper, GByteArray *prefix, GCancellable *cancellable, GError **error)
{
  g_autoptr (CamelStream) stream = NULL;
  GByteArray *buffer = prefix != NULL ? prefix : g_byte_array_new ();

  /* The stream owns @buffer from here on. */
  stream = camel_stream_mem_new_with_byte_array (buffer);
  if (camel_data_wrapper_write_to_stream_sync (wrapper, stream, cancellable, error) < 0)
    return NULL;
  return g_bytes_new (buffer->data, buffer->len);
}

/* The message's own header lines other than the MIME ones, so that a signed
 * part nested in a multipart can be checked against its message's From. */
static GByteArray *
outer_headers (CamelMimeMessage *message)
{
  CamelNameValueArray *headers = camel_medium_dup_headers (CAMEL_MEDIUM (message));
  GByteArray *buffer = g_byte_array_new ();
  guint n = headers != NULL ? camel_name_value_array_get_length (headers) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *name = NULL;
      const char *value = NULL;
      g_autofree char *line = NULL;

      if (!camel_name_value_array_get (headers, i, &name, &value) || name == NULL ||
          g_ascii_strncasecmp (name, "Content-", 8) == 0 ||
          g_ascii_strcasecmp (name, "MIME-Version") == 0)
        continue;
      line = g_strdup_printf ("%s:%s%s\n", name, value != NULL && *value == ' ' ? "" : " ",
                              value != NULL ? value : "");
      g_byte_array_append (buffer, (const guint8 *) line, strlen (line));
    }
  g_byte_array_append (buffer, (const guint8 *) "MIME-Version: 1.0\n", 18);
  camel_name_value_array_free (headers);
  return buffer;
}

/* The bytes Signet checks and the message they belong to. */
static GBytes *
enclosing_message_bytes (EMailParser *parser,
                         CamelMimePart *mime_part,
                         GCancellable *cancellable,
                         CamelMimeMessage **out_message,
                         GError **error)
{
  g_autoptr (EMailPartList) part_list = NULL;
  CamelMimeMessage *message;

  *out_message = NULL;
  if (CAMEL_IS_MIME_MESSAGE (mime_part))
    {
      *out_message = g_object_ref (CAMEL_MIME_MESSAGE (mime_part));
      return serialise (CAMEL_DATA_WRAPPER (mime_part), NULL, cancellable, error);
    }

  /* A part inside the message (or inside a decrypted envelope): the part
   * itself, under its message's headers. */
  part_list = e_mail_parser_ref_part_list_for_operation (parser, cancellable);
  message = part_list != NULL ? e_mail_part_list_get_message (part_list) : NULL;
  if (message != NULL)
    *out_message = g_object_ref (message);
  return serialise (CAMEL_DATA_WRAPPER (mime_part), message ? outer_headers (message) : NULL,
                    cancellable, error);
}

/* Evolution's own parsers for the type, into @work; TRUE when one took it. */
static gboolean
run_other_parsers (EMailParserExtension *self,
                   EMailParser *parser,
                   CamelMimePart *mime_part,
                   GString *part_id,
                   GCancellable *cancellable,
                   GQueue *work)
{
  GQueue *parsers = e_mail_parser_get_parsers_for_part (parser, mime_part);

  for (GList *link = parsers != NULL ? g_queue_peek_head_link (parsers) : NULL; link != NULL;
       link = link->next)
    {
      EMailParserExtension *other = link->data;

      if (other == self || SIGNET_IS_EVOLUTION_PARSER (other))
        continue;
      if (e_mail_parser_extension_parse (other, parser, mime_part, part_id, cancellable, work))
        return TRUE;
    }
  return FALSE;
}

static void
copy_smime_validity (EMailPart *target, GQueue *parts)
{
  for (GList *link = g_queue_peek_head_link (parts); link != NULL; link = link->next)
    {
      EMailPart *part = link->data;
      gboolean copied = FALSE;

      for (GList *v = g_queue_peek_head_link (&part->validities); v != NULL; v = v->next)
        {
          EMailPartValidityPair *pair = v->data;

          if (pair != NULL && pair->validity != NULL &&
              (pair->validity_type & E_MAIL_PART_VALIDITY_SMIME) != 0)
            {
              e_mail_part_update_validity (target, pair->validity, pair->validity_type);
              copied = TRUE;
            }
        }
      if (copied)
        return;
    }
}

/* Signet also reports the signatures of messages attached to @full's
 * message ("…/message/…" part paths). Evolution parses those attached
 * messages on their own and each gets its own box, so keep only the
 * signatures of the message itself. */
static SignetReport *
own_signatures (SignetReport *full)
{
  GPtrArray *signatures = signet_report_get_signatures (full);
  GPtrArray *parts = signet_report_get_parts (full);
  SignetReport *own;
  gboolean nested = FALSE;

  for (guint i = 0; i < signatures->len && !nested; i++)
    nested =
        strstr (signet_signature_get_part (g_ptr_array_index (signatures, i)), "/message/") != NULL;
  if (!nested)
    return g_object_ref (full);

  own = signet_report_new ();
  for (guint i = 0; i < parts->len; i++)
    {
      SignetSmimePart *part = g_ptr_array_index (parts, i);

      if (strstr (signet_smime_part_get_path (part), "/message/") == NULL)
        signet_report_add_part (own, part);
    }
  for (guint i = 0; i < signatures->len; i++)
    {
      SignetSignature *sig = g_ptr_array_index (signatures, i);

      if (strstr (signet_signature_get_part (sig), "/message/") == NULL)
        signet_report_add_signature (own, sig);
    }
  return own;
}

static gboolean
signet_evolution_parser_parse (EMailParserExtension *extension,
                               EMailParser *parser,
                               CamelMimePart *mime_part,
                               GString *part_id,
                               GCancellable *cancellable,
                               GQueue *out_mail_parts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (CamelMimeMessage) message = NULL;
  g_autoptr (SignetReport) full = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (EMailPart) signet_part = NULL;
  g_autofree char *id = NULL;
  GQueue work = G_QUEUE_INIT;
  CamelSession *session;
  gboolean handled;
  gboolean online = FALSE;
  guint generation = 0;

  if (!is_smime_signed (mime_part))
    return FALSE;

  bytes = enclosing_message_bytes (parser, mime_part, cancellable, &message, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return FALSE;
      report = signet_report_new_for_error (error);
    }
  else
    {
      session = e_mail_parser_get_session (parser);
      online = session == NULL || camel_session_get_online (session);
      full = signet_evolution_checker_verify (signet_evolution_checker_get_default (), bytes,
                                              online, cancellable, &generation);
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      report = own_signatures (full);
    }

  /* Nothing signed for Signet to speak about: Evolution alone. */
  if (signet_report_get_error (report) == NULL && signet_report_get_signatures (report)->len == 0)
    return FALSE;

  id = g_strconcat (part_id->str, ".signet", NULL);
  if (bytes == NULL)
    bytes = g_bytes_new (NULL, 0);
  signet_part =
      signet_evolution_part_new (mime_part, id, report, generation, bytes, online,
                                 message ? camel_mime_message_get_message_id (message) : NULL,
                                 message ? camel_mime_message_get_subject (message) : NULL);

  handled = run_other_parsers (extension, parser, mime_part, part_id, cancellable, &work);
  copy_smime_validity (signet_part, &work);

  g_queue_push_tail (out_mail_parts, g_steal_pointer (&signet_part));
  e_queue_transfer (&work, out_mail_parts);

  /* When no other parser took the part, the generic fallback runs next. */
  return handled;
}

/**
 * signet_evolution_parser_refresh_part:
 * @part: a part the parser made
 * @allow_online: whether the check may use the network (when the first
 *   one could)
 * @cancellable: (nullable): a #GCancellable
 *
 * Checks @part's bytes again when its report was made before the latest
 * trust decision (see signet_evolution_checker_get_generation()), and
 * gives @part the new report. Blocks for the check.
 *
 * Returns: whether the report was made again
 */
gboolean
signet_evolution_parser_refresh_part (SignetEvolutionPart *part,
                                      gboolean allow_online,
                                      GCancellable *cancellable)
{
  SignetEvolutionChecker *checker = signet_evolution_checker_get_default ();
  GBytes *checked;
  g_autoptr (SignetReport) old = NULL;
  g_autoptr (SignetReport) full = NULL;
  g_autoptr (SignetReport) report = NULL;
  guint had = 0;
  guint generation = 0;

  g_return_val_if_fail (SIGNET_IS_EVOLUTION_PART (part), FALSE);

  old = signet_evolution_part_dup_report (part, &had);
  checked = signet_evolution_part_get_checked (part);
  if (had == signet_evolution_checker_get_generation (checker) || g_bytes_get_size (checked) == 0)
    return FALSE;

  full = signet_evolution_checker_verify (checker, checked,
                                          allow_online && signet_evolution_part_get_online (part),
                                          cancellable, &generation);
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  report = own_signatures (full);
  signet_evolution_part_set_report (part, report, generation);
  return TRUE;
}

static void
signet_evolution_parser_class_init (SignetEvolutionParserClass *klass)
{
  EMailParserExtensionClass *extension_class = E_MAIL_PARSER_EXTENSION_CLASS (klass);

  extension_class->mime_types = parser_mime_types;
  extension_class->priority = G_PRIORITY_DEFAULT; /* before Evolution's G_PRIORITY_LOW ones */
  extension_class->flags = E_MAIL_PARSER_EXTENSION_INLINE;
  extension_class->parse = signet_evolution_parser_parse;
}

static void
signet_evolution_parser_class_finalize (SignetEvolutionParserClass *klass)
{
}

static void
signet_evolution_parser_init (SignetEvolutionParser *self)
{
}

/**
 * signet_evolution_parser_type_register:
 * @type_module: the module
 *
 * Registers the type with @type_module (from e_module_load()).
 */
void
signet_evolution_parser_type_register (GTypeModule *type_module)
{
  signet_evolution_parser_register_type (type_module);
}
