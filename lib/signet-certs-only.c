/* signet-certs-only.c: reading certificate files and writing certs-only
 * messages.
 *
 * An import file may be a certs-only MIME message (RFC 2632 section 4,
 * RFC 8551 section 3.6), a bare PKCS #7 certificate bag (.p7c/.p7b, DER or
 * PEM "PKCS7"), a PEM bundle of certificates and CRLs, or DER certificates
 * and CRLs. Every item that is not taken is reported with a reason; only a
 * file that cannot be read at all is an error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-certs-only.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "signet-der.h"
#include "signet-error.h"
#include "signet-gmime-private.h"
#include "signet-gnutls-private.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-oids.h"

#define OID_SIGNED_DATA    "1.2.840.113549.1.7.2"
#define OID_ENVELOPED_DATA "1.2.840.113549.1.7.3"

typedef struct
{
  SignetCertsOnlyContents *out;
  GHashTable *seen;            /* sha256 of certificates and CRLs taken */
  guint items;
  gboolean full;
} Reader;

static void read_any (Reader *r, const char *location, GBytes *data, guint depth);

/**
 * signet_certs_only_contents_free:
 * @contents: (transfer full): contents
 *
 * Frees @contents.
 */
void
signet_certs_only_contents_free (SignetCertsOnlyContents *contents)
{
  if (contents == NULL)
    return;
  g_clear_pointer (&contents->certificates, g_ptr_array_unref);
  g_clear_pointer (&contents->crls, g_ptr_array_unref);
  g_clear_pointer (&contents->refused, g_ptr_array_unref);
  g_free (contents);
}

static void
refusal_free (SignetRefusal *refusal)
{
  g_free (refusal->location);
  g_free (refusal->detail);
  g_free (refusal);
}

/**
 * signet_refusal_reason_to_string:
 * @reason: a reason
 *
 * Returns: a stable identifier of @reason for JSON and scripts, such as
 *   "attribute-certificate"
 */
const char *
signet_refusal_reason_to_string (SignetRefusalReason reason)
{
  switch (reason)
    {
    case SIGNET_REFUSAL_GARBAGE:
      return "garbage";
    case SIGNET_REFUSAL_NOT_A_CERTIFICATE:
      return "not-a-certificate";
    case SIGNET_REFUSAL_BAD_CERTIFICATE:
      return "bad-certificate";
    case SIGNET_REFUSAL_BAD_CRL:
      return "bad-crl";
    case SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE:
      return "attribute-certificate";
    case SIGNET_REFUSAL_OTHER_CERTIFICATE_FORMAT:
      return "other-certificate-format";
    case SIGNET_REFUSAL_OTHER_REVOCATION_INFO:
      return "other-revocation-info";
    case SIGNET_REFUSAL_DUPLICATE:
      return "duplicate";
    case SIGNET_REFUSAL_TOO_MANY:
      return "too-many";
    default:
      return "unknown";
    }
}

/**
 * signet_refusal_describe:
 * @refusal: a refusal
 *
 * Returns: (transfer full): a translated sentence saying why the item was
 *   not imported
 */
char *
signet_refusal_describe (const SignetRefusal *refusal)
{
  switch (refusal->reason)
    {
    case SIGNET_REFUSAL_GARBAGE:
      return g_strdup (_("This is neither a certificate nor a certificate revocation list: the data cannot be read."));
    case SIGNET_REFUSAL_NOT_A_CERTIFICATE:
      return g_strdup (_("This is not a certificate or a certificate revocation list."));
    case SIGNET_REFUSAL_BAD_CERTIFICATE:
      return g_strdup (_("This certificate is damaged or malformed and cannot be read."));
    case SIGNET_REFUSAL_BAD_CRL:
      return g_strdup (_("This certificate revocation list is damaged or malformed and cannot be read."));
    case SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE:
      return g_strdup (_("This is an attribute certificate, which S/MIME does not use."));
    case SIGNET_REFUSAL_OTHER_CERTIFICATE_FORMAT:
      return g_strdup (_("This certificate is in a format other than X.509, which Signet does not support."));
    case SIGNET_REFUSAL_OTHER_REVOCATION_INFO:
      return g_strdup (_("This revocation information is not a certificate revocation list, which Signet does not support here."));
    case SIGNET_REFUSAL_DUPLICATE:
      return g_strdup (_("This item appeared earlier in the same file."));
    case SIGNET_REFUSAL_TOO_MANY:
      return g_strdup (_("The file holds too many items or nests them too deeply; the rest was not read."));
    default:
      return g_strdup (_("This item was not imported."));
    }
}

