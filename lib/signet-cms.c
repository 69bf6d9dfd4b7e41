/* signet-cms.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-cms.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "signet-asn1.h"
#include "signet-cache-private.h"
#include "signet-certificate-private.h"
#include "signet-der.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-oids.h"
#include "signet-signer-info-private.h"

/**
 * SignetCms:
 *
 * A CMS SignedData (RFC 5652 5) as S/MIME uses it: the encapsulated content
 * (if any), the certificates and CRLs it carries and its SignerInfos.
 * GnuTLS parses it and checks signatures (RSASSA-PSS ones are checked here
 * with their own parameters, which GnuTLS 3.7 ignores); the content digest, the
 * attribute rules of RFC 5652 5.3 and 11 and everything GnuTLS does not
 * expose are checked here, so that every failure has its own
 * #SignetCmsVerifyResult. Immutable after construction, except that
 * signature checks on the GnuTLS handle are serialised internally.
 */
struct _SignetCms
{
  GObject parent_instance;

  gnutls_pkcs7_t p7;
  GBytes *der;
  char *econtent_type;
  GBytes *content; /* nullable */
  GPtrArray *certificates;
  guint n_skipped_certificates;
  gboolean certificates_truncated;
  GPtrArray *crls;
  gboolean crls_truncated;
  GPtrArray *signers;
  gboolean signers_truncated;
  GMutex lock;
};

G_DEFINE_FINAL_TYPE (SignetCms, signet_cms, G_TYPE_OBJECT)

static void
signet_cms_finalize (GObject *object)
{
  SignetCms *self = SIGNET_CMS (object);

  g_clear_pointer (&self->p7, gnutls_pkcs7_deinit);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_free (self->econtent_type);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_clear_pointer (&self->signers, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (signet_cms_parent_class)->finalize (object);
}

static void
signet_cms_class_init (SignetCmsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_cms_finalize;
}

static void
signet_cms_init (SignetCms *self)
{
  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  self->crls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->signers = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->lock);
}

/* ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }.
 * Reads only the outer header and the OID (and, with @content, the [0]
 * header): signet-der refuses BER's indefinite lengths, which `openssl cms
 * -stream` and many mail clients use for the outer SEQUENCE and [0], so an
 * indefinite-length header (length octet 0x80) is stepped over here.
 * @content then runs to the end of the buffer (end-of-contents octets
 * included) or of the definite [0]. */
static gboolean
read_content_info (
    const guint8 *data, gsize len, SignetDerTlv *oid, const guint8 **content, gsize *content_len)
{
  SignetDerReader r;
  SignetDerTlv tlv;

  if (data == NULL || len < 2)
    return FALSE;
  if (data[0] == 0x30 && data[1] == 0x80)
    {
      signet_der_reader_init (&r, data + 2, len - 2);
    }
  else
    {
      signet_der_reader_init (&r, data, len);
      if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv) ||
          !tlv.constructed)
        return FALSE;
      signet_der_reader_init_contents (&r, &tlv);
    }
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, oid))
    return FALSE;
  if (content == NULL)
    return TRUE;

  if (r.end - r.pos >= 2 && r.pos[0] == 0xa0 && r.pos[1] == 0x80)
    {
      *content = r.pos + 2;
      *content_len = (gsize) (r.end - r.pos - 2);
      return TRUE;
    }
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_CONTEXT, 0, &tlv) || !tlv.constructed)
    return FALSE;
  *content = tlv.value;
  *content_len = tlv.value_len;
  return TRUE;
}

static SignetCmsType
type_from_oid (const char *oid)
{
  if (oid == NULL)
    return SIGNET_CMS_OTHER;
  if (g_str_equal (oid, SIGNET_OID_SIGNED_DATA))
    return SIGNET_CMS_SIGNED_DATA;
  if (g_str_equal (oid, SIGNET_OID_ENVELOPED_DATA))
    return SIGNET_CMS_ENVELOPED_DATA;
  if (g_str_equal (oid, SIGNET_OID_AUTH_ENVELOPED_DATA))
    return SIGNET_CMS_AUTH_ENVELOPED_DATA;
  if (g_str_equal (oid, SIGNET_OID_COMPRESSED_DATA))
    return SIGNET_CMS_COMPRESSED_DATA;
  return SIGNET_CMS_OTHER;
}

static SignetCmsType
sniff_type (const guint8 *data, gsize len)
{
  SignetDerTlv oid;
  g_autofree char *str = NULL;

  if (!read_content_info (data, len, &oid, NULL, NULL))
    return SIGNET_CMS_OTHER;
  str = signet_der_oid_to_string (oid.value, oid.value_len);
  return type_from_oid (str);
}

/**
 * signet_cms_sniff_type:
 * @der: a DER or BER ContentInfo
 *
 * Tells the content type of a ContentInfo from its outer contentType OID
 * without parsing the rest, e.g. to tell encrypted from signed data in an
 * application/pkcs7-mime part whose smime-type parameter is missing or
 * wrong. Cheap and safe on any input.
 *
 * Returns: the type; %SIGNET_CMS_OTHER for unknown types and for input
 *   that does not start like a ContentInfo
 */
