/* signet-signer-info.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-signer-info.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "signet-asn1.h"
#include "signet-der.h"
#include "signet-gnutls-private.h"
#include "signet-oids.h"
#include "signet-signed-data-view.h"
#include "signet-signer-info-private.h"

#define OID_RSASSA_PSS "1.2.840.113549.1.1.10" /* RFC 4055 3.1 */
#define OID_MGF1 "1.2.840.113549.1.1.8"

/**
 * SignetSignerInfo:
 *
 * One SignerInfo of a CMS SignedData (RFC 5652 5.3): who signed (the
 * SignerIdentifier), with which algorithms, and the signed attributes
 * S/MIME cares about. Immutable; every value is read when the object is
 * made. Verification is signet_cms_verify_signer().
 */
struct _SignetSignerInfo
{
  GObject parent_instance;

  guint index;
  SignetSignerInfoState state;

  GBytes *issuer;
  GBytes *serial;
  GBytes *ski;

  gnutls_sign_algorithm_t sign_algo;
  gnutls_digest_algorithm_t digest_algo;
  gnutls_digest_algorithm_t declared_digest_algo;
  const char *sign_name;   /* interned */
  const char *digest_name; /* interned */

  gboolean has_signed_attrs;
  gint64 signing_time;
  GBytes *message_digest;
  guint n_message_digests;
  char *content_type;
  guint n_content_types;
  GStrv smime_capabilities;
  GPtrArray *smime_capabilities_ders; /* the attributes' values (GBytes), until decoded */
  GMutex capabilities_lock;
  gboolean capabilities_read;

  GBytes *ess_hash;
  gnutls_digest_algorithm_t ess_algo;
  GBytes *ess_serial; /* nullable */
  GBytes *ess_issuer; /* GeneralNames, nullable */

  GBytes *signature;    /* a slice of the CMS bytes, or GnuTLS's copy */
  GBytes *signed_attrs; /* [0]-tagged as in the message: a slice of the CMS bytes */
  gboolean is_rsa_pss;
  gnutls_digest_algorithm_t pss_hash;
  guint pss_salt;
};

G_DEFINE_FINAL_TYPE (SignetSignerInfo, signet_signer_info, G_TYPE_OBJECT)

static void
signet_signer_info_finalize (GObject *object)
{
  SignetSignerInfo *self = SIGNET_SIGNER_INFO (object);

  g_clear_pointer (&self->issuer, g_bytes_unref);
  g_clear_pointer (&self->serial, g_bytes_unref);
  g_clear_pointer (&self->ski, g_bytes_unref);
  g_clear_pointer (&self->message_digest, g_bytes_unref);
  g_free (self->content_type);
  g_strfreev (self->smime_capabilities);
  g_clear_pointer (&self->smime_capabilities_ders, g_ptr_array_unref);
  g_mutex_clear (&self->capabilities_lock);
  g_clear_pointer (&self->ess_hash, g_bytes_unref);
  g_clear_pointer (&self->ess_serial, g_bytes_unref);
  g_clear_pointer (&self->ess_issuer, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->signed_attrs, g_bytes_unref);

  G_OBJECT_CLASS (signet_signer_info_parent_class)->finalize (object);
}

static void
signet_signer_info_class_init (SignetSignerInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_signer_info_finalize;
}

static void
signet_signer_info_init (SignetSignerInfo *self)
{
  g_mutex_init (&self->capabilities_lock);
  self->signing_time = -1;
  self->sign_algo = GNUTLS_SIGN_UNKNOWN;
  self->digest_algo = GNUTLS_DIG_UNKNOWN;
  self->declared_digest_algo = GNUTLS_DIG_UNKNOWN;
  self->ess_algo = GNUTLS_DIG_UNKNOWN;
  self->pss_hash = GNUTLS_DIG_UNKNOWN;
}

static void
set_state (SignetSignerInfo *self, SignetSignerInfoState state)
{
  /* MALFORMED wins over UNSUPPORTED wins over USABLE. */
  if (state > self->state)
    self->state = state;
}

/* The display names the header documents: "RSA-SHA256", "RSA-PSS-SHA256",
 * "ECDSA-SHA256", "EdDSA-Ed25519", "DSA-SHA1". GnuTLS has several
 * identifiers for one CMS algorithm (RSA-PSS-RSAE-SHA256,
 * ECDSA-SECP256R1-SHA256), so the name is built from key and hash. */
static const char *
sign_display_name (gnutls_sign_algorithm_t algo)
{
  gnutls_digest_algorithm_t hash = gnutls_sign_get_hash_algorithm (algo);
  const char *hash_name = gnutls_digest_get_name (hash);
  const char *prefix = NULL;
  g_autofree char *name = NULL;

  if (algo == GNUTLS_SIGN_UNKNOWN)
    return NULL;

  switch (gnutls_sign_get_pk_algorithm (algo))
    {
    case GNUTLS_PK_RSA:
      prefix = "RSA";
      break;
    case GNUTLS_PK_RSA_PSS:
      prefix = "RSA-PSS";
      break;
    case GNUTLS_PK_ECDSA:
      prefix = "ECDSA";
      break;
    case GNUTLS_PK_DSA:
      prefix = "DSA";
      break;
    case GNUTLS_PK_EDDSA_ED25519:
      return g_intern_static_string ("EdDSA-Ed25519");
    case GNUTLS_PK_EDDSA_ED448:
      return g_intern_static_string ("EdDSA-Ed448");
    default:
      break;
    }
  if (prefix == NULL || hash_name == NULL)
    return g_intern_string (gnutls_sign_get_name (algo));
  name = g_strconcat (prefix, "-", hash_name, NULL);
  return g_intern_string (name);
}

/* OCTET STRING contents from the DER of an attribute value. */
static GBytes *
decode_octet_string (const gnutls_datum_t *value)
{
  SignetDerReader r;
  SignetDerTlv tlv;

  signet_der_reader_init (&r, value->data, value->size);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OCTET_STRING, &tlv) ||
      tlv.constructed || !signet_der_reader_at_end (&r))
    return NULL;
  return g_bytes_new (tlv.value, tlv.value_len);
}

