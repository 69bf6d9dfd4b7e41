/* signet-mime-scanner.c: finds every S/MIME object in a message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-mime-scanner.h"

#include <string.h>

#include "signet-cms.h"
#include "signet-der.h"
#include "signet-error.h"
#include "signet-gmime-private.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-oids.h"

/* Where an entity's bytes are: @raw is the source its subtree was parsed
 * from (the message, or decoded bytes such as the eContent of opaque
 * signed-data); when @has_window, [@start, @end) of @raw is the entity
 * itself, headers included. */
typedef struct
{
  GBytes *raw;
  gboolean has_window;
  gsize start;
  gsize end;
} RawRef;

typedef struct
{
  gsize start;
  gsize end;
} Span;

/* The message a part belongs to. */
typedef struct
{
  char **from;
  char **sender;
  char *message_id;
  char *subject;
} MessageInfo;

typedef struct
{
  GPtrArray *parts;
  guint n_entities;
  gboolean stop;
  GError *error;
} Scanner;

static gboolean scan_object (Scanner *scanner,
                             GMimeObject *object,
                             const RawRef *raw,
                             const char *path,
                             guint level,
                             guint depth,
                             const MessageInfo *info);

/* ------------------------------------------------------------------ */
/* Bytes and streams */

static void
unref_stream (gpointer stream)
{
  g_object_unref (stream);
}

/* A memory stream owning @array (transfer full), and in @bytes_out a
 * GBytes over the same memory that keeps the stream alive: no copy. */
static GMimeStream *
stream_new_take_array (GByteArray *array, GBytes **bytes_out)
{
  GMimeStream *stream = g_mime_stream_mem_new_with_byte_array (array);

  *bytes_out =
      g_bytes_new_with_free_func (array->data, array->len, unref_stream, g_object_ref (stream));
  return stream;
}

/* A new memory stream whose byte array the caller takes with
 * steal_stream_bytes(). */
static GMimeStream *
stream_new_unowned (void)
{
  GMimeStream *stream = g_mime_stream_mem_new ();

  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  return stream;
}

static GBytes *
steal_stream_bytes (GMimeStream *stream)
{
  GByteArray *array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));

  g_mime_stream_mem_set_byte_array (GMIME_STREAM_MEM (stream), g_byte_array_new ());
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), TRUE);
  return g_byte_array_free_to_bytes (array);
}

/* The transfer-decoded content of @part; NULL if it cannot be read or
 * exceeds @max bytes. */
static GBytes *
part_decoded_content (GMimePart *part, gsize max, gboolean *too_large)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr (GMimeStream) out = NULL;
  GMimeStream *in;
  gint64 length;

  *too_large = FALSE;
  if (wrapper == NULL)
    return g_bytes_new (NULL, 0);

  /* Decoded content is never much larger than the encoded one: refuse
   * early what cannot fit. */
  in = g_mime_data_wrapper_get_stream (wrapper);
  length = in != NULL ? g_mime_stream_length (in) : -1;
  if (length > 0 && (guint64) length > (guint64) max * 2)
    {
      *too_large = TRUE;
      return NULL;
    }

  out = stream_new_unowned ();
  if (g_mime_data_wrapper_write_to_stream (wrapper, out) < 0)
    return NULL;
  if (g_mime_stream_length (out) > (gint64) max)
    {
      *too_large = TRUE;
      return NULL;
    }
  return steal_stream_bytes (out);
}

/* TRUE when the still-encoded base64 content of @part holds characters
 * outside the base64 alphabet (GMime's decoder skips them silently). */
static gboolean
part_has_invalid_base64 (GMimePart *part)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr (GMimeStream) out = NULL;
  GMimeStream *in;
  GByteArray *array;

  if (wrapper == NULL ||
      g_mime_data_wrapper_get_encoding (wrapper) != GMIME_CONTENT_ENCODING_BASE64)
    return FALSE;
  in = g_mime_data_wrapper_get_stream (wrapper);
  if (in == NULL)
    return FALSE;

  out = g_mime_stream_mem_new ();
  g_mime_stream_reset (in);
  if (g_mime_stream_write_to_stream (in, out) < 0)
    return TRUE;
  g_mime_stream_reset (in);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  for (guint i = 0; i < array->len; i++)
    {
      guint8 c = array->data[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=' && !g_ascii_isspace (c))
        return TRUE;
    }
  return FALSE;
}

/* GMime's own idea of the signed bytes: the entity re-serialised with
 * CRLF line ends, as g_mime_multipart_signed_verify() does. */
static GBytes *
serialize_dos_gmime (GMimeObject *object)
{
  g_autoptr (GMimeFormatOptions) options = g_mime_format_options_new ();
  g_autoptr (GMimeStream) out = stream_new_unowned ();

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  if (g_mime_object_write_to_stream (object, options, out) < 0)
    return NULL;
  return steal_stream_bytes (out);
}

/* The same bytes without GMime's byte-at-a-time newline filter over the
 * whole body (most of the cost of re-serialising a message): the writing
 * of GMimePart and GMimeMultipart (gmime-part.c, gmime-multipart.c) done
 * here, each header block still written by GMime, the bodies converted
 * with memchr(). Only for objects whose class writes itself with those
 * two classes' methods; anything else (message/rfc822 parts, a part
 * whose content must be re-encoded, a multipart without a boundary) is
 * left to GMime. _signet_mime_serializations_agree() checks the two
 * against each other (tests and the message fuzzer). */

/* GMime's unix2dos filter (gmime-filter-unix2dos.c): a bare LF becomes
 * CRLF; @pc is the previous byte, across chunks. */
static void
append_unix2dos (GByteArray *out, const guint8 *p, gsize len, guint8 *pc)
{
  const guint8 *end = p + len;
  gsize start = out->len;
  guint8 *w;

  /* At most one CR per byte more. */
  g_byte_array_set_size (out, (guint) (start + 2 * len));
  w = out->data + start;
  while (p < end)
    {
      const guint8 *nl = memchr (p, '\n', (gsize) (end - p));
      gsize chunk = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);

      if (chunk > 0)
        {
          memcpy (w, p, chunk);
          w += chunk;
          *pc = p[chunk - 1];
        }
      if (nl == NULL)
        break;
      if (*pc != '\r')
        *w++ = '\r';
      *w++ = '\n';
      *pc = '\n';
      p = nl + 1;
    }
  g_byte_array_set_size (out, (guint) (w - out->data));
}