SignetCmsType
signet_cms_sniff_type (GBytes *der)
{
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (der != NULL, SIGNET_CMS_OTHER);

  data = g_bytes_get_data (der, &len);
  return sniff_type (data, len);
}

/**
 * signet_cms_type_to_string:
 * @type: a #SignetCmsType
 *
 * Returns: a stable name for @type: "signed-data", "enveloped-data",
 *   "auth-enveloped-data", "compressed-data" or "other"
 */
const char *
signet_cms_type_to_string (SignetCmsType type)
{
  switch (type)
    {
    case SIGNET_CMS_SIGNED_DATA:
      return "signed-data";
    case SIGNET_CMS_ENVELOPED_DATA:
      return "enveloped-data";
    case SIGNET_CMS_AUTH_ENVELOPED_DATA:
      return "auth-enveloped-data";
    case SIGNET_CMS_COMPRESSED_DATA:
      return "compressed-data";
    case SIGNET_CMS_OTHER:
    default:
      return "other";
    }
}

/* PEM armour with the label PKCS7 (RFC 7468 5) or CMS; anything else is
 * taken as DER/BER. */
static GBytes *
strip_pem (GBytes *data, GError **error)
{
  static const char *const labels[] = { "PKCS7", "CMS" };
  gsize len = 0;
  const char *text = g_bytes_get_data (data, &len);

  if (len == 0 || text[0] == 0x30)
    return g_bytes_ref (data);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *begin = g_strdup_printf ("-----BEGIN %s-----", labels[i]);
      gnutls_datum_t in = { (unsigned char *) text, (unsigned int) len };
      g_auto (gnutls_datum_t) out = { NULL, 0 };
      int rc;

      if (g_strstr_len (text, (gssize) len, begin) == NULL)
        continue;
      rc = gnutls_pem_base64_decode2 (labels[i], &in, &out);
      if (rc < 0 || out.size == 0)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Invalid %s PEM armour: %s",
                       labels[i], rc < 0 ? gnutls_strerror (rc) : "no data");
          return NULL;
        }
      return _signet_bytes_from_datum (&out);
    }

  if (g_strstr_len (text, (gssize) len, "-----BEGIN ") != NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                           "PEM data is not labelled PKCS7 or CMS");
      return NULL;
    }
  return g_bytes_ref (data);
}

/* The SignedData decoded with signet-cms.asn, for the fields GnuTLS does
 * not expose (digestAlgorithm, value counts of attributes, where the signed
 * attributes lie), and in @decoded the bytes it was decoded from, a slice
 * of @der. NULL if that decoding fails: GnuTLS accepted the structure, so
 * the extra checks are then skipped rather than the message refused. */
static asn1_node
decode_signed_data (GBytes *der, GBytes **decoded)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (der, &len);
  const guint8 *content = NULL;
  gsize content_len = 0;
  gsize consumed = 0;
  SignetDerTlv oid;
  asn1_node node;

  if (!read_content_info (data, len, &oid, &content, &content_len))
    return NULL;
  node = signet_asn1_decode ("SignetCms.SignedData", content, content_len, FALSE, &consumed);
  if (node != NULL)
    *decoded = g_bytes_new_from_bytes (der, (gsize) (content - data), consumed);
  return node;
}

/* The SignedData walked with signet-signed-data-view.c (NULL when the
 * walk refuses it: then decode_signed_data() is used), and in @walked the
 * bytes it covers, a slice of @der. */
static SignetSignedDataView *
walk_signed_data (GBytes *der, GBytes **walked)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (der, &len);
  const guint8 *content = NULL;
  gsize content_len = 0;
  SignetDerTlv oid;
  SignetSignedDataView *view;

  if (!read_content_info (data, len, &oid, &content, &content_len))
    return NULL;
  view = _signet_signed_data_view_new (content, content_len);
  if (view != NULL)
    *walked = g_bytes_new_from_bytes (der, (gsize) (content - data), view->len);
  return view;
}

/**
 * _signet_cms_signed_data_views_agree:
 * @data: a DER CMS ContentInfo
 * @walked: (out) (optional): whether the walk accepted the SignedData
 *
 * For tests and the fuzzer: whether every SignerInfo reads the same from
 * the DER walk of the SignedData as from its libtasn1 decoding. TRUE when
 * the walk refuses the SignedData (the decoding is then used); FALSE when
 * the walk accepts what the decoding refuses, or reads something else.
 *
 * Returns: whether they agree
 */
gboolean
_signet_cms_signed_data_views_agree (GBytes *data, gboolean *walked)
{
  g_autoptr (GBytes) walked_bytes = NULL;
  g_autoptr (GBytes) decoded = NULL;
  g_autoptr (SignetSignedDataView) view = walk_signed_data (data, &walked_bytes);
  g_auto (asn1_node) tree = NULL;

  if (walked != NULL)
    *walked = view != NULL;
  if (view == NULL)
    return TRUE;
  tree = decode_signed_data (data, &decoded);
  if (tree == NULL || !g_bytes_equal (walked_bytes, decoded))
    return FALSE;
  if (signet_asn1_count (tree, "signerInfos") != view->signers->len)
    return FALSE;
  for (guint i = 0; i < view->signers->len; i++)
    if (!_signet_signer_sources_agree (&g_array_index (view->signers, SignetSignerView, i), tree, walked_bytes, i))
      return FALSE;
  return TRUE;
}