static char *
decode_oid (const gnutls_datum_t *value)
{
  SignetDerReader r;
  SignetDerTlv tlv;

  signet_der_reader_init (&r, value->data, value->size);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &tlv) ||
      !signet_der_reader_at_end (&r))
    return NULL;
  return signet_der_oid_to_string (tlv.value, tlv.value_len);
}

/* Decoded when first asked for (signet_signer_info_get_smime_capabilities()):
 * nothing in verification reads the list. Each sMIMECapabilities
 * attribute is kept, and the first that decodes gives the list. */
static void
read_smime_capabilities (SignetSignerInfo *self, GBytes *value)
{
  g_auto (asn1_node) node = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (value, &len);
  guint n;

  node = signet_asn1_decode ("SignetCms.SMIMECapabilities", data, len, TRUE, NULL);
  if (node == NULL)
    return; /* informational: an unreadable list is no list */

  builder = g_strv_builder_new ();
  n = MIN (signet_asn1_count (node, ""), SIGNET_MAX_SMIME_CAPABILITIES);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *path = g_strdup_printf ("?%u.capabilityID", i);
      g_autofree char *oid = signet_asn1_read_oid (node, path);

      if (oid != NULL)
        g_strv_builder_add (builder, oid);
    }
  self->smime_capabilities = g_strv_builder_end (builder);
}

/* ESS signingCertificate (RFC 2634 5.4, @v2 FALSE: SHA-1) or
 * signingCertificateV2 (RFC 5035 3, hashAlgorithm DEFAULT sha256): the
 * first ESSCertID names the signer certificate. */
static void
read_ess (SignetSignerInfo *self, const gnutls_datum_t *value, gboolean v2)
{
  g_auto (asn1_node) node = NULL;
  gnutls_digest_algorithm_t algo = GNUTLS_DIG_SHA1;
  g_autoptr (GBytes) hash = NULL;

  node = signet_asn1_decode (v2 ? "SignetCms.SigningCertificateV2" : "SignetCms.SigningCertificate",
                             value->data, value->size, TRUE, NULL);
  if (node == NULL || signet_asn1_count (node, "certs") == 0)
    {
      /* Present but unreadable: it cannot name the certificate, so it
       * cannot match one either. */
      g_clear_pointer (&self->ess_hash, g_bytes_unref);
      self->ess_hash = g_bytes_new (NULL, 0);
      self->ess_algo = GNUTLS_DIG_UNKNOWN;
      return;
    }

  if (v2)
    {
      algo = GNUTLS_DIG_SHA256;
      if (signet_asn1_has (node, "certs.?1.hashAlgorithm"))
        algo = signet_asn1_read_digest_algorithm (node, "certs.?1.hashAlgorithm");
    }
  hash = signet_asn1_read_bytes (node, "certs.?1.certHash");

  g_clear_pointer (&self->ess_hash, g_bytes_unref);
  g_clear_pointer (&self->ess_serial, g_bytes_unref);
  g_clear_pointer (&self->ess_issuer, g_bytes_unref);
  self->ess_hash = hash != NULL ? g_steal_pointer (&hash) : g_bytes_new (NULL, 0);
  self->ess_algo = algo;
  if (signet_asn1_has (node, "certs.?1.issuerSerial"))
    {
      self->ess_serial = signet_asn1_read_bytes (node, "certs.?1.issuerSerial.serialNumber");
      self->ess_issuer = signet_asn1_read_bytes (node, "certs.?1.issuerSerial.issuer");
    }
}

/* Where the SignerInfo's own fields (those GnuTLS does not expose) are
 * read from: the DER walk of the SignedData (signet-signed-data-view.c),
 * or, where that walk refused it, the libtasn1 tree of signet-cms.asn.
 * @der holds the SignedData's bytes: the view's TLVs point into them, and
 * the tree was decoded from them. */
typedef struct
{
  const SignetSignerView *view;
  asn1_node tree;
  GBytes *der;
  guint index;
} Source;

static GBytes *
view_slice (const Source *src, const SignetDerTlv *tlv, gboolean contents)
{
  const guint8 *base = g_bytes_get_data (src->der, NULL);
  const guint8 *from = contents ? tlv->value : tlv->start;

  return g_bytes_new_from_bytes (src->der, (gsize) (from - base), contents ? tlv->value_len : tlv->total_len);
}

static char *
tree_path (const Source *src, const char *rest)
{
  return g_strdup_printf ("signerInfos.?%u%s", src->index + 1, rest);
}

static gnutls_digest_algorithm_t
src_digest_algorithm (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    {
      g_autofree char *oid = _signet_algorithm_view_oid (&src->view->digest_alg);

      return oid != NULL ? gnutls_oid_to_digest (oid) : GNUTLS_DIG_UNKNOWN;
    }
  path = tree_path (src, ".digestAlgorithm");
  return signet_asn1_read_digest_algorithm (src->tree, path);
}

static char *
src_signature_oid (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    return _signet_algorithm_view_oid (&src->view->sig_alg);
  path = tree_path (src, ".signatureAlgorithm.algorithm");
  return signet_asn1_read_oid (src->tree, path);
}

/* signatureAlgorithm's parameters: the whole encoding of the ANY. */
static GBytes *
src_signature_params (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    {
      SignetDerTlv params;

      return _signet_algorithm_view_params (&src->view->sig_alg, &params) ? view_slice (src, &params, FALSE)
                                                                          : NULL;
    }
  path = tree_path (src, ".signatureAlgorithm.parameters");
  return signet_asn1_read_bytes (src->tree, path);
}

static gboolean
src_has_signed_attrs (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    return src->view->has_signed_attrs;
  path = tree_path (src, ".signedAttrs");
  return signet_asn1_has (src->tree, path);
}