static void
append_string (GByteArray *out, const char *text)
{
  g_byte_array_append (out, (const guint8 *) text, (guint) strlen (text));
}

static gboolean
writes_like (GMimeObject *object, GType type)
{
  GMimeObjectClass *klass = g_type_class_peek (type);

  return klass != NULL && GMIME_OBJECT_GET_CLASS (object)->write_to_stream == klass->write_to_stream;
}

/* g_mime_header_list_write_to_stream() and the empty line after it. */
static gboolean
append_headers (GByteArray *out, GMimeObject *object, GMimeFormatOptions *options)
{
  g_autoptr (GMimeStream) stream = stream_new_unowned ();
  g_autoptr (GBytes) headers = NULL;
  gsize len = 0;
  const guint8 *data;

  if (g_mime_header_list_write_to_stream (object->headers, options, stream) < 0)
    return FALSE;
  headers = steal_stream_bytes (stream);
  data = g_bytes_get_data (headers, &len);
  g_byte_array_append (out, data, (guint) len);
  append_string (out, "\r\n");
  return TRUE;
}

static gboolean
append_dos (GByteArray *out, GMimeObject *object, GMimeFormatOptions *options, guint depth)
{
  if (depth > SIGNET_MAX_MIME_DEPTH)
    return FALSE;

  if (GMIME_IS_MULTIPART (object) && writes_like (object, GMIME_TYPE_MULTIPART))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      const char *boundary = g_mime_object_get_content_type_parameter (object, "boundary");
      int n = g_mime_multipart_get_count (multipart);

      if (boundary == NULL || !append_headers (out, object, options))
        return FALSE;
      if (multipart->prologue != NULL)
        {
          append_string (out, multipart->prologue);
          append_string (out, "\r\n");
        }
      for (int i = 0; i < n; i++)
        {
          GMimeObject *child = g_mime_multipart_get_part (multipart, i);

          append_string (out, "--");
          append_string (out, boundary);
          append_string (out, "\r\n");
          if (!append_dos (out, child, options, depth + 1))
            return FALSE;
          if (!GMIME_IS_MULTIPART (child) || GMIME_MULTIPART (child)->write_end_boundary)
            append_string (out, "\r\n");
        }
      if (multipart->write_end_boundary)
        {
          append_string (out, "--");
          append_string (out, boundary);
          append_string (out, "--\r\n");
        }
      if (multipart->epilogue != NULL)
        append_string (out, multipart->epilogue);
      return TRUE;
    }

  if (GMIME_IS_PART (object) && writes_like (object, GMIME_TYPE_PART))
    {
      GMimePart *part = GMIME_PART (object);
      GMimeStream *content;
      guint8 pc = 0;
      gboolean wrote = FALSE;
      gboolean complete = TRUE;
      char buf[16384];
      gssize n;

      if (part->content != NULL &&
          part->encoding != g_mime_data_wrapper_get_encoding (part->content))
        return FALSE;
      if (!append_headers (out, object, options))
        return FALSE;
      if (part->content == NULL)
        return TRUE;
      content = g_mime_data_wrapper_get_stream (part->content);
      if (content == NULL || g_mime_stream_reset (content) < 0)
        return FALSE;
      /* As g_mime_stream_write_to_stream(): until the end of the stream
       * (a read of nothing before it: left to GMime's own writer). */
      while (!g_mime_stream_eos (content))
        {
          n = g_mime_stream_read (content, buf, sizeof buf);
          if (n <= 0)
            {
              complete = FALSE;
              break;
            }
          wrote = TRUE;
          if (part->encoding == GMIME_CONTENT_ENCODING_BINARY)
            g_byte_array_append (out, (const guint8 *) buf, (guint) n);
          else
            append_unix2dos (out, (const guint8 *) buf, (gsize) n, &pc);
        }
      g_mime_stream_reset (content);
      if (!complete)
        return FALSE;
      /* The filter's flush (ensure_newline: a final line break), which
       * GMime's filter stream only runs after a write. */
      if (part->encoding != GMIME_CONTENT_ENCODING_BINARY && object->ensure_newline && wrote && pc != '\n')
        append_string (out, pc != '\r' ? "\r\n" : "\n");
      return TRUE;
    }

  return FALSE;
}

static GBytes *
serialize_dos_fast (GMimeObject *object)
{
  g_autoptr (GMimeFormatOptions) options = g_mime_format_options_new ();
  g_autoptr (GByteArray) out = g_byte_array_new ();

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  if (!append_dos (out, object, options, 0))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
serialize_dos (GMimeObject *object)
{
  GBytes *bytes = serialize_dos_fast (object);

  return bytes != NULL ? bytes : serialize_dos_gmime (object);
}

static gboolean
serializations_agree (GMimeObject *object, guint depth, guint *compared)
{
  g_autoptr (GBytes) fast = NULL;

  if (depth > SIGNET_MAX_MIME_DEPTH)
    return TRUE;
  fast = serialize_dos_fast (object);
  if (fast != NULL)
    {
      g_autoptr (GBytes) slow = serialize_dos_gmime (object);

      (*compared)++;
      if (slow == NULL || !g_bytes_equal (fast, slow))
        return FALSE;
    }
  if (GMIME_IS_MULTIPART (object))
    {
      int n = g_mime_multipart_get_count (GMIME_MULTIPART (object));

      for (int i = 0; i < n; i++)
        if (!serializations_agree (g_mime_multipart_get_part (GMIME_MULTIPART (object), i), depth + 1,
                                   compared))
          return FALSE;
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner != NULL && g_mime_message_get_mime_part (inner) != NULL &&
          !serializations_agree (g_mime_message_get_mime_part (inner), depth + 1, compared))
        return FALSE;
    }
  return TRUE;
}