static void
refuse (Reader *r, const char *location, SignetRefusalReason reason, const char *detail)
{
  SignetRefusal *refusal;

  if (r->full)
    return;
  if (++r->items > SIGNET_CERTS_ONLY_MAX_ITEMS && reason != SIGNET_REFUSAL_TOO_MANY)
    {
      r->full = TRUE;
      reason = SIGNET_REFUSAL_TOO_MANY;
      detail = NULL;
    }
  refusal = g_new0 (SignetRefusal, 1);
  refusal->location = g_strdup (location);
  refusal->reason = reason;
  refusal->detail = g_strdup (detail);
  g_ptr_array_add (r->out->refused, refusal);
}

/* Counts one more item; when the cap is reached, records the refusal once
 * and returns FALSE. */
static gboolean
take_item (Reader *r, const char *location)
{
  if (r->full)
    return FALSE;
  if (r->items + 1 > SIGNET_CERTS_ONLY_MAX_ITEMS)
    {
      refuse (r, location, SIGNET_REFUSAL_TOO_MANY, NULL);
      r->full = TRUE;
      return FALSE;
    }
  r->items++;
  return TRUE;
}

/* Shape of a DER SEQUENCE whose contents start with an inner SEQUENCE (a
 * signed object): certificate, CRL or attribute certificate. */
typedef enum
{
  SHAPE_UNKNOWN,
  SHAPE_CERTIFICATE,
  SHAPE_CRL,
  SHAPE_ATTRIBUTE_CERTIFICATE,
} Shape;

static Shape
guess_shape (const SignetDerTlv *outer)
{
  SignetDerReader reader, tbs_reader;
  SignetDerTlv tbs, t[4];
  guint n = 0;

  signet_der_reader_init_contents (&reader, outer);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tbs))
    return SHAPE_UNKNOWN;
  signet_der_reader_init_contents (&tbs_reader, &tbs);
  while (n < G_N_ELEMENTS (t) && signet_der_read (&tbs_reader, &t[n]))
    n++;
  if (n == 0)
    return SHAPE_UNKNOWN;
  /* TBSCertificate: [0] version, serial, signature, issuer, validity... */
  if (signet_der_tlv_is (&t[0], SIGNET_DER_CLASS_CONTEXT, 0))
    return SHAPE_CERTIFICATE;
  if (signet_der_tlv_is (&t[0], SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER))
    {
      /* AttributeCertificateInfo: version, holder, issuer [0] v2Form, ... */
      if (n >= 3 && signet_der_tlv_is (&t[2], SIGNET_DER_CLASS_CONTEXT, 0))
        return SHAPE_ATTRIBUTE_CERTIFICATE;
      /* TBSCertList v2: version, signature, issuer, thisUpdate */
      if (n >= 4 && (signet_der_tlv_is (&t[3], SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_UTC_TIME) ||
                     signet_der_tlv_is (&t[3], SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_GENERALIZED_TIME)))
        return SHAPE_CRL;
      /* v1 TBSCertificate: serial, signature, issuer, validity */
      return SHAPE_CERTIFICATE;
    }
  /* TBSCertList v1: signature, issuer, thisUpdate */
  if (n >= 3 && (signet_der_tlv_is (&t[2], SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_UTC_TIME) ||
                 signet_der_tlv_is (&t[2], SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_GENERALIZED_TIME)))
    return SHAPE_CRL;
  return SHAPE_UNKNOWN;
}