/* Where the element @path of the tree lies in @der, the bytes it was
 * decoded from: its whole TLV, as a slice of @der (no copy). NULL when
 * libtasn1 cannot tell. */
static GBytes *
slice_element (const Source *src, const char *path)
{
  gsize der_len = 0;
  const guint8 *data = src->der != NULL ? g_bytes_get_data (src->der, &der_len) : NULL;
  int start = 0, end = 0;

  if (data == NULL || der_len == 0 || der_len > G_MAXINT ||
      asn1_der_decoding_startEnd (src->tree, data, (int) der_len, path, &start, &end) !=
          ASN1_SUCCESS ||
      start < 0 || end < start || (gsize) end >= der_len)
    return NULL;
  return g_bytes_new_from_bytes (src->der, (gsize) start, (gsize) (end - start) + 1);
}

/* The whole TLV of signedAttrs. */
static GBytes *
src_signed_attrs_slice (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    return src->view->has_signed_attrs ? view_slice (src, &src->view->signed_attrs, FALSE) : NULL;
  path = tree_path (src, ".signedAttrs");
  return slice_element (src, path);
}

/* The whole TLV of the signature OCTET STRING. */
static GBytes *
src_signature_slice (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    return view_slice (src, &src->view->signature, FALSE);
  path = tree_path (src, ".signature");
  return slice_element (src, path);
}

/* The SignerIdentifier: issuer (whole Name encoding) and serial (INTEGER
 * contents), or else the subjectKeyIdentifier's contents. */
static void
src_sid (const Source *src, GBytes **issuer, GBytes **serial, GBytes **ski)
{
  *issuer = *serial = *ski = NULL;
  if (src->view != NULL)
    {
      if (src->view->has_issuer_serial)
        {
          *issuer = view_slice (src, &src->view->issuer, FALSE);
          *serial = view_slice (src, &src->view->serial, TRUE);
        }
      else if (src->view->has_ski)
        *ski = view_slice (src, &src->view->ski, TRUE);
      return;
    }
  {
    g_autofree char *issuer_path = tree_path (src, ".sid.issuerAndSerialNumber.issuer");
    g_autofree char *serial_path = tree_path (src, ".sid.issuerAndSerialNumber.serialNumber");
    g_autofree char *ski_path = tree_path (src, ".sid.subjectKeyIdentifier");

    *issuer = signet_asn1_read_bytes (src->tree, issuer_path);
    *serial = signet_asn1_read_bytes (src->tree, serial_path);
    if (*issuer == NULL || *serial == NULL)
      {
        g_clear_pointer (issuer, g_bytes_unref);
        g_clear_pointer (serial, g_bytes_unref);
        *ski = signet_asn1_read_bytes (src->tree, ski_path);
      }
  }
}

static guint
src_n_attributes (const Source *src)
{
  g_autofree char *path = NULL;

  if (src->view != NULL)
    return src->view->attributes != NULL ? src->view->attributes->len : 0;
  path = tree_path (src, ".signedAttrs");
  return signet_asn1_count (src->tree, path);
}

/* The type of signed attribute @i (from 0), and its number of values. */
static char *
src_attribute (const Source *src, guint i, guint *n_values)
{
  g_autofree char *type_path = NULL;
  g_autofree char *values_path = NULL;

  if (src->view != NULL)
    {
      const SignetAttributeView *a;

      if (src->view->attributes == NULL || i >= src->view->attributes->len)
        return NULL;
      a = &g_array_index (src->view->attributes, SignetAttributeView, i);
      *n_values = a->n_values;
      return _signet_der_oid_to_tasn1_string (&a->type);
    }
  type_path = g_strdup_printf ("signerInfos.?%u.signedAttrs.?%u.type", src->index + 1, i + 1);
  values_path = g_strdup_printf ("signerInfos.?%u.signedAttrs.?%u.values", src->index + 1, i + 1);
  *n_values = signet_asn1_count (src->tree, values_path);
  return signet_asn1_read_oid (src->tree, type_path);
}

/* Counts values with libtasn1 (GnuTLS returns the first value only): each
 * of contentType, messageDigest, signingTime must have exactly one
 * (RFC 5652 5.3, 11). */
static void
check_value_counts (SignetSignerInfo *self, const Source *src)
{
  guint n = src_n_attributes (src);

  if (n > SIGNET_MAX_CMS_ATTRIBUTES)
    {
      set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      guint n_values = 0;
      g_autofree char *oid = src_attribute (src, i, &n_values);

      if (oid == NULL)
        {
          set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
          continue;
        }
      if ((g_str_equal (oid, SIGNET_OID_ATTR_CONTENT_TYPE) ||
           g_str_equal (oid, SIGNET_OID_ATTR_MESSAGE_DIGEST) ||
           g_str_equal (oid, SIGNET_OID_ATTR_SIGNING_TIME)) &&
          n_values != 1)
        set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
    }
}

static void
read_signed_attributes (SignetSignerInfo *self, gnutls_pkcs7_attrs_t attrs)
{
  gboolean have_ess_v2 = FALSE;

  for (guint i = 0;; i++)
    {
      g_auto (gnutls_datum_t) value = { NULL, 0 };
      char *oid = NULL; /* read-only: owned by @attrs */
      int rc;

      if (i == SIGNET_MAX_CMS_ATTRIBUTES)
        {
          set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
          break;
        }
      rc = gnutls_pkcs7_get_attr (attrs, i, &oid, &value, 0);
      if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (rc < 0 || oid == NULL)
        {
          set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
          break;
        }

      if (g_str_equal (oid, SIGNET_OID_ATTR_MESSAGE_DIGEST))
        {
          g_autoptr (GBytes) digest = decode_octet_string (&value);

          self->n_message_digests++;
          if (digest == NULL)
            set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
          else if (self->message_digest == NULL)
            self->message_digest = g_steal_pointer (&digest);
        }
      else if (g_str_equal (oid, SIGNET_OID_ATTR_CONTENT_TYPE))
        {
          g_autofree char *type = decode_oid (&value);

          self->n_content_types++;
          if (type == NULL)
            set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
          else if (self->content_type == NULL)
            self->content_type = g_steal_pointer (&type);
        }
      else if (g_str_equal (oid, SIGNET_OID_ATTR_SMIME_CAPABILITIES))
        {
          if (self->smime_capabilities_ders == NULL)
            self->smime_capabilities_ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          g_ptr_array_add (self->smime_capabilities_ders, _signet_bytes_from_datum (&value));
        }
      else if (g_str_equal (oid, SIGNET_OID_ATTR_SIGNING_CERT_V2))
        {
          if (!have_ess_v2)
            read_ess (self, &value, TRUE);
          have_ess_v2 = TRUE;
        }
      else if (g_str_equal (oid, SIGNET_OID_ATTR_SIGNING_CERT))
        {
          /* signingCertificateV2 is preferred when both are present. */
          if (!have_ess_v2 && self->ess_hash == NULL)
            read_ess (self, &value, FALSE);
        }
    }
}