/* See signet-mime-scanner.h. */
gboolean
_signet_mime_serializations_agree (GBytes *message, guint *compared)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeMessage) parsed = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (message, &len);
  guint count = 0;
  gboolean ok = TRUE;

  stream = g_mime_stream_mem_new_with_buffer ((const char *) data, len);
  parser = g_mime_parser_new_with_stream (stream);
  parsed = g_mime_parser_construct_message (parser, NULL);
  if (parsed != NULL && g_mime_message_get_mime_part (parsed) != NULL)
    ok = serializations_agree (g_mime_message_get_mime_part (parsed), 0, &count);
  if (compared != NULL)
    *compared = count;
  return ok;
}

/* TRUE when @exact, parsed and re-serialised by GMime, gives @reserialized:
 * the raw bytes are then those GMime parsed into the content it shows.
 * This stops a signature over other bytes found elsewhere in the source
 * (a copied signed entity in a preamble, say) from vouching for what
 * GMime displays. */
static gboolean
same_entity (GBytes *exact, GBytes *reserialized)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeObject) object = NULL;
  g_autoptr (GBytes) again = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (exact, &len);

  stream = g_mime_stream_mem_new_with_buffer ((const char *) data, len);
  parser = g_mime_parser_new_with_stream (stream);
  object = g_mime_parser_construct_part (parser, NULL);
  if (object == NULL)
    return FALSE;
  again = serialize_dos (object);
  return again != NULL && g_bytes_equal (again, reserialized);
}

/* [@start, @end) of @raw with every bare LF turned into CRLF; a free
 * slice when there is none. */
static GBytes *
canonical_slice (GBytes *raw, gsize start, gsize end)
{
  const guint8 *data = g_bytes_get_data (raw, NULL);
  const guint8 *p = data + start;
  const guint8 *stop = data + end;
  gsize bare = 0;
  guint8 *buf;
  gsize n = 0;

  while (p < stop)
    {
      const guint8 *nl = memchr (p, '\n', (gsize) (stop - p));

      if (nl == NULL)
        break;
      if (nl == data + start || nl[-1] != '\r')
        bare++;
      p = nl + 1;
    }

  if (bare == 0)
    return g_bytes_new_from_bytes (raw, start, end - start);

  buf = g_malloc (end - start + bare);
  p = data + start;
  while (p < stop)
    {
      const guint8 *nl = memchr (p, '\n', (gsize) (stop - p));
      gsize chunk = nl != NULL ? (gsize) (nl - p) : (gsize) (stop - p);

      memcpy (buf + n, p, chunk);
      n += chunk;
      if (nl == NULL)
        break;
      if (nl == data + start || nl[-1] != '\r')
        buf[n++] = '\r';
      buf[n++] = '\n';
      p = nl + 1;
    }

  return g_bytes_new_take (buf, n);
}

/* ------------------------------------------------------------------ */
/* Locating entities in the raw bytes */

/* The offset of the first byte after the header block of the entity at
 * [@start, @end): after the first empty line, or @end if there is none. */
static gsize
find_body_start (const guint8 *data, gsize start, gsize end)
{
  gsize pos = start;

  while (pos < end)
    {
      const guint8 *nl = memchr (data + pos, '\n', end - pos);
      gsize line_end = nl != NULL ? (gsize) (nl - data) : end;
      gsize len = line_end - pos;

      if (len == 0 || (len == 1 && data[pos] == '\r'))
        return nl != NULL ? line_end + 1 : end;
      if (nl == NULL)
        break;
      pos = line_end + 1;
    }
  return end;
}

static gboolean
all_lwsp (const guint8 *p, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (p[i] != ' ' && p[i] != '\t')
        return FALSE;
    }
  return TRUE;
}

typedef enum
{
  LINE_OTHER,
  LINE_DELIMITER,
  LINE_CLOSE,
} LineKind;

/* Classifies a line (without its line break) the way GMime's parser does:
 * "--boundary" or "--boundary--", optionally followed by blanks. */
static LineKind
classify_line (const guint8 *line, gsize len, const char *boundary, gsize blen)
{
  const guint8 *rest;
  gsize rlen;

  if (len > 0 && line[len - 1] == '\r')
    len--;
  if (len < 2 + blen || line[0] != '-' || line[1] != '-' || memcmp (line + 2, boundary, blen) != 0)
    return LINE_OTHER;

  rest = line + 2 + blen;
  rlen = len - 2 - blen;
  if (rlen >= 2 && rest[0] == '-' && rest[1] == '-' && all_lwsp (rest + 2, rlen - 2))
    return LINE_CLOSE;
  if (all_lwsp (rest, rlen))
    return LINE_DELIMITER;
  return LINE_OTHER;
}

/* Splits the multipart at [@start, @end) of @raw (its header block first
 * when @skip_headers) at the delimiter lines of @boundary. Each body part
 * runs from after the line break of its delimiter line up to, excluding,
 * the line break that precedes the next delimiter line (RFC 2046 5.1.1). */
static GArray *
split_multipart (GBytes *raw, gsize start, gsize end, gboolean skip_headers, const char *boundary)
{
  const guint8 *data = g_bytes_get_data (raw, NULL);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize blen = strlen (boundary);
  gboolean open = FALSE;
  Span current = { 0, 0 };
  gsize pos;

  pos = skip_headers ? find_body_start (data, start, end) : start;
  while (pos < end)
    {
      const guint8 *nl = memchr (data + pos, '\n', end - pos);
      gsize line_end = nl != NULL ? (gsize) (nl - data) : end;
      LineKind kind = LINE_OTHER;

      if (data[pos] == '-')
        kind = classify_line (data + pos, line_end - pos, boundary, blen);

      if (kind != LINE_OTHER)
        {
          if (open)
            {
              gsize part_end = pos;

              if (part_end > current.start && data[part_end - 1] == '\n')
                part_end--;
              if (part_end > current.start && data[part_end - 1] == '\r')
                part_end--;
              current.end = part_end;
              g_array_append_val (spans, current);
              open = FALSE;
            }
          if (kind == LINE_CLOSE)
            return g_steal_pointer (&spans);
          current.start = nl != NULL ? line_end + 1 : end;
          open = TRUE;
        }
      pos = nl != NULL ? line_end + 1 : end;
    }

  if (open)
    {
      current.end = end;
      g_array_append_val (spans, current);
    }
  return g_steal_pointer (&spans);
}