/**
 * signet_cms_clear_certificate_cache:
 *
 * Drops the process-wide cache of certificates parsed from CMS objects
 * (shared with the store's and the certificate files' reads).
 */
void
signet_cms_clear_certificate_cache (void)
{
  _signet_certificate_clear_shared ();
}

static SignetCertificate *
parse_certificate (GBytes *der)
{
  return _signet_certificate_new_shared (der);
}

/* Hand-off from the MIME scanner (see _signet_cms_hand_off()). */
#define HANDOFF_SLOTS 4

typedef struct
{
  GBytes *der[HANDOFF_SLOTS];
  gnutls_pkcs7_t p7[HANDOFF_SLOTS];
  guint next;
} Handoff;

static void
handoff_free (gpointer data)
{
  Handoff *h = data;

  for (guint i = 0; i < HANDOFF_SLOTS; i++)
    {
      g_clear_pointer (&h->der[i], g_bytes_unref);
      g_clear_pointer (&h->p7[i], gnutls_pkcs7_deinit);
    }
  g_free (h);
}

static GPrivate handoff_key = G_PRIVATE_INIT (handoff_free);

/**
 * _signet_cms_hand_off:
 * @der: the bytes @p7 was imported from
 * @p7: (transfer full): the imported SignedData
 *
 * Keeps @p7 for a later signet_cms_new() on the same bytes in this thread.
 */
void
_signet_cms_hand_off (GBytes *der, gnutls_pkcs7_t p7)
{
  Handoff *h = g_private_get (&handoff_key);

  if (g_bytes_get_size (der) > SIGNET_CMS_HANDOFF_MAX_SIZE)
    {
      gnutls_pkcs7_deinit (p7);
      return;
    }
  if (h == NULL)
    {
      h = g_new0 (Handoff, 1);
      g_private_set (&handoff_key, h);
    }
  g_clear_pointer (&h->der[h->next], g_bytes_unref);
  g_clear_pointer (&h->p7[h->next], gnutls_pkcs7_deinit);
  h->der[h->next] = g_bytes_ref (der);
  h->p7[h->next] = p7;
  h->next = (h->next + 1) % HANDOFF_SLOTS;
}

static gnutls_pkcs7_t
take_handed_off (GBytes *der)
{
  Handoff *h = g_private_get (&handoff_key);

  if (h == NULL)
    return NULL;
  for (guint i = 0; i < HANDOFF_SLOTS; i++)
    if (h->der[i] != NULL && g_bytes_equal (h->der[i], der))
      {
        gnutls_pkcs7_t p7 = g_steal_pointer (&h->p7[i]);

        g_clear_pointer (&h->der[i], g_bytes_unref);
        return p7;
      }
  return NULL;
}

static void
read_certificates (SignetCms *self)
{
  int count = gnutls_pkcs7_get_crt_count (self->p7);

  if (count <= 0)
    return;
  if (count > SIGNET_MAX_CMS_CERTIFICATES)
    {
      self->certificates_truncated = TRUE;
      count = SIGNET_MAX_CMS_CERTIFICATES;
    }

  for (int i = 0; i < count; i++)
    {
      g_auto (gnutls_datum_t) d = { NULL, 0 };
      g_autoptr (GBytes) der = NULL;
      g_autoptr (SignetCertificate) cert = NULL;

      /* Attribute certificates and other CertificateChoices come back as
       * raw [n]-tagged blobs: only a SEQUENCE can be an X.509 certificate. */
      if (gnutls_pkcs7_get_crt_raw2 (self->p7, i, &d) < 0 || d.size == 0 || d.data[0] != 0x30)
        {
          self->n_skipped_certificates++;
          continue;
        }
      der = _signet_bytes_from_datum (&d);
      cert = parse_certificate (der);
      if (cert == NULL)
        {
          self->n_skipped_certificates++;
          continue;
        }
      g_ptr_array_add (self->certificates, g_steal_pointer (&cert));
    }
}

static void
read_crls (SignetCms *self)
{
  int count = gnutls_pkcs7_get_crl_count (self->p7);

  if (count <= 0)
    return;
  if (count > SIGNET_MAX_CMS_CRLS)
    {
      self->crls_truncated = TRUE;
      count = SIGNET_MAX_CMS_CRLS;
    }

  for (int i = 0; i < count; i++)
    {
      g_auto (gnutls_datum_t) d = { NULL, 0 };

      /* OtherRevocationInfoFormat ([1], e.g. OCSP responses) is not a CRL. */
      if (gnutls_pkcs7_get_crl_raw2 (self->p7, i, &d) < 0 || d.size == 0 || d.data[0] != 0x30)
        continue;
      g_ptr_array_add (self->crls, _signet_bytes_from_datum (&d));
    }
}