/* The contents of an INTEGER as a number in 0..@max; FALSE when absent,
 * negative or larger. */
static gboolean
read_small_uint (asn1_node node, const char *name, guint max, guint *value)
{
  g_autoptr (GBytes) bytes = signet_asn1_read_bytes (node, name);
  const guint8 *p;
  gsize len = 0;
  guint64 v = 0;

  if (bytes == NULL)
    return FALSE;
  p = g_bytes_get_data (bytes, &len);
  if (len == 0 || (p[0] & 0x80) != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      v = (v << 8) | p[i];
      if (v > max)
        return FALSE;
    }
  *value = (guint) v;
  return TRUE;
}

/* The hash an AlgorithmIdentifier (DER in @der) names, GNUTLS_DIG_UNKNOWN
 * when unreadable or unknown. */
static gnutls_digest_algorithm_t
decode_hash_identifier (GBytes *der)
{
  g_auto (asn1_node) node = NULL;
  g_autofree char *oid = NULL;

  if (der == NULL || g_bytes_get_size (der) == 0)
    return GNUTLS_DIG_UNKNOWN;
  node = signet_asn1_decode ("SignetCms.AlgorithmIdentifier", g_bytes_get_data (der, NULL),
                             g_bytes_get_size (der), FALSE, NULL);
  if (node == NULL)
    return GNUTLS_DIG_UNKNOWN;
  oid = signet_asn1_read_oid (node, "algorithm");
  return oid != NULL ? gnutls_oid_to_digest (oid) : GNUTLS_DIG_UNKNOWN;
}

/* RSASSA-PSS-params (RFC 4055 3.1) of SignerInfo signatureAlgorithm:
 * hashAlgorithm DEFAULT sha1, maskGenAlgorithm DEFAULT mgf1SHA1,
 * saltLength DEFAULT 20, trailerField DEFAULT 1. What can be verified is
 * MGF1 with the signature's own hash and trailerField 1 (the only ones
 * RFC 4055 defines, and all GnuTLS implements); anything else is
 * UNSUPPORTED, unreadable parameters are MALFORMED. */
static void
read_rsa_pss_params (SignetSignerInfo *self, const Source *src)
{
  g_autoptr (GBytes) der = src_signature_params (src);
  g_auto (asn1_node) params = NULL;
  gnutls_digest_algorithm_t hash = GNUTLS_DIG_SHA1;
  gnutls_digest_algorithm_t mgf_hash = GNUTLS_DIG_SHA1;
  guint salt = 20;
  guint trailer = 1;

  /* RFC 4055 3.1: a signature's AlgorithmIdentifier MUST carry them. */
  if (der == NULL || g_bytes_get_size (der) == 0)
    {
      set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
      return;
    }
  params = signet_asn1_decode ("SignetCms.RSASSA-PSS-params", g_bytes_get_data (der, NULL),
                               g_bytes_get_size (der), FALSE, NULL);
  if (params == NULL)
    {
      set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
      return;
    }

  if (signet_asn1_has (params, "hashAlgorithm"))
    hash = signet_asn1_read_digest_algorithm (params, "hashAlgorithm");
  if (signet_asn1_has (params, "maskGenAlgorithm"))
    {
      g_autofree char *mgf = signet_asn1_read_oid (params, "maskGenAlgorithm.algorithm");
      g_autoptr (GBytes) mgf_params =
          signet_asn1_read_bytes (params, "maskGenAlgorithm.parameters");

      mgf_hash =
          g_strcmp0 (mgf, OID_MGF1) == 0 ? decode_hash_identifier (mgf_params) : GNUTLS_DIG_UNKNOWN;
    }
  if (signet_asn1_has (params, "saltLength") &&
      !read_small_uint (params, "saltLength", SIGNET_MAX_RSA_PSS_SALT, &salt))
    set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
  if (signet_asn1_has (params, "trailerField") &&
      !read_small_uint (params, "trailerField", G_MAXINT, &trailer))
    trailer = 0;

  self->pss_hash = hash;
  self->pss_salt = salt;
  if (hash == GNUTLS_DIG_UNKNOWN || mgf_hash != hash || trailer != 1 ||
      gnutls_pk_to_sign (GNUTLS_PK_RSA_PSS, hash) == GNUTLS_SIGN_UNKNOWN)
    set_state (self, SIGNET_SIGNER_INFO_UNSUPPORTED);
}

/* The exact encoding of signedAttrs ([0] IMPLICIT SET OF Attribute), as
 * the message has it: with the first octet changed to SET, what the
 * signature covers (RFC 5652 5.4). */
static GBytes *
locate_signed_attributes (const Source *src)
{
  g_autoptr (GBytes) slice = src_signed_attrs_slice (src);

  if (slice == NULL || g_bytes_get_size (slice) < 2 ||
      ((const guint8 *) g_bytes_get_data (slice, NULL))[0] != 0xa0)
    return NULL;
  return g_steal_pointer (&slice);
}

/* The signature OCTET STRING's contents as a slice of the SignedData's
 * bytes; NULL when it is not a primitive (DER) OCTET STRING. */