static void
add_certificate (Reader *r, const char *location, SignetCertificate *cert)
{
  const char *sha256 = signet_certificate_get_sha256 (cert);

  if (g_hash_table_contains (r->seen, sha256))
    {
      refuse (r, location, SIGNET_REFUSAL_DUPLICATE, sha256);
      return;
    }
  if (!take_item (r, location))
    return;
  g_hash_table_add (r->seen, g_strdup (sha256));
  g_ptr_array_add (r->out->certificates, g_object_ref (cert));
}

static void
add_crl (Reader *r, const char *location, SignetCrl *crl)
{
  const char *sha256 = signet_crl_get_sha256 (crl);

  if (g_hash_table_contains (r->seen, sha256))
    {
      refuse (r, location, SIGNET_REFUSAL_DUPLICATE, sha256);
      return;
    }
  if (!take_item (r, location))
    return;
  g_hash_table_add (r->seen, g_strdup (sha256));
  g_ptr_array_add (r->out->crls, g_object_ref (crl));
}

/* One element of a CMS CertificateSet (CertificateChoices). */
static void
read_certificate_choice (Reader *r, const char *location, GBytes *der)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (der, &len);
  g_autoptr (SignetCertificate) cert = NULL;
  g_autoptr (GError) error = NULL;

  if (len == 0)
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
      return;
    }
  /* [1] v1AttrCert, [2] v2AttrCert, [3] other (RFC 5652 10.2.2); [0] is
   * the obsolete extendedCertificate. */
  if (data[0] == 0xa1 || data[0] == 0xa2)
    {
      refuse (r, location, SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE, NULL);
      return;
    }
  if (data[0] != 0x30)
    {
      refuse (r, location, SIGNET_REFUSAL_OTHER_CERTIFICATE_FORMAT, NULL);
      return;
    }
  cert = signet_certificate_new_from_der (der, &error);
  if (cert == NULL)
    {
      refuse (r, location, SIGNET_REFUSAL_BAD_CERTIFICATE, error->message);
      return;
    }
  add_certificate (r, location, cert);
}

static void
read_pkcs7 (Reader *r, const char *location, GBytes *der)
{
  g_auto (gnutls_pkcs7_t) p7 = NULL;
  gnutls_datum_t d = _signet_datum_from_bytes (der);
  int rc, n_certs, n_crls;

  if (gnutls_pkcs7_init (&p7) < 0)
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
      return;
    }
  rc = gnutls_pkcs7_import (p7, &d, GNUTLS_X509_FMT_DER);
  if (rc < 0)
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, gnutls_strerror (rc));
      return;
    }
  n_certs = gnutls_pkcs7_get_crt_count (p7);
  n_crls = gnutls_pkcs7_get_crl_count (p7);
  if (n_certs <= 0 && n_crls <= 0)
    {
      refuse (r, location, SIGNET_REFUSAL_NOT_A_CERTIFICATE, "PKCS #7 SignedData without certificates");
      return;
    }
  for (int i = 0; i < n_certs && !r->full; i++)
    {
      g_auto (gnutls_datum_t) raw = { NULL, 0 };
      g_autofree char *where = g_strdup_printf ("%s, certificate %d", location, i + 1);
      g_autoptr (GBytes) bytes = NULL;

      rc = gnutls_pkcs7_get_crt_raw2 (p7, (unsigned) i, &raw);
      if (rc < 0)
        {
          refuse (r, where, SIGNET_REFUSAL_GARBAGE, gnutls_strerror (rc));
          continue;
        }
      bytes = _signet_bytes_from_datum (&raw);
      read_certificate_choice (r, where, bytes);
    }
  for (int i = 0; i < n_crls && !r->full; i++)
    {
      g_auto (gnutls_datum_t) raw = { NULL, 0 };
      g_autofree char *where = g_strdup_printf ("%s, CRL %d", location, i + 1);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (SignetCrl) crl = NULL;
      g_autoptr (GError) error = NULL;

      rc = gnutls_pkcs7_get_crl_raw2 (p7, (unsigned) i, &raw);
      if (rc < 0)
        {
          refuse (r, where, SIGNET_REFUSAL_GARBAGE, gnutls_strerror (rc));
          continue;
        }
      if (raw.size == 0 || raw.data[0] != 0x30)
        {
          refuse (r, where, SIGNET_REFUSAL_OTHER_REVOCATION_INFO, NULL);
          continue;
        }
      bytes = _signet_bytes_from_datum (&raw);
      crl = signet_crl_new_from_der (bytes, &error);
      if (crl == NULL)
        refuse (r, where, SIGNET_REFUSAL_BAD_CRL, error->message);
      else
        add_crl (r, where, crl);
    }
}