/* The raw location of each of the @n children of @multipart; NULL when
 * it cannot be told (no raw bytes, or a split that disagrees with GMime's). */
static GArray *
child_spans (GMimeObject *multipart, const RawRef *raw, guint n)
{
  const char *boundary = g_mime_object_get_content_type_parameter (multipart, "boundary");
  g_autoptr (GArray) spans = NULL;

  if (raw->raw == NULL || !raw->has_window || boundary == NULL || boundary[0] == '\0')
    return NULL;

  spans = split_multipart (raw->raw, raw->start, raw->end, TRUE, boundary);
  if (spans->len != n)
    return NULL;
  return g_steal_pointer (&spans);
}

/* ------------------------------------------------------------------ */
/* Addresses */

#define SIGNET_MAX_ADDRESS_GROUP_DEPTH 4

static void
collect_addresses (InternetAddressList *list, GPtrArray *out, guint depth)
{
  int n = internet_address_list_length (list);

  for (int i = 0; i < n && out->len < SIGNET_MAX_MESSAGE_ADDRESSES; i++)
    {
      InternetAddress *ia = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (ia))
        {
          const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia));

          if (addr != NULL && addr[0] != '\0')
            g_ptr_array_add (out, g_strdup (addr));
        }
      else if (INTERNET_ADDRESS_IS_GROUP (ia) && depth < SIGNET_MAX_ADDRESS_GROUP_DEPTH)
        {
          collect_addresses (internet_address_group_get_members (INTERNET_ADDRESS_GROUP (ia)), out,
                             depth + 1);
        }
    }
}

/* Every mailbox of every @name header of @message: a message with two
 * From headers yields the addresses of both. */
static char **
header_addresses (GMimeMessage *message, const char *name)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int n = headers != NULL ? g_mime_header_list_get_count (headers) : 0;

  for (int i = 0; i < n && out->len < SIGNET_MAX_MESSAGE_ADDRESSES; i++)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      g_autoptr (InternetAddressList) list = NULL;
      const char *value;

      if (g_ascii_strcasecmp (g_mime_header_get_name (header), name) != 0)
        continue;
      value = g_mime_header_get_raw_value (header);
      if (value == NULL)
        continue;
      list = internet_address_list_parse (NULL, value);
      if (list != NULL)
        collect_addresses (list, out, 0);
    }

  g_ptr_array_set_free_func (out, NULL);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
message_info_init (MessageInfo *info, GMimeMessage *message)
{
  info->from = header_addresses (message, "From");
  info->sender = header_addresses (message, "Sender");
  info->message_id = g_strdup (g_mime_message_get_message_id (message));
  info->subject = g_strdup (g_mime_message_get_subject (message));
}

static void
message_info_clear (MessageInfo *info)
{
  g_clear_pointer (&info->from, g_strfreev);
  g_clear_pointer (&info->sender, g_strfreev);
  g_clear_pointer (&info->message_id, g_free);
  g_clear_pointer (&info->subject, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MessageInfo, message_info_clear)

/* ------------------------------------------------------------------ */
/* Parts */

static SignetSmimePart *
part_new (SignetPartKind kind, const char *path, guint depth, const MessageInfo *info)
{
  SignetSmimePart *part = signet_smime_part_new (kind, path);

  signet_smime_part_set_depth (part, depth);
  signet_smime_part_set_addresses (part, (const char *const *) info->from,
                                   (const char *const *) info->sender);
  signet_smime_part_set_message_info (part, info->message_id, info->subject);
  return part;
}

/* Adds @part (transfer full); FALSE once SIGNET_MAX_SMIME_PARTS is reached
 * (a last MALFORMED part then says so and the scan stops). */
static gboolean
add_part (Scanner *scanner, SignetSmimePart *part)
{
  if (scanner->parts->len >= SIGNET_MAX_SMIME_PARTS)
    {
      g_autoptr (SignetSmimePart) dropped = part;
      SignetSmimePart *last;

      last = signet_smime_part_new (SIGNET_PART_KIND_MALFORMED, signet_smime_part_get_path (part));
      signet_smime_part_set_depth (last, signet_smime_part_get_depth (part));
      signet_smime_part_set_addresses (last, signet_smime_part_get_from (part),
                                       signet_smime_part_get_sender (part));
      signet_smime_part_set_message_info (last, signet_smime_part_get_message_id (part),
                                          signet_smime_part_get_subject (part));
      signet_smime_part_set_problem (last, "too many S/MIME objects in one message; "
                                           "the rest were not examined");
      g_ptr_array_add (scanner->parts, last);
      scanner->stop = TRUE;
      return FALSE;
    }

  g_ptr_array_add (scanner->parts, part);
  return TRUE;
}

static gboolean
add_malformed (Scanner *scanner,
               const char *path,
               guint depth,
               const MessageInfo *info,
               const char *mime_type,
               const char *problem)
{
  SignetSmimePart *part = part_new (SIGNET_PART_KIND_MALFORMED, path, depth, info);

  signet_smime_part_set_mime_type (part, mime_type);
  signet_smime_part_set_problem (part, problem);
  return add_part (scanner, part);
}

/* ------------------------------------------------------------------ */
/* CMS sniffing */

/* The contentType OID of a ContentInfo (SEQUENCE { OID, [0] EXPLICIT ANY }),
 * DER or BER with an indefinite outer length; NULL if @data is not one. */
static char *
sniff_content_type (const guint8 *data, gsize len)
{
  SignetDerReader reader;
  SignetDerTlv tlv;
  const guint8 *inner;
  gsize inner_len;

  if (len < 2 || data[0] != 0x30)
    return NULL;

  if (data[1] == 0x80)
    {
      inner = data + 2;
      inner_len = len - 2;
    }
  else
    {
      signet_der_reader_init (&reader, data, len);
      if (!signet_der_read (&reader, &tlv))
        return NULL;
      inner = tlv.value;
      inner_len = tlv.value_len;
    }

  signet_der_reader_init (&reader, inner, inner_len);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &tlv))
    return NULL;
  if (signet_der_reader_at_end (&reader) || reader.pos[0] != 0xa0)
    return NULL;
  return signet_der_oid_to_string (tlv.value, tlv.value_len);
}