static GBytes *
read_signature (const Source *src)
{
  g_autoptr (GBytes) slice = src_signature_slice (src);
  const guint8 *data;
  gsize len = 0;
  SignetDerReader r;
  SignetDerTlv tlv;

  if (slice == NULL)
    return NULL;
  data = g_bytes_get_data (slice, &len);
  signet_der_reader_init (&r, data, len);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OCTET_STRING, &tlv) ||
      tlv.constructed || !signet_der_reader_at_end (&r))
    return NULL;
  return g_bytes_new_from_bytes (slice, (gsize) (tlv.value - data), tlv.value_len);
}

static const char *
rsa_pss_display_name (gnutls_digest_algorithm_t hash)
{
  g_autofree char *name = NULL;

  if (gnutls_digest_get_name (hash) == NULL)
    return g_intern_static_string ("RSA-PSS");
  name = g_strconcat ("RSA-PSS-", gnutls_digest_get_name (hash), NULL);
  return g_intern_string (name);
}

/* id-RSASSA-PSS SignerInfos: GnuTLS reads neither hash nor salt length
 * from the parameters, so the algorithm is named and checked from them. */
static void
setup_rsa_pss (SignetSignerInfo *self, const Source *src)
{
  if (src == NULL)
    {
      /* The parameters cannot be read: GnuTLS's guess is not good enough. */
      self->sign_name = rsa_pss_display_name (GNUTLS_DIG_UNKNOWN);
      set_state (self, SIGNET_SIGNER_INFO_UNSUPPORTED);
      return;
    }
  read_rsa_pss_params (self, src);
  self->sign_algo = gnutls_pk_to_sign (GNUTLS_PK_RSA_PSS, self->pss_hash);
  self->sign_name = rsa_pss_display_name (self->pss_hash);

  /* The content digest uses digestAlgorithm (RFC 5652 5.4); RFC 4056 3
   * says it SHOULD be the PSS hash, and OpenSSL and GnuTLS always make it
   * so. A SignerInfo that differs is not refused, but not checked either. */
  self->digest_algo = self->declared_digest_algo;
  self->digest_name = g_intern_string (gnutls_digest_get_name (self->digest_algo));
  if (self->digest_algo == GNUTLS_DIG_UNKNOWN || self->digest_algo != self->pss_hash)
    set_state (self, SIGNET_SIGNER_INFO_UNSUPPORTED);

  /* GnuTLS's own check is not used: what the signature covers must be
   * known here. */
  if (self->has_signed_attrs && self->signed_attrs == NULL)
    set_state (self, SIGNET_SIGNER_INFO_UNSUPPORTED);
  if (self->signature == NULL || g_bytes_get_size (self->signature) == 0)
    set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
}

/* Fills the SignerIdentifier from the SignedData, for SignerInfos GnuTLS
 * refuses (unknown algorithms), so that the caller can still tell whose
 * signature it cannot check. */
static void
read_sid (SignetSignerInfo *self, const Source *src)
{
  src_sid (src, &self->issuer, &self->serial, &self->ski);
}

/*
 * _signet_signer_info_new:
 * @p7: the imported SignedData
 * @index: the SignerInfo's index
 * @view: (nullable): the SignerInfo located by the DER walk of the
 *   SignedData, or %NULL
 * @signed_data: (nullable): else the SignedData decoded with
 *   signet-cms.asn, or %NULL
 * @der: (nullable): the SignedData's bytes (a slice of the CMS bytes: the
 *   signed attributes and signature value are kept as slices of it)
 *
 * Returns: (transfer full): the SignerInfo; never %NULL
 */
SignetSignerInfo *
_signet_signer_info_new (gnutls_pkcs7_t p7,
                         guint index,
                         const SignetSignerView *view,
                         asn1_node signed_data,
                         GBytes *der)
{
  g_autoptr (SignetSignerInfo) self = g_object_new (SIGNET_TYPE_SIGNER_INFO, NULL);
  gnutls_pkcs7_signature_info_st info;
  Source source = { view, view != NULL ? NULL : signed_data, der, index };
  const Source *src = (view != NULL || signed_data != NULL) && der != NULL ? &source : NULL;
  int rc;

  self->index = index;
  memset (&info, 0, sizeof info);

  if (src != NULL)
    {
      g_autofree char *sig_oid = src_signature_oid (src);

      self->declared_digest_algo = src_digest_algorithm (src);
      self->has_signed_attrs = src_has_signed_attrs (src);
      self->is_rsa_pss = g_strcmp0 (sig_oid, OID_RSASSA_PSS) == 0;
      if (self->has_signed_attrs)
        self->signed_attrs = locate_signed_attributes (src);
      self->signature = read_signature (src);
    }

  rc = gnutls_pkcs7_get_signature_info (p7, index, &info);
  if (rc < 0)
    {
      set_state (self, rc == GNUTLS_E_UNKNOWN_ALGORITHM ? SIGNET_SIGNER_INFO_UNSUPPORTED
                                                        : SIGNET_SIGNER_INFO_MALFORMED);
      if (src != NULL)
        read_sid (self, src);
      self->digest_algo = self->declared_digest_algo;
      self->digest_name = g_intern_string (gnutls_digest_get_name (self->digest_algo));
      if (self->is_rsa_pss)
        {
          read_rsa_pss_params (self, src);
          self->sign_algo = gnutls_pk_to_sign (GNUTLS_PK_RSA_PSS, self->pss_hash);
          self->sign_name = rsa_pss_display_name (self->pss_hash);
        }
      return g_steal_pointer (&self);
    }

  if (info.issuer_dn.data != NULL)
    {
      self->issuer = _signet_bytes_from_datum (&info.issuer_dn);
      self->serial = _signet_bytes_from_datum (&info.signer_serial);
    }
  else if (info.issuer_keyid.data != NULL)
    {
      self->ski = _signet_bytes_from_datum (&info.issuer_keyid);
    }

  if (self->signature == NULL && info.sig.data != NULL)
    self->signature = g_bytes_new (info.sig.data, info.sig.size);
  if (src == NULL)
    {
      self->has_signed_attrs = info.signed_attrs != NULL;
      self->is_rsa_pss = gnutls_sign_get_pk_algorithm (info.algo) == GNUTLS_PK_RSA_PSS;
    }

  if (self->is_rsa_pss)
    {
      setup_rsa_pss (self, src);
    }
  else
    {
      self->sign_algo = info.algo;
      self->sign_name = sign_display_name (info.algo);
      self->digest_algo = gnutls_sign_get_hash_algorithm (info.algo);
      if (self->digest_algo == GNUTLS_DIG_UNKNOWN)
        set_state (self, SIGNET_SIGNER_INFO_UNSUPPORTED);
      self->digest_name = g_intern_string (gnutls_digest_get_name (self->digest_algo));
    }
  if (!self->is_rsa_pss && self->declared_digest_algo != GNUTLS_DIG_UNKNOWN &&
      self->digest_algo != GNUTLS_DIG_UNKNOWN && self->declared_digest_algo != self->digest_algo)
    {
      /* GnuTLS derives the signature algorithm from signatureAlgorithm
       * alone when that names a hash (ecdsa-with-SHA256, ...) and ignores
       * digestAlgorithm; the messageDigest is computed with the hash of the
       * signature algorithm. RFC 5753/5754/8419 require both to agree. */
      set_state (self, SIGNET_SIGNER_INFO_MALFORMED);
    }

  self->signing_time = info.signing_time == (time_t) -1 ? -1 : (gint64) info.signing_time;
  if (info.signed_attrs != NULL)
    read_signed_attributes (self, info.signed_attrs);
  if (src != NULL && self->has_signed_attrs)
    check_value_counts (self, src);

  gnutls_pkcs7_signature_info_deinit (&info);
  return g_steal_pointer (&self);
}