/* One DER object: a ContentInfo, a certificate, a CRL, or something else. */
static void
read_der_object (Reader *r, const char *location, const SignetDerTlv *tlv)
{
  g_autoptr (GBytes) der = g_bytes_new (tlv->start, tlv->total_len);
  SignetDerReader reader;
  SignetDerTlv first;
  g_autoptr (GError) cert_error = NULL;
  g_autoptr (GError) crl_error = NULL;
  g_autoptr (SignetCertificate) cert = NULL;
  g_autoptr (SignetCrl) crl = NULL;
  Shape shape;

  if (!signet_der_tlv_is (tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE))
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
      return;
    }
  signet_der_reader_init_contents (&reader, tlv);
  if (!signet_der_peek (&reader, &first))
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
      return;
    }
  if (signet_der_tlv_is (&first, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID))
    {
      g_autofree char *oid = signet_der_oid_to_string (first.value, first.value_len);

      if (g_strcmp0 (oid, OID_SIGNED_DATA) == 0)
        read_pkcs7 (r, location, der);
      else if (g_strcmp0 (oid, OID_ENVELOPED_DATA) == 0)
        refuse (r, location, SIGNET_REFUSAL_NOT_A_CERTIFICATE, "encrypted message (EnvelopedData)");
      else
        refuse (r, location, SIGNET_REFUSAL_NOT_A_CERTIFICATE, oid);
      return;
    }

  shape = guess_shape (tlv);
  if (shape == SHAPE_ATTRIBUTE_CERTIFICATE)
    {
      refuse (r, location, SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE, NULL);
      return;
    }
  if (shape != SHAPE_CRL)
    {
      cert = signet_certificate_new_from_der (der, &cert_error);
      if (cert != NULL)
        {
          add_certificate (r, location, cert);
          return;
        }
    }
  if (shape != SHAPE_CERTIFICATE)
    {
      crl = signet_crl_new_from_der (der, &crl_error);
      if (crl != NULL)
        {
          add_crl (r, location, crl);
          return;
        }
    }
  switch (shape)
    {
    case SHAPE_CERTIFICATE:
      refuse (r, location, SIGNET_REFUSAL_BAD_CERTIFICATE, cert_error->message);
      break;
    case SHAPE_CRL:
      refuse (r, location, SIGNET_REFUSAL_BAD_CRL, crl_error->message);
      break;
    default:
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
      break;
    }
}

/* DER objects one after the other (a .cer with several certificates is
 * seen in the wild). */
static void
read_der (Reader *r, const char *location, GBytes *data)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  SignetDerReader reader;
  guint n = 0;

  signet_der_reader_init (&reader, bytes, len);
  while (!signet_der_reader_at_end (&reader) && !r->full)
    {
      SignetDerTlv tlv;
      g_autofree char *where = NULL;

      n++;
      where = n == 1 ? g_strdup (location) : g_strdup_printf ("%s, object %u", location, n);
      if (!signet_der_read (&reader, &tlv))
        {
          refuse (r, where, SIGNET_REFUSAL_GARBAGE, "malformed DER");
          return;
        }
      read_der_object (r, where, &tlv);
    }
}