typedef enum
{
  CMS_IGNORE,
  CMS_KIND,
} CmsVerdict;

/* What the CMS bytes @cms really are. For signed-data with an id-data
 * eContent, @econtent_out receives that content. A detached signature
 * (signers but no content) is MALFORMED unless @detached_ok, when it is
 * ignored (a stray .p7s attachment). */
static CmsVerdict
classify_cms (GBytes *cms,
              gboolean detached_ok,
              SignetPartKind *kind_out,
              char **problem_out,
              GBytes **econtent_out)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (cms, &len);
  g_autofree char *oid = NULL;

  *problem_out = NULL;
  *econtent_out = NULL;
  *kind_out = SIGNET_PART_KIND_MALFORMED;

  if (len == 0)
    {
      *problem_out = g_strdup ("the part declared as CMS is empty");
      return CMS_KIND;
    }

  oid = sniff_content_type (data, len);
  if (oid == NULL)
    {
      *problem_out = g_strdup ("the part declared as CMS is not a CMS ContentInfo");
      return CMS_KIND;
    }

  if (g_str_equal (oid, SIGNET_OID_SIGNED_DATA))
    {
      g_auto (gnutls_pkcs7_t) p7 = NULL;
      g_auto (gnutls_datum_t) content = { NULL, 0 };
      gnutls_datum_t d = _signet_datum_from_bytes (cms);
      const char *econtent_oid;
      int rc;

      if (gnutls_pkcs7_init (&p7) < 0)
        {
          *problem_out = g_strdup ("out of memory");
          return CMS_KIND;
        }
      rc = gnutls_pkcs7_import (p7, &d, GNUTLS_X509_FMT_DER);
      if (rc < 0)
        {
          *problem_out =
              g_strdup_printf ("the CMS SignedData cannot be read: %s", gnutls_strerror (rc));
          return CMS_KIND;
        }

      if (gnutls_pkcs7_get_signature_count (p7) <= 0)
        {
          *kind_out = SIGNET_PART_KIND_CERTS_ONLY;
          return CMS_KIND;
        }

      rc = gnutls_pkcs7_get_embedded_data (p7, 0, &content);
      if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        {
          if (detached_ok)
            {
              /* The verifier reads this very SignedData next. */
              _signet_cms_hand_off (cms, g_steal_pointer (&p7));
              return CMS_IGNORE;
            }
          *problem_out = g_strdup ("signed-data without encapsulated content");
          return CMS_KIND;
        }
      if (rc < 0)
        {
          *problem_out =
              g_strdup_printf ("the signed content cannot be read: %s", gnutls_strerror (rc));
          return CMS_KIND;
        }

      *kind_out = SIGNET_PART_KIND_SIGNED_DATA;
      econtent_oid = gnutls_pkcs7_get_embedded_data_oid (p7);
      if (econtent_oid != NULL && g_str_equal (econtent_oid, SIGNET_OID_DATA))
        *econtent_out = _signet_bytes_from_datum (&content);
      return CMS_KIND;
    }

  if (g_str_equal (oid, SIGNET_OID_ENVELOPED_DATA) ||
      g_str_equal (oid, SIGNET_OID_AUTH_ENVELOPED_DATA))
    {
      *kind_out = SIGNET_PART_KIND_ENVELOPED;
      return CMS_KIND;
    }

  if (g_str_equal (oid, SIGNET_OID_COMPRESSED_DATA))
    {
      *kind_out = SIGNET_PART_KIND_COMPRESSED;
      return CMS_KIND;
    }

  *problem_out = g_strdup_printf ("unexpected CMS content type %s", oid);
  return CMS_KIND;
}

/* ------------------------------------------------------------------ */
/* The walk */