static gboolean
bytes_agree (GBytes *a, GBytes *b)
{
  return (a == NULL && b == NULL) || (a != NULL && b != NULL && g_bytes_equal (a, b));
}

/* See signet-signer-info-private.h. */
gboolean
_signet_signer_sources_agree (const SignetSignerView *view, asn1_node tree, GBytes *der, guint index)
{
  Source a = { view, NULL, der, index };
  Source b = { NULL, tree, der, index };
  g_autofree char *oid_a = src_signature_oid (&a);
  g_autofree char *oid_b = src_signature_oid (&b);
  g_autoptr (GBytes) params_a = src_signature_params (&a);
  g_autoptr (GBytes) params_b = src_signature_params (&b);
  g_autoptr (GBytes) attrs_a = src_signed_attrs_slice (&a);
  g_autoptr (GBytes) attrs_b = src_signed_attrs_slice (&b);
  g_autoptr (GBytes) sig_a = read_signature (&a);
  g_autoptr (GBytes) sig_b = read_signature (&b);
  g_autoptr (GBytes) issuer_a = NULL, serial_a = NULL, ski_a = NULL;
  g_autoptr (GBytes) issuer_b = NULL, serial_b = NULL, ski_b = NULL;
  guint n;

  if (src_digest_algorithm (&a) != src_digest_algorithm (&b) || g_strcmp0 (oid_a, oid_b) != 0 ||
      !bytes_agree (params_a, params_b) || src_has_signed_attrs (&a) != src_has_signed_attrs (&b) ||
      !bytes_agree (attrs_a, attrs_b) || !bytes_agree (sig_a, sig_b))
    return FALSE;
  src_sid (&a, &issuer_a, &serial_a, &ski_a);
  src_sid (&b, &issuer_b, &serial_b, &ski_b);
  if (!bytes_agree (issuer_a, issuer_b) || !bytes_agree (serial_a, serial_b) || !bytes_agree (ski_a, ski_b))
    return FALSE;
  n = src_n_attributes (&a);
  if (n != src_n_attributes (&b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint va = 0, vb = 0;
      g_autofree char *ta = src_attribute (&a, i, &va);
      g_autofree char *tb = src_attribute (&b, i, &vb);

      if (g_strcmp0 (ta, tb) != 0 || va != vb)
        return FALSE;
    }
  return TRUE;
}

SignetSignerInfoState
_signet_signer_info_get_state (SignetSignerInfo *self)
{
  return self->state;
}

guint
_signet_signer_info_get_n_content_types (SignetSignerInfo *self)
{
  return self->n_content_types;
}

gboolean
_signet_signer_info_get_rsa_pss (SignetSignerInfo *self,
                                 gnutls_digest_algorithm_t *hash,
                                 guint *salt_length)
{
  if (hash != NULL)
    *hash = self->pss_hash;
  if (salt_length != NULL)
    *salt_length = self->pss_salt;
  return self->is_rsa_pss;
}

GBytes *
_signet_signer_info_get_signature (SignetSignerInfo *self)
{
  return self->signature;
}

GBytes *
_signet_signer_info_get_signed_attributes (SignetSignerInfo *self)
{
  return self->signed_attrs;
}

/* Returns (transfer full) (nullable): with signed attributes, their DER
 * re-tagged as SET (a copy made for this one check: the stored bytes are a
 * slice of the message and stay as they are); without, @content. NULL
 * when the signed attributes could not be located. */
GBytes *
_signet_signer_info_dup_signed_input (SignetSignerInfo *self, GBytes *content)
{
  gsize len = 0;
  const guint8 *data;
  guint8 *copy;

  if (!self->has_signed_attrs)
    return content != NULL ? g_bytes_ref (content) : NULL;
  if (self->signed_attrs == NULL)
    return NULL;
  data = g_bytes_get_data (self->signed_attrs, &len);
  copy = g_memdup2 (data, len);
  copy[0] = 0x31; /* [0] IMPLICIT -> SET OF (RFC 5652 5.4) */
  return g_bytes_new_take (copy, len);
}

/**
 * signet_signer_info_get_index:
 * @self: a #SignetSignerInfo
 *
 * Returns: the position of this SignerInfo in the SignedData, from 0
 */
guint
signet_signer_info_get_index (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), 0);
  return self->index;
}