/* ---- PEM ---------------------------------------------------------------- */

static gboolean
looks_like_pem (const guint8 *data, gsize len)
{
  return g_strstr_len ((const char *) data, (gssize) len, "-----BEGIN ") != NULL;
}

static void
read_pem_block (Reader *r, const char *location, const char *label, const char *block, gsize block_len)
{
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  gnutls_datum_t in = { (unsigned char *) block, (unsigned int) block_len };
  g_autoptr (GBytes) bytes = NULL;
  int rc;

  if (g_str_equal (label, "ATTRIBUTE CERTIFICATE"))
    {
      refuse (r, location, SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE, NULL);
      return;
    }
  if (!g_str_equal (label, "CERTIFICATE") && !g_str_equal (label, "X509 CERTIFICATE") &&
      !g_str_equal (label, "TRUSTED CERTIFICATE") && !g_str_equal (label, "X509 CRL") &&
      !g_str_equal (label, "PKCS7") && !g_str_equal (label, "CMS") &&
      !g_str_equal (label, "CERTIFICATE CHAIN"))
    {
      refuse (r, location, SIGNET_REFUSAL_NOT_A_CERTIFICATE, label);
      return;
    }
  rc = gnutls_pem_base64_decode2 (label, &in, &der);
  if (rc < 0)
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, gnutls_strerror (rc));
      return;
    }
  bytes = _signet_bytes_from_datum (&der);
  if (g_str_equal (label, "TRUSTED CERTIFICATE"))
    {
      /* OpenSSL appends its trust settings after the certificate. */
      SignetDerReader reader;
      SignetDerTlv tlv;

      signet_der_reader_init (&reader, der.data, der.size);
      if (signet_der_read (&reader, &tlv))
        read_der_object (r, location, &tlv);
      else
        refuse (r, location, SIGNET_REFUSAL_GARBAGE, "malformed DER");
      return;
    }
  read_der (r, location, bytes);
}

static void
read_pem (Reader *r, const char *location, GBytes *data)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  const char *end = text + len;
  const char *p = text;
  guint n = 0;

  while (p < end && !r->full)
    {
      const char *begin = g_strstr_len (p, end - p, "-----BEGIN ");
      const char *label_start, *label_end, *end_marker, *block_end;
      g_autofree char *label = NULL;
      g_autofree char *end_line = NULL;
      g_autofree char *where = NULL;

      if (begin == NULL)
        break;
      n++;
      where = g_strdup_printf ("%s, PEM block %u", location, n);
      label_start = begin + strlen ("-----BEGIN ");
      label_end = g_strstr_len (label_start, MIN (end - label_start, 80), "-----");
      if (label_end == NULL)
        {
          refuse (r, where, SIGNET_REFUSAL_GARBAGE, "malformed PEM header");
          return;
        }
      label = g_strndup (label_start, label_end - label_start);
      end_line = g_strdup_printf ("-----END %s-----", label);
      end_marker = g_strstr_len (label_end, end - label_end, end_line);
      if (end_marker == NULL)
        {
          refuse (r, where, SIGNET_REFUSAL_GARBAGE, "PEM block without its END line");
          return;
        }
      block_end = end_marker + strlen (end_line);
      read_pem_block (r, where, label, begin, block_end - begin);
      p = block_end;
    }
  if (n == 0)
    refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
}

/* ---- MIME --------------------------------------------------------------- */

/* A message starts with header fields, and one of those before the first
 * empty line is Content-Type. */