static gboolean
count_entity (Scanner *scanner)
{
  if (++scanner->n_entities > SIGNET_MAX_MIME_PARTS)
    {
      g_set_error (&scanner->error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   "The message has more than %d MIME parts", SIGNET_MAX_MIME_PARTS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_type (GMimeObject *object, const char *type, const char *subtype)
{
  GMimeContentType *ct = g_mime_object_get_content_type (object);

  return ct != NULL && g_mime_content_type_is_type (ct, type, subtype);
}

static gboolean
is_pkcs7_signature (GMimeObject *object)
{
  return is_type (object, "application", "pkcs7-signature") ||
         is_type (object, "application", "x-pkcs7-signature");
}

static gboolean
is_pkcs7_signature_type (const char *mime_type)
{
  return mime_type != NULL &&
         (g_ascii_strcasecmp (mime_type, "application/pkcs7-signature") == 0 ||
          g_ascii_strcasecmp (mime_type, "application/x-pkcs7-signature") == 0);
}

static char *
object_mime_type (GMimeObject *object)
{
  GMimeContentType *ct = g_mime_object_get_content_type (object);

  return ct != NULL ? g_mime_content_type_get_mime_type (ct) : NULL;
}

/* Parses @econtent (transfer full), the encapsulated content of opaque
 * signed-data at @path, as a MIME entity and scans it, with those bytes as
 * the raw source of the subtree. */
static gboolean
scan_econtent (Scanner *scanner,
               GBytes *econtent,
               const char *path,
               guint level,
               guint depth,
               const MessageInfo *info)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeObject) object = NULL;
  g_autoptr (GBytes) raw = NULL;
  g_autofree char *inner_path = g_strdup_printf ("%s/signed-data/1", path);
  RawRef ref;

  /* No copy when the caller gave up its reference. */
  stream = stream_new_take_array (g_bytes_unref_to_array (econtent), &raw);
  parser = g_mime_parser_new_with_stream (stream);
  object = g_mime_parser_construct_part (parser, NULL);
  if (object == NULL)
    return TRUE;

  ref.raw = raw;
  ref.has_window = TRUE;
  ref.start = 0;
  ref.end = g_bytes_get_size (raw);
  return scan_object (scanner, object, &ref, inner_path, level + 1, depth + 1, info);
}

static gboolean
scan_multipart_signed (Scanner *scanner,
                       GMimeObject *object,
                       const RawRef *raw,
                       const char *path,
                       guint level,
                       guint depth,
                       const MessageInfo *info)
{
  GMimeMultipart *multipart = GMIME_MULTIPART (object);
  int n = g_mime_multipart_get_count (multipart);
  const char *protocol = g_mime_object_get_content_type_parameter (object, "protocol");
  g_autoptr (SignetSmimePart) part =
      part_new (SIGNET_PART_KIND_MULTIPART_SIGNED, path, depth, info);
  g_autoptr (GArray) spans = child_spans (object, raw, (guint) MAX (n, 0));
  g_autofree char *content_path = g_strdup_printf ("%s.1", path);
  GMimeObject *content = n > 0 ? g_mime_multipart_get_part (multipart, 0) : NULL;
  GMimeObject *signature = n > 1 ? g_mime_multipart_get_part (multipart, 1) : NULL;
  RawRef content_raw = { raw->raw, FALSE, 0, 0 };
  const char *problem = NULL;
  g_autofree char *sig_type = NULL;

  signet_smime_part_set_micalg (part, g_mime_object_get_content_type_parameter (object, "micalg"));
  signet_smime_part_set_mime_type (part, protocol);

  if (spans != NULL && n > 0)
    {
      Span *s = &g_array_index (spans, Span, 0);

      content_raw.has_window = TRUE;
      content_raw.start = s->start;
      content_raw.end = s->end;
    }
  else if (raw->raw != NULL && n > 0)
    {
      /* Fall back on the first delimiter lines of this boundary (meant to
       * be unique) in this entity, or in the whole source when the entity
       * could not be located. */
      const char *boundary = g_mime_object_get_content_type_parameter (object, "boundary");

      if (boundary != NULL && boundary[0] != '\0')
        {
          gsize from = raw->has_window ? raw->start : 0;
          gsize to = raw->has_window ? raw->end : g_bytes_get_size (raw->raw);
          g_autoptr (GArray) all = split_multipart (raw->raw, from, to, raw->has_window, boundary);
          if (all->len > 0)
            {
              content_raw.has_window = TRUE;
              content_raw.start = g_array_index (all, Span, 0).start;
              content_raw.end = g_array_index (all, Span, 0).end;
            }
        }
    }

  if (n < 2)
    {
      problem = "multipart/signed with fewer than two parts";
    }
  else if (!is_pkcs7_signature (signature))
    {
      problem = "the second part of the multipart/signed is not an application/pkcs7-signature";
      sig_type = object_mime_type (signature);
    }
  else if (!GMIME_IS_PART (signature))
    {
      problem = "the signature part cannot be read";
    }
  else
    {
      g_autoptr (GBytes) cms = NULL;
      g_autoptr (GBytes) econtent = NULL;
      g_autofree char *cms_problem = NULL;
      SignetPartKind kind;
      gboolean too_large;

      sig_type = object_mime_type (signature);
      cms = part_decoded_content (GMIME_PART (signature), SIGNET_MAX_CMS_SIZE, &too_large);
      if (cms == NULL)
        {
          problem = too_large ? "the signature part is too large"
                              : "the signature part cannot be decoded";
        }
      else
        {
          signet_smime_part_set_cms (part, cms);
          /* A detached signature is what classify_cms() calls "ignore". */
          if (classify_cms (cms, TRUE, &kind, &cms_problem, &econtent) == CMS_KIND)
            {
              if (cms_problem != NULL && part_has_invalid_base64 (GMIME_PART (signature)))
                problem = "the signature part is not valid base64";
              else if (cms_problem != NULL)
                signet_smime_part_set_problem (part, cms_problem);
              else
                problem = "the signature part is not a detached CMS signature";
            }
        }
    }

  if (sig_type != NULL)
    signet_smime_part_set_mime_type (part, sig_type);

  if (problem != NULL)
    signet_smime_part_set_problem (part, problem);

  if (signet_smime_part_get_problem (part) != NULL)
    {
      SignetSmimePart *bad = part_new (SIGNET_PART_KIND_MALFORMED, path, depth, info);

      signet_smime_part_set_mime_type (bad, signet_smime_part_get_mime_type (part));
      signet_smime_part_set_micalg (bad, signet_smime_part_get_micalg (part));
      signet_smime_part_set_cms (bad, signet_smime_part_get_cms (part));
      signet_smime_part_set_problem (bad, signet_smime_part_get_problem (part));
      if (!add_part (scanner, bad))
        return TRUE;
    }
  else
    {
      g_autoptr (GBytes) exact = NULL;
      g_autoptr (GBytes) reserialized = NULL;

      reserialized = serialize_dos (content);
      if (content_raw.has_window)
        exact = canonical_slice (content_raw.raw, content_raw.start, content_raw.end);

      /* The exact bytes first; GMime's re-serialisation when it differs.
       * Exact bytes that GMime would not have parsed into this content are
       * not offered at all. */
      if (exact != NULL && reserialized != NULL && !g_bytes_equal (exact, reserialized) &&
          !same_entity (exact, reserialized))
        g_clear_pointer (&exact, g_bytes_unref);
      if (exact != NULL)
        signet_smime_part_add_signed_content (part, exact);
      if (reserialized != NULL && (exact == NULL || !g_bytes_equal (exact, reserialized)))
        signet_smime_part_add_signed_content (part, reserialized);

      if (!add_part (scanner, g_steal_pointer (&part)))
        return TRUE;
    }

  /* The signature part is an entity too; the content may hold more. */
  if (signature != NULL && !count_entity (scanner))
    return FALSE;
  if (content != NULL)
    return scan_object (scanner, content, &content_raw, content_path, level + 1, depth, info);
  return TRUE;
}

static gboolean
scan_multipart (Scanner *scanner,
                GMimeObject *object,
                const RawRef *raw,
                const char *path,
                guint level,
                guint depth,
                const MessageInfo *info)
{
  GMimeMultipart *multipart = GMIME_MULTIPART (object);
  int n = g_mime_multipart_get_count (multipart);
  g_autoptr (GArray) spans = NULL;
  const char *protocol;

  if (is_type (object, "multipart", "signed"))
    {
      protocol = g_mime_object_get_content_type_parameter (object, "protocol");
      if (is_pkcs7_signature_type (protocol) ||
          (protocol == NULL && n > 1 &&
           is_pkcs7_signature (g_mime_multipart_get_part (multipart, 1))))
        return scan_multipart_signed (scanner, object, raw, path, level, depth, info);
    }

  spans = child_spans (object, raw, (guint) MAX (n, 0));
  for (int i = 0; i < n && !scanner->stop; i++)
    {
      g_autofree char *child_path = g_strdup_printf ("%s.%d", path, i + 1);
      RawRef child_raw = { raw->raw, FALSE, 0, 0 };

      if (spans != NULL)
        {
          child_raw.has_window = TRUE;
          child_raw.start = g_array_index (spans, Span, i).start;
          child_raw.end = g_array_index (spans, Span, i).end;
        }
      if (!scan_object (scanner, g_mime_multipart_get_part (multipart, i), &child_raw, child_path,
                        level + 1, depth, info))
        return FALSE;
    }
  return TRUE;
}

/* Scans @message, the content of the entity at @path: a message/rfc822
 * part (@raw is the raw location of that part) or decoded bytes. */
static gboolean
scan_inner_message (Scanner *scanner,
                    GMimeMessage *message,
                    const RawRef *inner_raw,
                    const char *path,
                    guint level,
                    guint depth)
{
  g_autofree char *inner_path = g_strdup_printf ("%s/message/1", path);
  g_auto (MessageInfo) inner_info = {
    NULL,
  };
  GMimeObject *body = message != NULL ? g_mime_message_get_mime_part (message) : NULL;

  if (body == NULL)
    return TRUE;
  if (!count_entity (scanner))
    return FALSE;
  message_info_init (&inner_info, message);
  return scan_object (scanner, body, inner_raw, inner_path, level + 1, depth + 1, &inner_info);
}

static gboolean
scan_message_part (Scanner *scanner,
                   GMimeObject *object,
                   const RawRef *raw,
                   const char *path,
                   guint level,
                   guint depth)
{
  RawRef inner_raw = { raw->raw, FALSE, 0, 0 };

  if (raw->has_window)
    {
      inner_raw.has_window = TRUE;
      inner_raw.start = find_body_start (g_bytes_get_data (raw->raw, NULL), raw->start, raw->end);
      inner_raw.end = raw->end;
    }
  return scan_inner_message (scanner, g_mime_message_part_get_message (GMIME_MESSAGE_PART (object)),
                             &inner_raw, path, level, depth);
}

/* A message/rfc822 part with a base64 or quoted-printable transfer
 * encoding (RFC 2046 forbids it, mailers do it), which GMime leaves as a
 * plain part: decode it and scan the message inside, with the decoded
 * bytes as the raw source of that subtree. */
static gboolean
scan_encoded_message (Scanner *scanner, GMimePart *part, const char *path, guint level, guint depth)
{
  g_autoptr (GBytes) decoded = NULL;
  g_autoptr (GBytes) raw = NULL;
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  gboolean too_large;
  RawRef inner_raw;

  decoded = part_decoded_content (part, SIGNET_MAX_MESSAGE_SIZE, &too_large);
  if (decoded == NULL || g_bytes_get_size (decoded) == 0)
    return TRUE;

  stream = stream_new_take_array (g_bytes_unref_to_array (g_steal_pointer (&decoded)), &raw);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL)
    return TRUE;

  inner_raw.raw = raw;
  inner_raw.has_window = TRUE;
  inner_raw.start = 0;
  inner_raw.end = g_bytes_get_size (raw);
  return scan_inner_message (scanner, message, &inner_raw, path, level, depth);
}