/**
 * signet_signer_info_get_issuer:
 * @self: a #SignetSignerInfo
 *
 * Returns: (transfer none) (nullable): the DER issuer Name of an
 *   issuerAndSerialNumber SignerIdentifier, %NULL for a
 *   subjectKeyIdentifier one
 */
GBytes *
signet_signer_info_get_issuer (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->issuer;
}

/**
 * signet_signer_info_get_serial:
 * @self: a #SignetSignerInfo
 *
 * Returns: (transfer none) (nullable): the serial number of an
 *   issuerAndSerialNumber SignerIdentifier (raw INTEGER contents)
 */
GBytes *
signet_signer_info_get_serial (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->serial;
}

/**
 * signet_signer_info_get_subject_key_id:
 * @self: a #SignetSignerInfo
 *
 * Returns: (transfer none) (nullable): the subjectKeyIdentifier of the
 *   SignerIdentifier, %NULL for an issuerAndSerialNumber one
 */
GBytes *
signet_signer_info_get_subject_key_id (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->ski;
}

static gboolean
serials_equal (GBytes *a, GBytes *b)
{
  gsize alen, blen;
  const guint8 *ap = g_bytes_get_data (a, &alen);
  const guint8 *bp = g_bytes_get_data (b, &blen);

  while (alen > 0 && ap[0] == 0)
    ap++, alen--;
  while (blen > 0 && bp[0] == 0)
    bp++, blen--;
  return alen == blen && (alen == 0 || memcmp (ap, bp, alen) == 0);
}

/**
 * signet_signer_info_matches:
 * @self: a #SignetSignerInfo
 * @cert: a candidate signer certificate
 *
 * Tells whether @cert is the certificate the SignerIdentifier names: the
 * same issuer Name (byte for byte) and serial number (leading zero octets
 * ignored), or the same subjectKeyIdentifier. Says nothing about the
 * signature.
 *
 * Returns: whether @cert is named by this SignerInfo
 */
gboolean
signet_signer_info_matches (SignetSignerInfo *self, SignetCertificate *cert)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), FALSE);

  if (self->issuer != NULL && self->serial != NULL)
    {
      GBytes *issuer = signet_certificate_get_raw_issuer (cert);
      GBytes *serial = signet_certificate_get_serial (cert);

      return issuer != NULL && serial != NULL && g_bytes_equal (issuer, self->issuer) &&
             serials_equal (serial, self->serial);
    }
  if (self->ski != NULL)
    {
      GBytes *ski = signet_certificate_get_subject_key_id (cert);

      return ski != NULL && g_bytes_get_size (self->ski) > 0 && g_bytes_equal (ski, self->ski);
    }
  return FALSE;
}

/**
 * signet_signer_info_get_digest_algorithm:
 * @self: a #SignetSignerInfo
 *
 * The digest algorithm of the signature, the one the content digest is
 * computed with (the hash of the signature algorithm, which GnuTLS uses).
 *
 * Returns: the digest algorithm, %GNUTLS_DIG_UNKNOWN if not known
 */
gnutls_digest_algorithm_t
signet_signer_info_get_digest_algorithm (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), GNUTLS_DIG_UNKNOWN);
  return self->digest_algo;
}

/**
 * signet_signer_info_get_declared_digest_algorithm:
 * @self: a #SignetSignerInfo
 *
 * The digestAlgorithm field as the SignerInfo states it. It differs from
 * signet_signer_info_get_digest_algorithm() only in a malformed SignerInfo
 * (which signet_cms_verify_signer() then refuses).
 *
 * Returns: the declared digest algorithm, %GNUTLS_DIG_UNKNOWN if unknown
 *   or unreadable
 */
gnutls_digest_algorithm_t
signet_signer_info_get_declared_digest_algorithm (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), GNUTLS_DIG_UNKNOWN);
  return self->declared_digest_algo;
}

/**
 * signet_signer_info_get_signature_algorithm:
 * @self: a #SignetSignerInfo
 *
 * Returns: the signature algorithm, %GNUTLS_SIGN_UNKNOWN when GnuTLS does
 *   not know it
 */
gnutls_sign_algorithm_t
signet_signer_info_get_signature_algorithm (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), GNUTLS_SIGN_UNKNOWN);
  return self->sign_algo;
}

/**
 * signet_signer_info_get_digest_algorithm_name:
 * @self: a #SignetSignerInfo
 *
 * Returns: (nullable): the digest algorithm's name, e.g. "SHA256"
 */
const char *
signet_signer_info_get_digest_algorithm_name (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->digest_name;
}

/**
 * signet_signer_info_get_signature_algorithm_name:
 * @self: a #SignetSignerInfo
 *
 * Returns: (nullable): the signature algorithm's name: "RSA-SHA256",
 *   "RSA-PSS-SHA256", "ECDSA-SHA384", "EdDSA-Ed25519", "DSA-SHA256", ...;
 *   %NULL when unknown
 */
const char *
signet_signer_info_get_signature_algorithm_name (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->sign_name;
}

/**
 * signet_signer_info_has_signed_attributes:
 * @self: a #SignetSignerInfo
 *
 * Returns: whether the SignerInfo has signedAttrs
 */
gboolean
signet_signer_info_has_signed_attributes (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), FALSE);
  return self->has_signed_attrs;
}

/**
 * signet_signer_info_get_signing_time:
 * @self: a #SignetSignerInfo
 *
 * The signingTime attribute. It is the signer's claim, not a proof.
 *
 * Returns: the signing time as Unix time, -1 when absent
 */
gint64
signet_signer_info_get_signing_time (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), -1);
  return self->signing_time;
}

/**
 * signet_signer_info_get_message_digest:
 * @self: a #SignetSignerInfo
 *
 * Returns: (transfer none) (nullable): the value of the (first)
 *   messageDigest attribute
 */