static gboolean
looks_like_mime (const guint8 *data, gsize len)
{
  const char *p = (const char *) data;
  const char *end = p + MIN (len, 64 * 1024);
  gboolean first = TRUE;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize line_len = (eol ? eol : end) - p;
      const char *colon;

      if (line_len > 0 && p[line_len - 1] == '\r')
        line_len--;
      if (line_len == 0)
        return FALSE;
      if (first || (*p != ' ' && *p != '\t'))
        {
          colon = memchr (p, ':', line_len);
          if (colon == NULL || colon == p)
            return FALSE;
          for (const char *q = p; q < colon; q++)
            if (*q <= ' ' || *q > '~')
              return FALSE;
          if (colon - p == 12 && g_ascii_strncasecmp (p, "Content-Type", 12) == 0)
            return TRUE;
        }
      first = FALSE;
      if (eol == NULL)
        break;
      p = eol + 1;
    }
  return FALSE;
}

static gboolean
is_certificate_part (GMimeObject *part)
{
  GMimeContentType *ct = g_mime_object_get_content_type (part);
  const char *filename;

  if (g_mime_content_type_is_type (ct, "application", "pkcs7-mime") ||
      g_mime_content_type_is_type (ct, "application", "x-pkcs7-mime"))
    {
      const char *smime_type = g_mime_content_type_get_parameter (ct, "smime-type");

      /* certs-only, or no label (then the content decides). */
      return smime_type == NULL || g_ascii_strcasecmp (smime_type, "certs-only") == 0;
    }
  if (g_mime_content_type_is_type (ct, "application", "pkcs7-signature") ||
      g_mime_content_type_is_type (ct, "application", "x-pkcs7-signature") ||
      g_mime_content_type_is_type (ct, "application", "x-pkcs7-certificates") ||
      g_mime_content_type_is_type (ct, "application", "pkcs7-certificates") ||
      g_mime_content_type_is_type (ct, "application", "pkix-cert") ||
      g_mime_content_type_is_type (ct, "application", "pkix-crl") ||
      g_mime_content_type_is_type (ct, "application", "x-x509-ca-cert") ||
      g_mime_content_type_is_type (ct, "application", "x-x509-user-cert") ||
      g_mime_content_type_is_type (ct, "application", "x-pem-file"))
    return TRUE;
  filename = g_mime_part_get_filename (GMIME_PART (part));
  if (filename != NULL)
    {
      static const char *const suffixes[] = { ".p7c", ".p7b", ".cer", ".crt", ".der", ".pem", ".crl" };
      g_autofree char *lower = g_ascii_strdown (filename, -1);

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        if (g_str_has_suffix (lower, suffixes[i]))
          return TRUE;
    }
  return FALSE;
}

static GBytes *
part_content (GMimePart *part)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr (GMimeStream) mem = NULL;
  GByteArray *array;

  if (wrapper == NULL)
    return NULL;
  mem = g_mime_stream_mem_new ();
  if (g_mime_data_wrapper_write_to_stream (wrapper, mem) < 0)
    return NULL;
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  return g_bytes_new (array->data, array->len);
}

static void
read_mime (Reader *r, const char *location, GBytes *data, guint depth)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer ((const char *) bytes, len);
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr (GMimeMessage) message = NULL;
  GMimePartIter *iter;
  guint visited = 0, found = 0;

  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL || g_mime_message_get_mime_part (message) == NULL)
    {
      refuse (r, location, SIGNET_REFUSAL_GARBAGE, "unreadable MIME message");
      return;
    }

  iter = g_mime_part_iter_new ((GMimeObject *) message);
  do
    {
      GMimeObject *part = g_mime_part_iter_get_current (iter);
      g_autoptr (GBytes) content = NULL;
      g_autofree char *path = NULL;
      g_autofree char *where = NULL;

      if (part == NULL)
        break;
      if (++visited > SIGNET_MAX_MIME_PARTS)
        {
          refuse (r, location, SIGNET_REFUSAL_TOO_MANY, "too many MIME parts");
          break;
        }
      if (!GMIME_IS_PART (part) || !is_certificate_part (part))
        continue;
      content = part_content (GMIME_PART (part));
      path = g_mime_part_iter_get_path (iter);
      where = g_strdup_printf ("%s, MIME part %s", location, path ? path : "1");
      found++;
      if (content == NULL || g_bytes_get_size (content) == 0)
        refuse (r, where, SIGNET_REFUSAL_GARBAGE, "empty MIME part");
      else
        read_any (r, where, content, depth + 1);
    }
  while (!r->full && g_mime_part_iter_next (iter));
  g_mime_part_iter_free (iter);

  if (found == 0 && visited <= SIGNET_MAX_MIME_PARTS)
    refuse (r, location, SIGNET_REFUSAL_NOT_A_CERTIFICATE, "a message without certificate parts");
}