static gboolean
is_message_type (GMimeObject *object)
{
  return is_type (object, "message", "rfc822") || is_type (object, "message", "global") ||
         is_type (object, "message", "rfc2822") || is_type (object, "message", "news");
}

static gboolean
has_p7_file_name (GMimePart *part)
{
  const char *name = g_mime_part_get_filename (part);
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);
  return g_str_has_suffix (lower, ".p7m") || g_str_has_suffix (lower, ".p7c") ||
         g_str_has_suffix (lower, ".p7s");
}

static gboolean
scan_leaf (Scanner *scanner,
           GMimeObject *object,
           const char *path,
           guint level,
           guint depth,
           const MessageInfo *info)
{
  GMimePart *mime_part = GMIME_PART (object);
  gboolean pkcs7_mime = is_type (object, "application", "pkcs7-mime") ||
                        is_type (object, "application", "x-pkcs7-mime");
  gboolean octet_p7;
  g_autofree char *mime_type = NULL;
  g_autofree char *problem = NULL;
  g_autoptr (GBytes) cms = NULL;
  g_autoptr (GBytes) econtent = NULL;
  SignetSmimePart *part;
  SignetPartKind kind;
  gboolean too_large;

  if (is_message_type (object))
    {
      GMimeContentEncoding encoding = g_mime_part_get_content_encoding (mime_part);

      if (encoding == GMIME_CONTENT_ENCODING_BASE64 ||
          encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
          encoding == GMIME_CONTENT_ENCODING_UUENCODE)
        return scan_encoded_message (scanner, mime_part, path, level, depth);
      return TRUE;
    }

  /* A pkcs7-signature outside multipart/signed signs nothing we have. */
  if (is_pkcs7_signature (object))
    return TRUE;

  octet_p7 = !pkcs7_mime && is_type (object, "application", "octet-stream") &&
             has_p7_file_name (mime_part);
  if (!pkcs7_mime && !octet_p7)
    return TRUE;

  mime_type = object_mime_type (object);
  cms = part_decoded_content (mime_part, SIGNET_MAX_CMS_SIZE, &too_large);
  if (cms == NULL)
    return add_malformed (scanner, path, depth, info, mime_type,
                          too_large ? "the CMS part is too large"
                                    : "the CMS part cannot be decoded");

  if (classify_cms (cms, octet_p7, &kind, &problem, &econtent) == CMS_IGNORE)
    return TRUE;

  if (problem != NULL && part_has_invalid_base64 (mime_part))
    {
      g_free (problem);
      problem = g_strdup ("the CMS part is not valid base64");
    }

  part = part_new (kind, path, depth, info);
  signet_smime_part_set_mime_type (part, mime_type);
  signet_smime_part_set_cms (part, cms);
  signet_smime_part_set_problem (part, problem);
  if (!add_part (scanner, part))
    return TRUE;

  if (econtent != NULL)
    {
      return scan_econtent (scanner, g_steal_pointer (&econtent), path, level, depth, info);
    }
  return TRUE;
}