GBytes *
signet_signer_info_get_message_digest (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->message_digest;
}

/**
 * signet_signer_info_get_n_message_digests:
 * @self: a #SignetSignerInfo
 *
 * RFC 5652 5.3 requires exactly one messageDigest attribute when there are
 * signed attributes.
 *
 * Returns: the number of messageDigest attributes
 */
guint
signet_signer_info_get_n_message_digests (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), 0);
  return self->n_message_digests;
}

/**
 * signet_signer_info_get_content_type:
 * @self: a #SignetSignerInfo
 *
 * Returns: (nullable): the OID of the contentType attribute
 */
const char *
signet_signer_info_get_content_type (SignetSignerInfo *self)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);
  return self->content_type;
}

/**
 * signet_signer_info_get_smime_capabilities:
 * @self: a #SignetSignerInfo
 *
 * The SMIMECapabilities attribute (RFC 8551 2.5.2): the algorithms the
 * signer prefers to receive, in its order of preference (at most
 * %SIGNET_MAX_SMIME_CAPABILITIES).
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   capability OIDs, %NULL when the attribute is absent or unreadable
 */
const char *const *
signet_signer_info_get_smime_capabilities (SignetSignerInfo *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);

  locker = g_mutex_locker_new (&self->capabilities_lock);
  if (!self->capabilities_read)
    {
      self->capabilities_read = TRUE;
      /* The first attribute that decodes, as when they were read at once. */
      for (guint i = 0; self->smime_capabilities_ders != NULL && i < self->smime_capabilities_ders->len &&
                        self->smime_capabilities == NULL;
           i++)
        read_smime_capabilities (self, g_ptr_array_index (self->smime_capabilities_ders, i));
      g_clear_pointer (&self->smime_capabilities_ders, g_ptr_array_unref);
    }
  return (const char *const *) self->smime_capabilities;
}

/**
 * signet_signer_info_get_ess_cert_hash:
 * @self: a #SignetSignerInfo
 * @algorithm: (out) (optional): the hash algorithm of the returned hash
 *
 * The first ESSCertID of the signingCertificateV2 attribute (RFC 5035) or,
 * without it, of the signingCertificate attribute (RFC 2634, SHA-1). An
 * attribute that cannot be decoded gives an empty hash and
 * %GNUTLS_DIG_UNKNOWN.
 *
 * Returns: (transfer none) (nullable): the certificate hash, %NULL when
 *   neither attribute is present
 */
GBytes *
signet_signer_info_get_ess_cert_hash (SignetSignerInfo *self, gnutls_digest_algorithm_t *algorithm)
{
  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), NULL);

  if (algorithm != NULL)
    *algorithm = self->ess_hash != NULL ? self->ess_algo : GNUTLS_DIG_UNKNOWN;
  return self->ess_hash;
}

/* GeneralNames ::= SEQUENCE OF GeneralName; directoryName is [4] EXPLICIT
 * Name. Matches when no directoryName is listed or one equals @issuer. */
static gboolean
ess_issuer_matches (GBytes *general_names, GBytes *issuer)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (general_names, &len);
  SignetDerReader outer, inner;
  SignetDerTlv seq, name;
  gboolean any_dn = FALSE;

  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq))
    return FALSE;
  signet_der_reader_init_contents (&inner, &seq);
  while (!signet_der_reader_at_end (&inner))
    {
      if (!signet_der_read (&inner, &name))
        return FALSE;
      if (signet_der_tlv_is (&name, SIGNET_DER_CLASS_CONTEXT, 4) && name.constructed)
        {
          SignetDerReader dn_reader;
          SignetDerTlv dn;

          any_dn = TRUE;
          signet_der_reader_init_contents (&dn_reader, &name);
          if (signet_der_read (&dn_reader, &dn) && issuer != NULL &&
              dn.total_len == g_bytes_get_size (issuer) &&
              memcmp (dn.start, g_bytes_get_data (issuer, NULL), dn.total_len) == 0)
            return TRUE;
        }
    }
  return !any_dn;
}

/**
 * signet_signer_info_ess_matches:
 * @self: a #SignetSignerInfo
 * @cert: the signer certificate
 *
 * Checks the ESS signing certificate identifier (see
 * signet_signer_info_get_ess_cert_hash()) against @cert: the hash of its
 * DER, and the issuer and serial number when the ESSCertID carries them.
 * Signed attributes protect the identifier, so a mismatch means the signer
 * meant another certificate (a substitution attack, RFC 5035 1).
 *
 * Returns: %TRUE when @cert matches or there is no identifier; %FALSE on a
 *   mismatch or an identifier that cannot be checked (unknown hash)
 */
gboolean
signet_signer_info_ess_matches (SignetSignerInfo *self, SignetCertificate *cert)
{
  guint8 digest[64];
  GBytes *der;
  gsize hash_len;

  g_return_val_if_fail (SIGNET_IS_SIGNER_INFO (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), FALSE);

  if (self->ess_hash == NULL)
    return TRUE;
  if (self->ess_algo == GNUTLS_DIG_UNKNOWN)
    return FALSE;
  hash_len = gnutls_hash_get_len (self->ess_algo);
  if (hash_len == 0 || hash_len > sizeof digest || hash_len != g_bytes_get_size (self->ess_hash))
    return FALSE;
  der = signet_certificate_get_der (cert);
  if (gnutls_hash_fast (self->ess_algo, g_bytes_get_data (der, NULL), g_bytes_get_size (der),
                        digest) < 0 ||
      memcmp (digest, g_bytes_get_data (self->ess_hash, NULL), hash_len) != 0)
    return FALSE;
  if (self->ess_serial != NULL &&
      !serials_equal (self->ess_serial, signet_certificate_get_serial (cert)))
    return FALSE;
  if (self->ess_issuer != NULL &&
      !ess_issuer_matches (self->ess_issuer, signet_certificate_get_raw_issuer (cert)))
    return FALSE;
  return TRUE;
}