static void
read_any (Reader *r, const char *location, GBytes *data, guint depth)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  if (depth > SIGNET_CERTS_ONLY_MAX_DEPTH)
    {
      refuse (r, location, SIGNET_REFUSAL_TOO_MANY, "nested too deeply");
      return;
    }
  if (len == 0)
    refuse (r, location, SIGNET_REFUSAL_GARBAGE, "empty");
  else if (bytes[0] == 0x30)
    read_der (r, location, data);
  else if (looks_like_mime (bytes, len))
    read_mime (r, location, data, depth);
  else if (looks_like_pem (bytes, len))
    read_pem (r, location, data);
  else
    refuse (r, location, SIGNET_REFUSAL_GARBAGE, NULL);
}

/**
 * signet_certs_only_parse:
 * @data: the contents of an import file
 * @error: return location for a #GError
 *
 * Reads the certificates and CRLs in @data: a certs-only MIME message, a
 * PKCS #7 certificate bag (DER or PEM), a PEM bundle, or DER certificates
 * and CRLs. Nothing is validated: these are candidates to store.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 *   (%SIGNET_ERROR_LIMIT) when @data is larger than
 *   %SIGNET_CERTS_ONLY_MAX_FILE_SIZE. Unreadable data is not an error but a
 *   refusal in the contents.
 */
SignetCertsOnlyContents *
signet_certs_only_parse (GBytes *data, GError **error)
{
  g_autoptr (SignetCertsOnlyContents) out = g_new0 (SignetCertsOnlyContents, 1);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Reader r = { 0 };

  g_return_val_if_fail (data != NULL, NULL);

  signet_init ();
  if (g_bytes_get_size (data) > SIGNET_CERTS_ONLY_MAX_FILE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   /* Translators: %u is a size in mebibytes. */
                   _("The file is larger than %u MiB, the most Signet reads for an import."),
                   (guint) (SIGNET_CERTS_ONLY_MAX_FILE_SIZE / (1024 * 1024)));
      return NULL;
    }
  out->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  out->crls = g_ptr_array_new_with_free_func (g_object_unref);
  out->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) refusal_free);
  r.out = out;
  r.seen = seen;
  read_any (&r, "file", data, 0);
  return g_steal_pointer (&out);
}

/**
 * signet_certs_only_parse_file:
 * @path: a file
 * @error: return location for a #GError
 *
 * Like signet_certs_only_parse() for the contents of @path.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 *   (%SIGNET_ERROR_IO when the file cannot be read)
 */
SignetCertsOnlyContents *
signet_certs_only_parse_file (const char *path, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the system's explanation. */
                   _("The file cannot be read: %s."), local->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  return signet_certs_only_parse (bytes, error);
}

/* ---- export --------------------------------------------------------------- */

/* GnuTLS writes a SignedData without signers with eContentType
 * digestedData (1.2.840.113549.1.7.5); RFC 5652 section 5.2 requires
 * id-data for this degenerate case. The two OIDs have the same length, so
 * the last octet is patched in place, at the position the DER reader
 * finds: ContentInfo.content[0].SignedData.encapContentInfo.eContentType. */