/**
 * signet_cms_new:
 * @data: a SignedData ContentInfo: DER, BER, or PEM labelled PKCS7 or CMS
 * @error: return location for a #GError
 *
 * Parses a SignedData. The certificates, CRLs and SignerInfos beyond
 * %SIGNET_MAX_CMS_CERTIFICATES, %SIGNET_MAX_CMS_CRLS and
 * %SIGNET_MAX_CMS_SIGNERS are ignored (see
 * signet_cms_get_certificates_truncated() and friends).
 *
 * Returns: (transfer full): the SignedData, or %NULL with @error set:
 *   %SIGNET_ERROR_LIMIT when @data is larger than %SIGNET_MAX_CMS_SIZE,
 *   %SIGNET_ERROR_PARSE when it is not a SignedData (use
 *   signet_cms_sniff_type() to tell encrypted data apart)
 */
SignetCms *
signet_cms_new (GBytes *data, GError **error)
{
  g_autoptr (SignetCms) self = NULL;
  g_autoptr (GBytes) der = NULL;
  g_auto (asn1_node) signed_data = NULL;
  g_autoptr (SignetSignedDataView) view = NULL;
  g_autoptr (GBytes) signed_data_der = NULL;
  g_auto (gnutls_datum_t) content = { NULL, 0 };
  gnutls_datum_t d;
  SignetCmsType type;
  const char *oid;
  int n_signers;
  int rc;
  gboolean handed_off;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_bytes_get_size (data) > SIGNET_MAX_CMS_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   "CMS object of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d bytes",
                   g_bytes_get_size (data), SIGNET_MAX_CMS_SIZE);
      return NULL;
    }
  if (g_bytes_get_size (data) == 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Empty CMS object");
      return NULL;
    }

  der = strip_pem (data, error);
  if (der == NULL)
    return NULL;

  type = signet_cms_sniff_type (der);
  if (type != SIGNET_CMS_SIGNED_DATA)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not a CMS SignedData (%s)",
                   type == SIGNET_CMS_OTHER ? "unknown or malformed"
                                            : signet_cms_type_to_string (type));
      return NULL;
    }

  self = g_object_new (SIGNET_TYPE_CMS, NULL);
  self->der = g_bytes_ref (der);
  /* Already imported by the MIME scanner, in the common case. */
  self->p7 = take_handed_off (der);
  handed_off = self->p7 != NULL;
  if (!handed_off && gnutls_pkcs7_init (&self->p7) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Out of memory");
      return NULL;
    }
  d = _signet_datum_from_bytes (self->der);
  rc = handed_off ? 0 : gnutls_pkcs7_import (self->p7, &d, GNUTLS_X509_FMT_DER);
  if (rc < 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Malformed CMS SignedData: %s",
                   gnutls_strerror (rc));
      return NULL;
    }

  oid = gnutls_pkcs7_get_embedded_data_oid (self->p7);
  if (oid == NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                           "Malformed CMS SignedData: no eContentType");
      return NULL;
    }
  self->econtent_type = g_strdup (oid);

  rc = gnutls_pkcs7_get_embedded_data (self->p7, 0, &content);
  if (rc == 0)
    self->content = _signet_bytes_from_datum (&content);
  else if (rc != GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Malformed CMS SignedData content: %s",
                   gnutls_strerror (rc));
      return NULL;
    }

  read_certificates (self);
  read_crls (self);

  n_signers = gnutls_pkcs7_get_signature_count (self->p7);
  if (n_signers > SIGNET_MAX_CMS_SIGNERS)
    {
      self->signers_truncated = TRUE;
      n_signers = SIGNET_MAX_CMS_SIGNERS;
    }
  if (n_signers > 0)
    {
      view = walk_signed_data (self->der, &signed_data_der);
      if (view == NULL || view->signers->len < (guint) n_signers)
        {
          g_clear_pointer (&view, _signet_signed_data_view_free);
          g_clear_pointer (&signed_data_der, g_bytes_unref);
          signed_data = decode_signed_data (self->der, &signed_data_der);
        }
    }
  for (int i = 0; i < n_signers; i++)
    g_ptr_array_add (self->signers,
                     _signet_signer_info_new (self->p7, (guint) i,
                                              view != NULL ? &g_array_index (view->signers, SignetSignerView, i)
                                                           : NULL,
                                              signed_data, signed_data_der));

  return g_steal_pointer (&self);
}

/**
 * signet_cms_get_econtent_type:
 * @self: a #SignetCms
 *
 * Returns: the eContentType OID, e.g. %SIGNET_OID_DATA
 */
const char *
signet_cms_get_econtent_type (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), NULL);
  return self->econtent_type;
}

/**
 * signet_cms_get_content:
 * @self: a #SignetCms
 *
 * The encapsulated content (opaque signed-data); constructed BER octet
 * strings are reassembled.
 *
 * Returns: (transfer none) (nullable): the content, %NULL when the
 *   signature is detached (and for certs-only)
 */
GBytes *
signet_cms_get_content (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), NULL);
  return self->content;
}

/**
 * signet_cms_is_detached:
 * @self: a #SignetCms
 *
 * Returns: whether the SignedData has no encapsulated content
 */
gboolean
signet_cms_is_detached (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), FALSE);
  return self->content == NULL;
}