static gboolean
scan_object (Scanner *scanner,
             GMimeObject *object,
             const RawRef *raw,
             const char *path,
             guint level,
             guint depth,
             const MessageInfo *info)
{
  if (scanner->stop || scanner->error != NULL)
    return scanner->error == NULL;
  if (!count_entity (scanner))
    return FALSE;

  if (level > SIGNET_MAX_MIME_DEPTH)
    {
      g_autofree char *problem = g_strdup_printf ("MIME nesting deeper than %d levels; "
                                                  "the rest was not examined",
                                                  SIGNET_MAX_MIME_DEPTH);
      g_autofree char *mime_type = object_mime_type (object);

      add_malformed (scanner, path, depth, info, mime_type, problem);
      scanner->stop = TRUE;
      return TRUE;
    }

  if (GMIME_IS_MULTIPART (object))
    return scan_multipart (scanner, object, raw, path, level, depth, info);
  if (GMIME_IS_MESSAGE_PART (object))
    return scan_message_part (scanner, object, raw, path, level, depth);
  if (GMIME_IS_PART (object))
    return scan_leaf (scanner, object, path, level, depth, info);
  return TRUE;
}

static GPtrArray *
scan_root (GMimeMessage *message, GBytes *raw, GError **error)
{
  g_auto (MessageInfo) info = {
    NULL,
  };
  Scanner scanner = {
    NULL,
  };
  GMimeObject *body = g_mime_message_get_mime_part (message);
  RawRef ref = { raw, raw != NULL, 0, raw != NULL ? g_bytes_get_size (raw) : 0 };

  scanner.parts = g_ptr_array_new_with_free_func (g_object_unref);
  if (body == NULL)
    return scanner.parts;

  message_info_init (&info, message);
  scan_object (&scanner, body, &ref, "1", 0, 0, &info);
  if (scanner.error != NULL)
    {
      g_propagate_error (error, scanner.error);
      g_ptr_array_unref (scanner.parts);
      return NULL;
    }
  return scanner.parts;
}

/* Parses and scans @message, whose bytes @array wraps (no copy: see
 * signet_mime_scan()). GMime reads through a memory stream that does not
 * own @array and only reads from it (the parser and the substreams it
 * makes never write to their source), and every GMime object made from it
 * is gone when this returns (the parts hold slices of @message and copies,
 * never GMime objects). */
static GPtrArray *
scan_bytes (GBytes *message, GByteArray *array, GError **error)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeMessage) parsed = NULL;

  stream = g_mime_stream_mem_new_with_byte_array (array);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  parsed = g_mime_parser_construct_message (parser, NULL);
  if (parsed == NULL)
    {
      /* GMime wants a header first. Text without any header is a plain,
       * unsigned message; anything else is not a message at all. */
      if (g_utf8_validate ((const char *) array->data, (gssize) array->len, NULL))
        return g_ptr_array_new_with_free_func (g_object_unref);
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "The message cannot be parsed");
      return NULL;
    }

  return scan_root (parsed, message, error);
}

/**
 * signet_mime_scan:
 * @message: the raw message (RFC 5322, LF or CRLF line ends)
 * @error: return location for a #SIGNET_ERROR
 *
 * Finds every S/MIME object in @message, in document order. The scanner
 * descends into multiparts, attached messages (message/rfc822,
 * message/global) and the encapsulated content of opaque signed-data, up to
 * %SIGNET_MAX_MIME_DEPTH levels. A message without S/MIME (plain text
 * included) gives an empty array. A damaged S/MIME part is not an error
 * but a %SIGNET_PART_KIND_MALFORMED part. Text that does not start with a
 * header (GMime cannot parse it) is a plain message: an empty array.
 *
 * For each multipart/signed the candidates for the signed content are the
 * exact bytes of its first body part as stored (bare LF made CRLF) and,
 * when it differs, GMime's re-serialisation.
 *
 * Returns: (transfer container) (element-type SignetSmimePart): the parts,
 *   or %NULL with @error set (%SIGNET_ERROR_PARSE for empty or unparseable
 *   input, %SIGNET_ERROR_LIMIT for a message over %SIGNET_MAX_MESSAGE_SIZE
 *   or with more than %SIGNET_MAX_MIME_PARTS entities)
 */
GPtrArray *
signet_mime_scan (GBytes *message, GError **error)
{
  GPtrArray *parts;
  GByteArray *array;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (message, &len);
  if (len == 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "The message is empty");
      return NULL;
    }
  if (len > SIGNET_MAX_MESSAGE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT, "The message is larger than %d bytes",
                   SIGNET_MAX_MESSAGE_SIZE);
      return NULL;
    }

  /* A wrapper, not a copy: the array is never written, and only the
   * wrapper is freed (g_byte_array_free (..., FALSE) leaves the data). */
  array = g_byte_array_new_take ((guint8 *) data, len);
  parts = scan_bytes (message, array, error);
  g_byte_array_free (array, FALSE);
  return parts;
}

/**
 * signet_mime_scan_message:
 * @gmime_message: (type GMime.Message): a message the host parsed
 * @raw: (nullable): the bytes @gmime_message was parsed from
 * @error: return location for a #SIGNET_ERROR
 *
 * Like signet_mime_scan() for a #GMimeMessage. Without @raw, the only
 * candidate for the signed content of a multipart/signed is GMime's
 * re-serialisation (except inside opaque signed-data, whose content
 * Signet decodes itself).
 *
 * Returns: (transfer container) (element-type SignetSmimePart): the parts,
 *   or %NULL with @error set
 */
GPtrArray *
signet_mime_scan_message (gpointer gmime_message, GBytes *raw, GError **error)
{
  g_return_val_if_fail (GMIME_IS_MESSAGE (gmime_message), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (raw != NULL && g_bytes_get_size (raw) > SIGNET_MAX_MESSAGE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT, "The message is larger than %d bytes",
                   SIGNET_MAX_MESSAGE_SIZE);
      return NULL;
    }
  return scan_root (GMIME_MESSAGE (gmime_message), raw, error);
}