static void
fix_econtent_type (guint8 *der, gsize len)
{
  static const guint8 digested_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x05 };
  SignetDerReader r;
  SignetDerTlv tlv, oid;

  signet_der_reader_init (&r, der, len);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv))
    return;
  signet_der_reader_init_contents (&r, &tlv);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid) ||
      !signet_der_read_expect (&r, SIGNET_DER_CLASS_CONTEXT, 0, &tlv))
    return;
  signet_der_reader_init_contents (&r, &tlv);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv))
    return;
  signet_der_reader_init_contents (&r, &tlv);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER, &tlv) ||
      !signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SET, &tlv) ||
      !signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv))
    return;
  signet_der_reader_init_contents (&r, &tlv);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid))
    return;
  if (oid.value_len == sizeof digested_data &&
      memcmp (oid.value, digested_data, sizeof digested_data) == 0)
    ((guint8 *) oid.value)[oid.value_len - 1] = 0x01;
}

/**
 * signet_certs_only_build_p7c:
 * @certificates: (element-type SignetCertificate): the certificates, in the
 *   order to write them
 * @error: return location for a #GError
 *
 * Builds a certs-only SignedData (no signers, eContentType id-data without
 * content, RFC 5652 section 5.2) holding @certificates: the contents of an
 * smime.p7c file.
 *
 * Returns: (transfer full): the DER, or %NULL with @error set
 */
GBytes *
signet_certs_only_build_p7c (GPtrArray *certificates, GError **error)
{
  g_auto (gnutls_pkcs7_t) p7 = NULL;
  g_auto (gnutls_datum_t) out = { NULL, 0 };
  int rc;

  g_return_val_if_fail (certificates != NULL, NULL);

  signet_init ();
  rc = gnutls_pkcs7_init (&p7);
  for (guint i = 0; rc >= 0 && i < certificates->len; i++)
    {
      gnutls_datum_t der = _signet_datum_from_bytes (
        signet_certificate_get_der (g_ptr_array_index (certificates, i)));

      rc = gnutls_pkcs7_set_crt_raw (p7, &der);
    }
  if (rc >= 0)
    rc = gnutls_pkcs7_export2 (p7, GNUTLS_X509_FMT_DER, &out);
  if (rc < 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   /* Translators: %s is a technical detail in English. */
                   _("The certificates cannot be packed into a certs-only message (%s)."),
                   gnutls_strerror (rc));
      return NULL;
    }
  fix_econtent_type (out.data, out.size);
  return _signet_bytes_from_datum (&out);
}

/**
 * signet_certs_only_build_message:
 * @certificates: (element-type SignetCertificate): the certificates
 * @error: return location for a #GError
 *
 * Builds a whole certs-only MIME message: `application/pkcs7-mime;
 * smime-type=certs-only; name=smime.p7c`, base64, as an attachment named
 * smime.p7c (RFC 8551 section 3.6).
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
GBytes *
signet_certs_only_build_message (GPtrArray *certificates, GError **error)
{
  g_autoptr (GBytes) p7c = signet_certs_only_build_p7c (certificates, error);
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GMimeStream) content = NULL;
  g_autoptr (GMimeStream) out = NULL;
  g_autoptr (GMimeFormatOptions) options = NULL;
  GMimeDataWrapper *wrapper;
  GMimePart *part;
  GByteArray *array;

  if (p7c == NULL)
    return NULL;

  part = g_mime_part_new_with_type ("application", "pkcs7-mime");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "smime-type", "certs-only");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "name", "smime.p7c");
  g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_ATTACHMENT);
  g_mime_object_set_content_disposition_parameter (GMIME_OBJECT (part), "filename", "smime.p7c");
  content = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (p7c, NULL), g_bytes_get_size (p7c));
  wrapper = g_mime_data_wrapper_new_with_stream (content, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (part, wrapper);
  g_object_unref (wrapper);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);

  message = g_mime_message_new (FALSE);
  g_mime_object_set_header (GMIME_OBJECT (message), "MIME-Version", "1.0", NULL);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  g_object_unref (part);

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  out = g_mime_stream_mem_new ();
  if (g_mime_object_write_to_stream (GMIME_OBJECT (message), options, out) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                           _("The certs-only message cannot be written."));
      return NULL;
    }
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  return g_bytes_new (array->data, array->len);
}