/**
 * signet_cms_get_certificates:
 * @self: a #SignetCms
 *
 * Returns: (transfer none) (element-type SignetCertificate): the X.509
 *   certificates of the CertificateSet that parse, in their order
 */
GPtrArray *
signet_cms_get_certificates (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), NULL);
  return self->certificates;
}

/**
 * signet_cms_get_n_skipped_certificates:
 * @self: a #SignetCms
 *
 * Returns: how many CertificateSet entries (within the limit) were not
 *   X.509 certificates or did not parse
 */
guint
signet_cms_get_n_skipped_certificates (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), 0);
  return self->n_skipped_certificates;
}

/**
 * signet_cms_get_crls:
 * @self: a #SignetCms
 *
 * The CRLs of the RevocationInfoChoices, undecoded; other revocation
 * information (RFC 5940 [1]) is left out.
 *
 * Returns: (transfer none) (element-type GBytes): the DER CRLs
 */
GPtrArray *
signet_cms_get_crls (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), NULL);
  return self->crls;
}

/**
 * signet_cms_get_certificates_truncated:
 * @self: a #SignetCms
 *
 * Returns: whether the CertificateSet had more than
 *   %SIGNET_MAX_CMS_CERTIFICATES entries (only the first were examined)
 */
gboolean
signet_cms_get_certificates_truncated (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), FALSE);
  return self->certificates_truncated;
}

/**
 * signet_cms_get_crls_truncated:
 * @self: a #SignetCms
 *
 * Returns: whether there were more than %SIGNET_MAX_CMS_CRLS CRLs
 */
gboolean
signet_cms_get_crls_truncated (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), FALSE);
  return self->crls_truncated;
}

/**
 * signet_cms_get_signers_truncated:
 * @self: a #SignetCms
 *
 * Returns: whether there were more than %SIGNET_MAX_CMS_SIGNERS SignerInfos
 */
gboolean
signet_cms_get_signers_truncated (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), FALSE);
  return self->signers_truncated;
}

/**
 * signet_cms_get_signers:
 * @self: a #SignetCms
 *
 * Returns: (transfer none) (element-type SignetSignerInfo): the
 *   SignerInfos, empty for certs-only
 */
GPtrArray *
signet_cms_get_signers (SignetCms *self)
{
  g_return_val_if_fail (SIGNET_IS_CMS (self), NULL);
  return self->signers;
}

static SignetCmsVerifyResult
check_signed_attributes (SignetCms *self, SignetSignerInfo *info, GBytes *content)
{
  gnutls_digest_algorithm_t algo = signet_signer_info_get_digest_algorithm (info);
  GBytes *expected = signet_signer_info_get_message_digest (info);
  const char *content_type = signet_signer_info_get_content_type (info);
  guint8 digest[64];
  gsize len;

  /* RFC 5652 5.3: exactly one messageDigest and one contentType, the
   * latter equal to eContentType (11.1). */
  if (signet_signer_info_get_n_message_digests (info) != 1 || expected == NULL ||
      _signet_signer_info_get_n_content_types (info) != 1 || content_type == NULL ||
      g_strcmp0 (content_type, self->econtent_type) != 0)
    return SIGNET_CMS_VERIFY_MALFORMED;

  len = gnutls_hash_get_len (algo);
  if (len == 0 || len > sizeof digest)
    return SIGNET_CMS_VERIFY_UNSUPPORTED;
  if (gnutls_hash_fast (algo, g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                        digest) < 0)
    return SIGNET_CMS_VERIFY_UNSUPPORTED;
  if (g_bytes_get_size (expected) != len ||
      memcmp (g_bytes_get_data (expected, NULL), digest, len) != 0)
    return SIGNET_CMS_VERIFY_DIGEST_MISMATCH;
  return SIGNET_CMS_VERIFY_OK;
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_spki_t, gnutls_x509_spki_deinit, NULL)

/* The signature check proper, for every SignerInfo verified with a
 * gnutls_pubkey_t rather than by gnutls_pkcs7_verify_direct(): @key over
 * what the signature covers (the signed attributes re-tagged as SET, or
 * @content when there are none). Touches no shared GnuTLS handle, so it
 * needs no lock. */
static SignetCmsVerifyResult
verify_with_pubkey (gnutls_pubkey_t key,
                    gnutls_sign_algorithm_t algo,
                    unsigned int flags,
                    SignetSignerInfo *info,
                    GBytes *content)
{
  g_autoptr (GBytes) input = _signet_signer_info_dup_signed_input (info, content);
  GBytes *signature = _signet_signer_info_get_signature (info);
  gnutls_datum_t data, sig;
  int rc;

  if (algo == GNUTLS_SIGN_UNKNOWN || input == NULL || signature == NULL)
    return SIGNET_CMS_VERIFY_UNSUPPORTED;

  data = _signet_datum_from_bytes (input);
  if (data.data == NULL)
    data.data = (unsigned char *) "";
  sig = _signet_datum_from_bytes (signature);
  rc = gnutls_pubkey_verify_data2 (key, algo, flags, &data, &sig);
  switch (rc)
    {
    case 0:
      return SIGNET_CMS_VERIFY_OK;
    case GNUTLS_E_UNKNOWN_ALGORITHM:
    case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
    case GNUTLS_E_UNKNOWN_HASH_ALGORITHM:
    case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
    case GNUTLS_E_INSUFFICIENT_SECURITY:
    case GNUTLS_E_INVALID_REQUEST:
      return SIGNET_CMS_VERIFY_UNSUPPORTED;
    default:
      return SIGNET_CMS_VERIFY_BAD_SIGNATURE;
    }
}

