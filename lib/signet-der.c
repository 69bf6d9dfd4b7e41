/* signet-der.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-der.h"

#include <string.h>

void
signet_der_reader_init (SignetDerReader *reader, const guint8 *data, gsize len)
{
  reader->pos = data;
  /* Hardening fix: g_bytes_get_data() of an empty GBytes (an empty
   * extension value, an empty file) is NULL, and NULL + 0 is undefined
   * behaviour that UBSan aborts on. An empty reader needs no arithmetic. */
  reader->end = data != NULL ? data + len : data;
}

void
signet_der_reader_init_contents (SignetDerReader *reader, const SignetDerTlv *tlv)
{
  signet_der_reader_init (reader, tlv->value, tlv->value_len);
}

gboolean
signet_der_reader_at_end (const SignetDerReader *reader)
{
  return reader->pos >= reader->end;
}

static gboolean
parse_tlv (const guint8 *p, const guint8 *end, SignetDerTlv *out)
{
  const guint8 *start = p;
  gsize avail;
  gsize len;
  guint32 tag;

  if (p >= end)
    return FALSE;

  out->tag_class = *p >> 6;
  out->constructed = (*p & 0x20) != 0;
  tag = *p & 0x1f;
  p++;

  if (tag == 0x1f)
    {
      /* High tag number form: base-128, at most four octets. */
      guint n = 0;

      tag = 0;
      do
        {
          if (p >= end || n == 4)
            return FALSE;
          tag = (tag << 7) | (*p & 0x7f);
          n++;
        }
      while (*p++ & 0x80);
    }
  out->tag = tag;

  if (p >= end)
    return FALSE;

  if (*p < 0x80)
    {
      len = *p++;
    }
  else
    {
      guint n = *p++ & 0x7f;

      /* 0x80 is BER's indefinite length: not DER. */
      if (n == 0 || n > sizeof (gsize) || (gsize) (end - p) < n)
        return FALSE;
      len = 0;
      for (guint i = 0; i < n; i++)
        len = (len << 8) | *p++;
    }

  avail = (gsize) (end - p);
  if (len > avail)
    return FALSE;

  out->start = start;
  out->value = p;
  out->value_len = len;
  out->total_len = (gsize) (p - start) + len;
  return TRUE;
}

gboolean
signet_der_peek (const SignetDerReader *reader, SignetDerTlv *out)
{
  return parse_tlv (reader->pos, reader->end, out);
}

gboolean
signet_der_read (SignetDerReader *reader, SignetDerTlv *out)
{
  if (!parse_tlv (reader->pos, reader->end, out))
    return FALSE;
  reader->pos = out->start + out->total_len;
  return TRUE;
}

gboolean
signet_der_tlv_is (const SignetDerTlv *tlv, guint8 tag_class, guint32 tag)
{
  return tlv->tag_class == tag_class && tlv->tag == tag;
}

gboolean
signet_der_read_expect (SignetDerReader *reader,
                        guint8 tag_class,
                        guint32 tag,
                        SignetDerTlv *out)
{
  SignetDerTlv tlv;

  if (!signet_der_peek (reader, &tlv) || !signet_der_tlv_is (&tlv, tag_class, tag))
    return FALSE;
  reader->pos = tlv.start + tlv.total_len;
  *out = tlv;
  return TRUE;
}

char *
signet_der_oid_to_string (const guint8 *data, gsize len)
{
  GString *s;
  guint64 v = 0;
  gboolean first = TRUE;

  if (len == 0 || len > 128 || (data[len - 1] & 0x80) != 0)
    return NULL;

  s = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    {
      if (v > (G_MAXUINT64 >> 7))
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      v = (v << 7) | (data[i] & 0x7f);
      if (data[i] & 0x80)
        continue;
      if (first)
        {
          guint first_arc = v < 40 ? 0 : v < 80 ? 1 : 2;
          g_string_append_printf (s, "%u.%" G_GUINT64_FORMAT, first_arc, v - first_arc * 40);
          first = FALSE;
        }
      else
        {
          g_string_append_printf (s, ".%" G_GUINT64_FORMAT, v);
        }
      v = 0;
    }
  return g_string_free (s, FALSE);
}

static gboolean
read_digits (const guint8 *p, guint n, int *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
signet_der_parse_time (const SignetDerTlv *tlv, gint64 *unix_time)
{
  const guint8 *p = tlv->value;
  int year, mon, day, hour, min, sec = 0;
  guint off;
  g_autoptr (GDateTime) dt = NULL;

  if (tlv->tag_class != SIGNET_DER_CLASS_UNIVERSAL)
    return FALSE;

  if (tlv->tag == SIGNET_DER_TAG_UTC_TIME)
    {
      /* YYMMDDHHMM[SS]Z */
      if (tlv->value_len != 13 && tlv->value_len != 11)
        return FALSE;
      if (!read_digits (p, 2, &year))
        return FALSE;
      year += year < 50 ? 2000 : 1900;
      off = 2;
    }
  else if (tlv->tag == SIGNET_DER_TAG_GENERALIZED_TIME)
    {
      /* YYYYMMDDHHMMSSZ */
      if (tlv->value_len != 15)
        return FALSE;
      if (!read_digits (p, 4, &year))
        return FALSE;
      off = 4;
    }
  else
    {
      return FALSE;
    }

  if (!read_digits (p + off, 2, &mon) || !read_digits (p + off + 2, 2, &day) ||
      !read_digits (p + off + 4, 2, &hour) || !read_digits (p + off + 6, 2, &min))
    return FALSE;
  off += 8;
  if (tlv->value_len - off == 3)
    {
      if (!read_digits (p + off, 2, &sec))
        return FALSE;
      off += 2;
    }
  if (p[off] != 'Z' || off + 1 != tlv->value_len)
    return FALSE;

  dt = g_date_time_new_utc (year, mon, day, hour, min, sec);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
signet_der_parse_small_int (const SignetDerTlv *tlv, gint64 *value)
{
  guint64 v;

  if (tlv->value_len == 0 || tlv->value_len > 7)
    return FALSE;
  v = (tlv->value[0] & 0x80) ? G_MAXUINT64 : 0;
  for (gsize i = 0; i < tlv->value_len; i++)
    v = (v << 8) | tlv->value[i];
  *value = (gint64) v;
  return TRUE;
}