/* RSASSA-PSS (RFC 4056). gnutls_pkcs7_verify_direct() in GnuTLS 3.7 does
 * not read the RSASSA-PSS-params: it verifies with SHA-256 and a salt as
 * long as the hash, so OpenSSL's default (the longest salt the key allows)
 * fails and SHA-384/512 are refused. The signature is checked here with
 * the parameters of the SignerInfo instead, over the same input. GnuTLS
 * verifies any salt length it is given (GNUTLS_VERIFY_RSA_PSS_FIXED_SALT_LENGTH,
 * not passed, would restrict it to the hash length). @key is the signer's
 * key, which this sets the SignerInfo's PSS parameters on. */
static SignetCmsVerifyResult
verify_rsa_pss (SignetSignerInfo *info, gnutls_pubkey_t key, GBytes *content)
{
  g_auto (gnutls_x509_spki_t) spki = NULL;
  gnutls_digest_algorithm_t hash = GNUTLS_DIG_UNKNOWN;
  gnutls_sign_algorithm_t algo;
  guint salt = 0;
  int pk;

  (void) _signet_signer_info_get_rsa_pss (info, &hash, &salt);
  algo = gnutls_pk_to_sign (GNUTLS_PK_RSA_PSS, hash);
  if (algo == GNUTLS_SIGN_UNKNOWN || gnutls_x509_spki_init (&spki) < 0)
    return SIGNET_CMS_VERIFY_UNSUPPORTED;

  pk = gnutls_pubkey_get_pk_algorithm (key, NULL);
  if (pk != GNUTLS_PK_RSA && pk != GNUTLS_PK_RSA_PSS)
    return SIGNET_CMS_VERIFY_BAD_SIGNATURE; /* not an RSA key: not this signer */
  if (pk == GNUTLS_PK_RSA_PSS && gnutls_pubkey_get_spki (key, spki, 0) == 0)
    {
      gnutls_digest_algorithm_t key_hash = GNUTLS_DIG_UNKNOWN;
      unsigned int key_salt = 0;

      /* An id-RSASSA-PSS key with parameters may only make signatures with
       * that hash and at least that salt length (RFC 4055 3.1, 3.3). */
      if (gnutls_x509_spki_get_rsa_pss_params (spki, &key_hash, &key_salt) == 0 &&
          key_hash != GNUTLS_DIG_UNKNOWN && (key_hash != hash || salt < key_salt))
        return SIGNET_CMS_VERIFY_BAD_SIGNATURE;
    }

  gnutls_x509_spki_set_rsa_pss_params (spki, hash, salt);
  if (gnutls_pubkey_set_spki (key, spki, 0) < 0)
    return SIGNET_CMS_VERIFY_UNSUPPORTED;
  return verify_with_pubkey (key, algo, 0, info, content);
}

/* What signet_cms_verify_signer() and signet_cms_verify_signer_with_key()
 * check before the signature: that SignerInfo @index can be verified, that
 * there is content (stored in @data), and the signed attributes. Returns
 * %SIGNET_CMS_VERIFY_OK to go on to the signature. */
static SignetCmsVerifyResult
check_before_signature (
    SignetCms *self, guint index, GBytes *content, SignetSignerInfo **info, GBytes **data)
{
  *info = g_ptr_array_index (self->signers, index);
  switch (_signet_signer_info_get_state (*info))
    {
    case SIGNET_SIGNER_INFO_UNSUPPORTED:
      return SIGNET_CMS_VERIFY_UNSUPPORTED;
    case SIGNET_SIGNER_INFO_MALFORMED:
      return SIGNET_CMS_VERIFY_MALFORMED;
    case SIGNET_SIGNER_INFO_USABLE:
    default:
      break;
    }

  *data = content != NULL ? content : self->content;
  if (*data == NULL)
    return SIGNET_CMS_VERIFY_NO_CONTENT;

  if (signet_signer_info_has_signed_attributes (*info))
    return check_signed_attributes (self, *info, *data);
  return SIGNET_CMS_VERIFY_OK;
}

/**
 * signet_cms_verify_signer:
 * @self: a #SignetCms
 * @index: the SignerInfo to check, below the length of
 *   signet_cms_get_signers()
 * @signer: the certificate whose public key is to check the signature
 * @content: (nullable): the detached content, or %NULL to use the
 *   encapsulated content
 *
 * Checks one signature mathematically. With signed attributes, the
 * content digest is computed here and compared with the messageDigest
 * attribute first, so that changed content (%SIGNET_CMS_VERIFY_DIGEST_MISMATCH)
 * is told apart from a signature that does not verify
 * (%SIGNET_CMS_VERIFY_BAD_SIGNATURE); exactly one messageDigest and one
 * contentType attribute equal to the eContentType are required
 * (%SIGNET_CMS_VERIFY_MALFORMED). Without signed attributes a changed
 * content can only show as a bad signature.
 *
 * RSASSA-PSS signatures are checked with the hash and salt length of their
 * RSASSA-PSS-params (any salt length, MGF1 with the same hash, trailerField
 * 1; other parameters give %SIGNET_CMS_VERIFY_UNSUPPORTED), and an
 * id-RSASSA-PSS signer key's own restrictions (RFC 4055 3.1) are enforced.
 *
 * A DSA key that inherits its parameters from its issuer (RFC 5280 6.1.4
 * (f)) cannot be used on its own and gives %SIGNET_CMS_VERIFY_UNSUPPORTED:
 * complete it from the certification path and use
 * signet_cms_verify_signer_with_key().
 *
 * Nothing else is judged: the validity period, key usage and extended key
 * usage of @signer, whether it is the certificate the SignerInfo names,
 * and the strength of the algorithms are the caller's.
 *
 * Returns: the outcome
 */
SignetCmsVerifyResult
signet_cms_verify_signer (SignetCms *self, guint index, SignetCertificate *signer, GBytes *content)
{
  SignetSignerInfo *info = NULL;
  GBytes *data = NULL;
  SignetCmsVerifyResult result;
  gnutls_datum_t d;
  const unsigned int flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                             GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS |
                             GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1;
  int rc;

  g_return_val_if_fail (SIGNET_IS_CMS (self), SIGNET_CMS_VERIFY_MALFORMED);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (signer), SIGNET_CMS_VERIFY_MALFORMED);
  g_return_val_if_fail (index < self->signers->len, SIGNET_CMS_VERIFY_MALFORMED);

  result = check_before_signature (self, index, content, &info, &data);
  if (result != SIGNET_CMS_VERIFY_OK)
    return result;

  /* A key GnuTLS cannot import (a DSA key that inherits its parameters
   * from its issuer, RFC 5280 6.1.4 (f)) cannot be checked here; GnuTLS's
   * verify_direct would also leak its half-made key on that path. */
  if (_signet_signer_info_get_rsa_pss (info, NULL, NULL))
    {
      /* A private key object: verify_rsa_pss() sets parameters on it. */
      g_auto (gnutls_pubkey_t) key = NULL;

      if (gnutls_pubkey_init (&key) < 0)
        return SIGNET_CMS_VERIFY_UNSUPPORTED;
      rc = gnutls_pubkey_import_x509 (key, signet_certificate_get_gnutls (signer), 0);
      return rc < 0
                 ? SIGNET_CMS_VERIFY_BAD_SIGNATURE /* a key GnuTLS cannot use cannot have signed */
                 : verify_rsa_pss (info, key, data);
    }
  {
    /* The certificate's own imported key, shared and only read here. */
    gnutls_pubkey_t key = _signet_certificate_get_pubkey (signer);

    if (key == NULL)
      return SIGNET_CMS_VERIFY_UNSUPPORTED;

    /* The content digest and the attributes were checked above: what is
     * left is the signature over the signed input, with the key at hand.
     * gnutls_pkcs7_verify_direct() would parse the SignerInfo, hash the
     * content and import the key all over again. Anything but a clean
     * success goes through GnuTLS's own check below, so that failures
     * keep their exact classification. */
    {
      gnutls_sign_algorithm_t algo = signet_signer_info_get_signature_algorithm (info);
      int pk = gnutls_pubkey_get_pk_algorithm (key, NULL);

      if (algo != GNUTLS_SIGN_UNKNOWN && pk >= 0 &&
          gnutls_sign_supports_pk_algorithm (algo, (gnutls_pk_algorithm_t) pk) &&
          verify_with_pubkey (key, algo, flags, info, data) == SIGNET_CMS_VERIFY_OK)
        return SIGNET_CMS_VERIFY_OK;
    }
  }

  d = _signet_datum_from_bytes (data);
  if (d.data == NULL)
    d.data = (unsigned char *) ""; /* empty content: GnuTLS takes NULL as "use the embedded one" */

  g_mutex_lock (&self->lock);
  rc = gnutls_pkcs7_verify_direct (self->p7, signet_certificate_get_gnutls (signer), index,
                                   content != NULL ? &d : NULL, flags);
  g_mutex_unlock (&self->lock);

  if (rc == 0)
    return SIGNET_CMS_VERIFY_OK;
  /* GnuTLS checks the signer's keyUsage inside verify_direct and reports a
   * certificate without digitalSignature as this positive status bit, after
   * the signature itself verified. RFC 8550 accepts nonRepudiation-only
   * signing certificates; the key-usage decision belongs to the path and
   * verifier layer, so for the signature this is a success. */
  if (rc == (int) GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE)
    return SIGNET_CMS_VERIFY_OK;
  if (rc > 0)
    return SIGNET_CMS_VERIFY_BAD_SIGNATURE;

  switch (rc)
    {
    case GNUTLS_E_UNKNOWN_ALGORITHM:
    case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
    case GNUTLS_E_UNKNOWN_HASH_ALGORITHM:
    case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
    case GNUTLS_E_INSUFFICIENT_SECURITY:
      return SIGNET_CMS_VERIFY_UNSUPPORTED;
    case GNUTLS_E_NO_EMBEDDED_DATA:
    case GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE:
      return SIGNET_CMS_VERIFY_NO_CONTENT;
    case GNUTLS_E_PARSING_ERROR:
      return SIGNET_CMS_VERIFY_MALFORMED;
    default:
      return SIGNET_CMS_VERIFY_BAD_SIGNATURE;
    }
}

/* A private copy of @key (gnutls_pubkey_t has no dup): the RSASSA-PSS
 * check sets parameters on the key it is given. */
static gnutls_pubkey_t
copy_pubkey (gnutls_pubkey_t key)
{
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  gnutls_pubkey_t copy = NULL;

  if (gnutls_pubkey_export2 (key, GNUTLS_X509_FMT_DER, &der) < 0 || gnutls_pubkey_init (&copy) < 0)
    return NULL;
  if (gnutls_pubkey_import (copy, &der, GNUTLS_X509_FMT_DER) < 0)
    {
      gnutls_pubkey_deinit (copy);
      return NULL;
    }
  return copy;
}

/**
 * signet_cms_verify_signer_with_key:
 * @self: a #SignetCms
 * @index: the SignerInfo to check, below the length of
 *   signet_cms_get_signers()
 * @key: the signer's public key
 * @content: (nullable): the detached content, or %NULL to use the
 *   encapsulated content
 *
 * Like signet_cms_verify_signer(), with a public key instead of a
 * certificate: for a key that cannot be used as its certificate has it,
 * above all a DSA key whose domain parameters are inherited from the
 * issuer (RFC 5280 6.1.4 (f); signet_path_inherited_dsa_key() completes
 * it). The same checks are made in the same order (the SignerInfo,
 * the content, the messageDigest and contentType attributes), then the
 * signature is verified with @key over the signed attributes re-tagged as
 * SET (RFC 5652 5.4), or over the content when there are none. SHA-1
 * signatures are accepted (judging them is the caller's). A @key of
 * another type than the signature algorithm's gives
 * %SIGNET_CMS_VERIFY_BAD_SIGNATURE. @key is not modified.
 *
 * Returns: the outcome
 */
SignetCmsVerifyResult
signet_cms_verify_signer_with_key (SignetCms *self,
                                   guint index,
                                   gnutls_pubkey_t key,
                                   GBytes *content)
{
  SignetSignerInfo *info = NULL;
  GBytes *data = NULL;
  SignetCmsVerifyResult result;
  gnutls_sign_algorithm_t algo;
  int pk;

  g_return_val_if_fail (SIGNET_IS_CMS (self), SIGNET_CMS_VERIFY_MALFORMED);
  g_return_val_if_fail (key != NULL, SIGNET_CMS_VERIFY_MALFORMED);
  g_return_val_if_fail (index < self->signers->len, SIGNET_CMS_VERIFY_MALFORMED);

  result = check_before_signature (self, index, content, &info, &data);
  if (result != SIGNET_CMS_VERIFY_OK)
    return result;

  if (_signet_signer_info_get_rsa_pss (info, NULL, NULL))
    {
      g_auto (gnutls_pubkey_t) copy = copy_pubkey (key);

      if (copy == NULL)
        return SIGNET_CMS_VERIFY_UNSUPPORTED;
      return verify_rsa_pss (info, copy, data);
    }

  algo = signet_signer_info_get_signature_algorithm (info);
  pk = gnutls_pubkey_get_pk_algorithm (key, NULL);
  if (algo == GNUTLS_SIGN_UNKNOWN)
    return SIGNET_CMS_VERIFY_UNSUPPORTED;
  if (pk < 0 || !gnutls_sign_supports_pk_algorithm (algo, (gnutls_pk_algorithm_t) pk))
    return SIGNET_CMS_VERIFY_BAD_SIGNATURE; /* not a key of this kind: not this signer */
  return verify_with_pubkey (key, algo, GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1, info, data);
}

/**
 * signet_cms_verify_result_to_string:
 * @result: a #SignetCmsVerifyResult
 *
 * Returns: a stable name for @result ("ok", "bad-signature",
 *   "digest-mismatch", "no-content", "unsupported", "malformed"), for logs
 */
const char *
signet_cms_verify_result_to_string (SignetCmsVerifyResult result)
{
  switch (result)
    {
    case SIGNET_CMS_VERIFY_OK:
      return "ok";
    case SIGNET_CMS_VERIFY_BAD_SIGNATURE:
      return "bad-signature";
    case SIGNET_CMS_VERIFY_DIGEST_MISMATCH:
      return "digest-mismatch";
    case SIGNET_CMS_VERIFY_NO_CONTENT:
      return "no-content";
    case SIGNET_CMS_VERIFY_UNSUPPORTED:
      return "unsupported";
    case SIGNET_CMS_VERIFY_MALFORMED:
      return "malformed";
    default:
      return "unknown";
    }
}
