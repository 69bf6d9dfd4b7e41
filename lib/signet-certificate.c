/* signet-certificate.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-certificate.h"

#include <string.h>

#include "signet-der.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-oids.h"

/**
 * SignetCertificate:
 *
 * An immutable X.509 certificate. GnuTLS parses it; the facts Signet needs
 * for path building, display and address matching are read once, when the
 * object is made, so every getter is cheap and thread-safe.
 */
struct _SignetCertificate
{
  GObject parent_instance;

  gnutls_x509_crt_t crt;
  GBytes *der;
  GBytes *tbs;               /* points into der */
  GBytes *signature;         /* BIT STRING contents, without the unused-bits octet */
  gboolean bad_signature_encoding;
  char *sha256;
  char *subject;
  char *issuer;
  char *common_name;
  GBytes *raw_subject;
  GBytes *raw_issuer;
  GBytes *serial;
  char *serial_hex;
  GBytes *ski;
  GBytes *aki;
  gint64 not_before;
  gint64 not_after;
  GStrv emails;
  GStrv san_emails;
  GStrv dn_emails;
  GStrv critical_extensions;
  int version;
  gboolean self_issued;
  int self_signed;           /* -1 not yet known */
  gboolean has_bc;
  gboolean is_ca;
  int path_len;
  gboolean has_ku;
  guint key_usage;
  gboolean has_eku;
  GStrv eku;
  gnutls_sign_algorithm_t sign_algo;
  gnutls_pk_algorithm_t pk_algo;
  guint pk_bits;
  GMutex lock;
};

G_DEFINE_FINAL_TYPE (SignetCertificate, signet_certificate, G_TYPE_OBJECT)

static void
signet_certificate_finalize (GObject *object)
{
  SignetCertificate *self = SIGNET_CERTIFICATE (object);

  g_clear_pointer (&self->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->tbs, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_free (self->sha256);
  g_free (self->subject);
  g_free (self->issuer);
  g_free (self->common_name);
  g_clear_pointer (&self->raw_subject, g_bytes_unref);
  g_clear_pointer (&self->raw_issuer, g_bytes_unref);
  g_clear_pointer (&self->serial, g_bytes_unref);
  g_free (self->serial_hex);
  g_clear_pointer (&self->ski, g_bytes_unref);
  g_clear_pointer (&self->aki, g_bytes_unref);
  g_strfreev (self->emails);
  g_strfreev (self->san_emails);
  g_strfreev (self->dn_emails);
  g_strfreev (self->critical_extensions);
  g_strfreev (self->eku);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (signet_certificate_parent_class)->finalize (object);
}

static void
signet_certificate_class_init (SignetCertificateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_certificate_finalize;
}

static void
signet_certificate_init (SignetCertificate *self)
{
  self->self_signed = -1;
  self->path_len = -1;
  g_mutex_init (&self->lock);
}

static char *
hex_encode (const guint8 *data, gsize len)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0xf];
    }
  out[len * 2] = '\0';
  return out;
}

/* Splits Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 * signatureValue BIT STRING } into its to-be-signed bytes and signature. */
static gboolean
split_signed (GBytes *der, GBytes **tbs, GBytes **signature, gboolean *unused_bits)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (der, &len);
  SignetDerReader outer, inner;
  SignetDerTlv cert, tbs_tlv, alg, sig;

  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &cert))
    return FALSE;
  signet_der_reader_init_contents (&inner, &cert);
  if (!signet_der_read_expect (&inner, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tbs_tlv) ||
      !signet_der_read_expect (&inner, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &alg) ||
      !signet_der_read_expect (&inner, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BIT_STRING, &sig) ||
      sig.value_len < 1 || sig.value[0] > 7)
    return FALSE;

  /* A signature BIT STRING with unused bits is not a valid signature
   * value; keep the certificate (it may still be shown) but never let
   * its signature verify. */
  *unused_bits = sig.value[0] != 0;

  *tbs = g_bytes_new_from_bytes (der, (gsize) (tbs_tlv.start - data), tbs_tlv.total_len);
  *signature = g_bytes_new_from_bytes (der, (gsize) (sig.value + 1 - data), sig.value_len - 1);
  return TRUE;
}

static GBytes *
get_raw (int (*getter) (gnutls_x509_crt_t, gnutls_datum_t *), gnutls_x509_crt_t crt)
{
  g_auto (gnutls_datum_t) d = { NULL, 0 };

  if (getter (crt, &d) < 0)
    return NULL;
  return _signet_bytes_from_datum (&d);
}

static char *
get_dn_string (int (*getter) (gnutls_x509_crt_t, gnutls_datum_t *, unsigned),
               gnutls_x509_crt_t crt)
{
  g_auto (gnutls_datum_t) d = { NULL, 0 };

  if (getter (crt, &d, 0) < 0 || d.data == NULL)
    return g_strdup ("");
  return g_strndup ((const char *) d.data, d.size);
}

static void
add_unique (GPtrArray *list, const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (list, i), value) == 0)
      return;
  g_ptr_array_add (list, g_strdup (value));
}

static GStrv
ptr_array_to_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

static void
read_emails (SignetCertificate *self)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  g_autoptr (GPtrArray) san = g_ptr_array_new ();
  g_autoptr (GPtrArray) dn = g_ptr_array_new ();

  for (unsigned seq = 0; seq < 256; seq++)
    {
      char buf[1024];
      size_t size = sizeof buf - 1;
      unsigned type = 0;
      int rc = gnutls_x509_crt_get_subject_alt_name2 (self->crt, seq, buf, &size, &type, NULL);

      if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (rc < 0 || type != GNUTLS_SAN_RFC822NAME)
        continue;
      buf[size] = '\0';
      if (strlen (buf) != size || !g_utf8_validate (buf, -1, NULL))
        continue;
      add_unique (san, buf);
    }

  for (unsigned idx = 0; idx < 64; idx++)
    {
      char buf[1024];
      size_t size = sizeof buf - 1;
      int rc = gnutls_x509_crt_get_dn_by_oid (self->crt, SIGNET_OID_PKCS9_EMAIL, idx, 0, buf, &size);

      if (rc < 0)
        break;
      buf[MIN (size, sizeof buf - 1)] = '\0';
      if (strlen (buf) != size || !g_utf8_validate (buf, -1, NULL))
        continue;
      add_unique (dn, buf);
    }

  for (guint i = 0; i < san->len; i++)
    add_unique (all, g_ptr_array_index (san, i));
  for (guint i = 0; i < dn->len; i++)
    add_unique (all, g_ptr_array_index (dn, i));

  g_ptr_array_set_free_func (all, g_free);
  g_ptr_array_set_free_func (san, g_free);
  g_ptr_array_set_free_func (dn, g_free);
  self->emails = ptr_array_to_strv (g_steal_pointer (&all));
  self->san_emails = ptr_array_to_strv (g_steal_pointer (&san));
  self->dn_emails = ptr_array_to_strv (g_steal_pointer (&dn));
}

static void
read_extensions (SignetCertificate *self)
{
  g_autoptr (GPtrArray) critical = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) eku = g_ptr_array_new_with_free_func (g_free);
  unsigned int crit = 0;
  unsigned int ca = 0;
  int pathlen = -1;
  unsigned int usage = 0;
  guint8 buf[256];
  size_t size;

  for (unsigned idx = 0; idx < 128; idx++)
    {
      char oid[128];
      size_t oid_size = sizeof oid;
      unsigned int is_critical = 0;

      if (gnutls_x509_crt_get_extension_info (self->crt, idx, oid, &oid_size, &is_critical) < 0)
        break;
      if (is_critical)
        g_ptr_array_add (critical, g_strdup (oid));
    }
  self->critical_extensions = ptr_array_to_strv (g_steal_pointer (&critical));

  if (gnutls_x509_crt_get_basic_constraints (self->crt, &crit, &ca, &pathlen) >= 0)
    {
      self->has_bc = TRUE;
      self->is_ca = ca != 0;
      self->path_len = pathlen;
    }

  if (gnutls_x509_crt_get_key_usage (self->crt, &usage, &crit) >= 0)
    {
      self->has_ku = TRUE;
      self->key_usage = usage;
    }

  for (unsigned idx = 0; idx < 64; idx++)
    {
      char oid[128];
      size_t oid_size = sizeof oid;
      int rc = gnutls_x509_crt_get_key_purpose_oid (self->crt, idx, oid, &oid_size, &crit);

      if (rc < 0)
        break;
      self->has_eku = TRUE;
      g_ptr_array_add (eku, g_strdup (oid));
    }
  self->eku = ptr_array_to_strv (g_steal_pointer (&eku));

  size = sizeof buf;
  if (gnutls_x509_crt_get_subject_key_id (self->crt, buf, &size, &crit) >= 0)
    self->ski = g_bytes_new (buf, size);
  size = sizeof buf;
  if (gnutls_x509_crt_get_authority_key_id (self->crt, buf, &size, &crit) >= 0)
    self->aki = g_bytes_new (buf, size);
}

/**
 * signet_certificate_new_from_der:
 * @der: the DER encoding of one certificate
 * @error: return location for a #GError
 *
 * Parses a certificate.
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 */
SignetCertificate *
signet_certificate_new_from_der (GBytes *der, GError **error)
{
  g_autoptr (SignetCertificate) self = NULL;
  gnutls_datum_t d;
  guint8 buf[64];
  size_t size;
  char cn[512];
  size_t cn_size = sizeof cn;
  int rc;

  g_return_val_if_fail (der != NULL, NULL);

  if (g_bytes_get_size (der) > SIGNET_MAX_CERTIFICATE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   "Certificate of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d bytes",
                   g_bytes_get_size (der), SIGNET_MAX_CERTIFICATE_SIZE);
      return NULL;
    }

  self = g_object_new (SIGNET_TYPE_CERTIFICATE, NULL);
  self->der = g_bytes_ref (der);
  d = _signet_datum_from_bytes (der);

  if (gnutls_x509_crt_init (&self->crt) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Out of memory");
      return NULL;
    }
  rc = gnutls_x509_crt_import (self->crt, &d, GNUTLS_X509_FMT_DER);
  if (rc < 0 || !split_signed (der, &self->tbs, &self->signature, &self->bad_signature_encoding))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not a valid certificate: %s",
                   rc < 0 ? gnutls_strerror (rc) : "malformed DER");
      return NULL;
    }

  size = sizeof buf;
  if (gnutls_x509_crt_get_fingerprint (self->crt, GNUTLS_DIG_SHA256, buf, &size) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Cannot hash the certificate");
      return NULL;
    }
  self->sha256 = hex_encode (buf, size);

  self->subject = get_dn_string (gnutls_x509_crt_get_dn3, self->crt);
  self->issuer = get_dn_string (gnutls_x509_crt_get_issuer_dn3, self->crt);
  self->raw_subject = get_raw (gnutls_x509_crt_get_raw_dn, self->crt);
  self->raw_issuer = get_raw (gnutls_x509_crt_get_raw_issuer_dn, self->crt);
  if (self->raw_subject == NULL || self->raw_issuer == NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Certificate names cannot be read");
      return NULL;
    }
  if (gnutls_x509_crt_get_dn_by_oid (self->crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &cn_size) >= 0 &&
      g_utf8_validate (cn, -1, NULL))
    self->common_name = g_strdup (cn);

  size = sizeof buf;
  if (gnutls_x509_crt_get_serial (self->crt, buf, &size) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Certificate serial cannot be read");
      return NULL;
    }
  self->serial = g_bytes_new (buf, size);
  self->serial_hex = hex_encode (buf, size);

  self->not_before = gnutls_x509_crt_get_activation_time (self->crt);
  self->not_after = gnutls_x509_crt_get_expiration_time (self->crt);
  self->version = gnutls_x509_crt_get_version (self->crt);
  self->self_issued = g_bytes_equal (self->raw_subject, self->raw_issuer);
  self->sign_algo = gnutls_x509_crt_get_signature_algorithm (self->crt);
  self->pk_algo = gnutls_x509_crt_get_pk_algorithm (self->crt, &self->pk_bits);

  read_emails (self);
  read_extensions (self);

  return g_steal_pointer (&self);
}

/**
 * signet_certificate_new_from_bytes:
 * @data: one certificate, DER or PEM
 * @error: return location for a #GError
 *
 * Parses a certificate in DER or PEM form. With PEM, the first certificate
 * is taken.
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 */
SignetCertificate *
signet_certificate_new_from_bytes (GBytes *data, GError **error)
{
  g_autoptr (GPtrArray) list = signet_certificate_list_from_bytes (data, error);

  if (list == NULL)
    return NULL;
  return g_object_ref (g_ptr_array_index (list, 0));
}

static gboolean
looks_like_pem (const guint8 *data, gsize len)
{
  return g_strstr_len ((const char *) data, (gssize) MIN (len, 1 << 20), "-----BEGIN ") != NULL;
}

/**
 * signet_certificate_list_from_bytes:
 * @data: a DER certificate or a PEM bundle
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SignetCertificate): at least one
 *   certificate, or %NULL with @error set
 */
GPtrArray *
signet_certificate_list_from_bytes (GBytes *data, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  if (bytes != NULL && looks_like_pem (bytes, len))
    {
      gnutls_x509_crt_t *crts = NULL;
      unsigned int n = 0;
      gnutls_datum_t d = { (unsigned char *) bytes, (unsigned int) len };
      int rc = gnutls_x509_crt_list_import2 (&crts, &n, &d, GNUTLS_X509_FMT_PEM, 0);

      if (rc < 0)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not a valid PEM certificate: %s",
                       gnutls_strerror (rc));
          return NULL;
        }
      for (unsigned int i = 0; i < n; i++)
        {
          g_auto (gnutls_datum_t) der = { NULL, 0 };
          g_autoptr (GBytes) b = NULL;
          SignetCertificate *cert;

          if (gnutls_x509_crt_export2 (crts[i], GNUTLS_X509_FMT_DER, &der) >= 0)
            {
              b = _signet_bytes_from_datum (&der);
              cert = signet_certificate_new_from_der (b, NULL);
              if (cert != NULL && list->len < SIGNET_MAX_CMS_CERTIFICATES * 64)
                g_ptr_array_add (list, cert);
              else
                g_clear_object (&cert);
            }
          gnutls_x509_crt_deinit (crts[i]);
        }
      gnutls_free (crts);
    }
  else
    {
      SignetCertificate *cert = signet_certificate_new_from_der (data, error);

      if (cert == NULL)
        return NULL;
      g_ptr_array_add (list, cert);
    }

  if (list->len == 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "No certificate found");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * signet_certificate_list_from_file:
 * @path: a file holding a DER certificate or a PEM bundle
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SignetCertificate): the certificates
 */
GPtrArray *
signet_certificate_list_from_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  GPtrArray *list;

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO, "%s", local->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  list = signet_certificate_list_from_bytes (bytes, &local);
  if (list == NULL)
    g_set_error (error, SIGNET_ERROR, local->code, "%s: %s", path, local->message);
  return list;
}

GBytes *
signet_certificate_get_der (SignetCertificate *self)
{
  return self->der;
}

gnutls_x509_crt_t
signet_certificate_get_gnutls (SignetCertificate *self)
{
  return self->crt;
}

/* Lowercase hex SHA-256 of the DER, no separators. */
const char *
signet_certificate_get_sha256 (SignetCertificate *self)
{
  return self->sha256;
}

/**
 * signet_certificate_format_fingerprint:
 * @self: a certificate
 *
 * Formats the SHA-256 fingerprint for people: upper-case hex in groups of
 * four, eight groups to a line, easy to read aloud over the phone.
 *
 * Returns: (transfer full): the formatted fingerprint
 */
char *
signet_certificate_format_fingerprint (SignetCertificate *self)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; self->sha256[i] != '\0'; i++)
    {
      if (i > 0 && i % 32 == 0)
        g_string_append_c (s, '\n');
      else if (i > 0 && i % 4 == 0)
        g_string_append_c (s, ' ');
      g_string_append_c (s, g_ascii_toupper (self->sha256[i]));
    }
  return g_string_free (s, FALSE);
}

const char *
signet_certificate_get_subject (SignetCertificate *self)
{
  return self->subject;
}

const char *
signet_certificate_get_issuer (SignetCertificate *self)
{
  return self->issuer;
}

const char *
signet_certificate_get_common_name (SignetCertificate *self)
{
  return self->common_name;
}

/* The common name, else the first address, else the subject DN. */
const char *
signet_certificate_get_display_name (SignetCertificate *self)
{
  if (self->common_name != NULL && *self->common_name != '\0')
    return self->common_name;
  if (self->emails[0] != NULL)
    return self->emails[0];
  return self->subject;
}

GBytes *
signet_certificate_get_raw_subject (SignetCertificate *self)
{
  return self->raw_subject;
}

GBytes *
signet_certificate_get_raw_issuer (SignetCertificate *self)
{
  return self->raw_issuer;
}

/* The raw INTEGER contents, as encoded (a leading 0x00 is kept). */
GBytes *
signet_certificate_get_serial (SignetCertificate *self)
{
  return self->serial;
}

const char *
signet_certificate_get_serial_hex (SignetCertificate *self)
{
  return self->serial_hex;
}

gint64
signet_certificate_get_not_before (SignetCertificate *self)
{
  return self->not_before;
}

gint64
signet_certificate_get_not_after (SignetCertificate *self)
{
  return self->not_after;
}

GBytes *
signet_certificate_get_subject_key_id (SignetCertificate *self)
{
  return self->ski;
}

GBytes *
signet_certificate_get_authority_key_id (SignetCertificate *self)
{
  return self->aki;
}

/* rfc822Name SANs first, then PKCS#9 emailAddress values of the subject,
 * as written, without duplicates (compared case-insensitively). */
const char *const *
signet_certificate_get_emails (SignetCertificate *self)
{
  return (const char *const *) self->emails;
}

const char *const *
signet_certificate_get_san_emails (SignetCertificate *self)
{
  return (const char *const *) self->san_emails;
}

const char *const *
signet_certificate_get_dn_emails (SignetCertificate *self)
{
  return (const char *const *) self->dn_emails;
}

/* 1, 2 or 3. */
int
signet_certificate_get_version (SignetCertificate *self)
{
  return self->version;
}

gboolean
signet_certificate_is_self_issued (SignetCertificate *self)
{
  return self->self_issued;
}

/* Self-issued and signed with its own key. */
gboolean
signet_certificate_is_self_signed (SignetCertificate *self)
{
  int result;

  g_mutex_lock (&self->lock);
  if (self->self_signed < 0)
    self->self_signed = self->self_issued && signet_certificate_verify_signed_by (self, self);
  result = self->self_signed;
  g_mutex_unlock (&self->lock);
  return result;
}

/* Returns FALSE when the extension is absent; @path_len is -1 when it has no
 * pathLenConstraint. */
gboolean
signet_certificate_get_basic_constraints (SignetCertificate *self, gboolean *is_ca, int *path_len)
{
  if (is_ca)
    *is_ca = self->is_ca;
  if (path_len)
    *path_len = self->path_len;
  return self->has_bc;
}

/* Returns FALSE when the extension is absent (every usage allowed). */
gboolean
signet_certificate_get_key_usage (SignetCertificate *self, guint *usage)
{
  if (usage)
    *usage = self->has_ku ? self->key_usage : 0;
  return self->has_ku;
}

gboolean
signet_certificate_has_extended_key_usage (SignetCertificate *self)
{
  return self->has_eku;
}

/* TRUE when there is no extendedKeyUsage, or it lists @purpose_oid or
 * anyExtendedKeyUsage. */
gboolean
signet_certificate_allows_purpose (SignetCertificate *self, const char *purpose_oid)
{
  if (!self->has_eku)
    return TRUE;
  return g_strv_contains ((const char *const *) self->eku, purpose_oid) ||
         g_strv_contains ((const char *const *) self->eku, SIGNET_OID_KP_ANY);
}

const char *const *
signet_certificate_get_critical_extensions (SignetCertificate *self)
{
  return (const char *const *) self->critical_extensions;
}

gnutls_sign_algorithm_t
signet_certificate_get_signature_algorithm (SignetCertificate *self)
{
  return self->sign_algo;
}

gnutls_pk_algorithm_t
signet_certificate_get_key_algorithm (SignetCertificate *self, guint *bits)
{
  if (bits)
    *bits = self->pk_bits;
  return self->pk_algo;
}

/* Name chaining: @issuer's subject is @subject's issuer (byte-equal DER;
 * GnuTLS also accepts the usual re-encodings). */
gboolean
signet_certificate_is_issuer_name_of (SignetCertificate *issuer, SignetCertificate *subject)
{
  if (g_bytes_equal (issuer->raw_subject, subject->raw_issuer))
    return TRUE;
  return gnutls_x509_crt_check_issuer (subject->crt, issuer->crt) == 1;
}

/* Whether the signature on @self verifies with @issuer's public key. This is
 * the signature alone: names, validity, constraints and algorithm policy are
 * the path validator's business. */
gboolean
signet_certificate_verify_signed_by (SignetCertificate *self, SignetCertificate *issuer)
{
  g_auto (gnutls_pubkey_t) key = NULL;
  gnutls_datum_t tbs, sig;
  unsigned int flags = GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 | GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD5 |
                       GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD2 | GNUTLS_VERIFY_ALLOW_BROKEN;

  if (self->sign_algo == GNUTLS_SIGN_UNKNOWN || self->bad_signature_encoding)
    return FALSE;
  if (gnutls_pubkey_init (&key) < 0 || gnutls_pubkey_import_x509 (key, issuer->crt, 0) < 0)
    return FALSE;
  tbs = _signet_datum_from_bytes (self->tbs);
  sig = _signet_datum_from_bytes (self->signature);
  return gnutls_pubkey_verify_data2 (key, self->sign_algo, flags, &tbs, &sig) >= 0;
}

gboolean
signet_certificate_is_valid_at (SignetCertificate *self, gint64 when)
{
  return when >= self->not_before && when <= self->not_after;
}

gboolean
signet_certificate_equal (gconstpointer a, gconstpointer b)
{
  return g_str_equal (SIGNET_CERTIFICATE ((gpointer) a)->sha256,
                      SIGNET_CERTIFICATE ((gpointer) b)->sha256);
}

guint
signet_certificate_hash (gconstpointer a)
{
  return g_str_hash (SIGNET_CERTIFICATE ((gpointer) a)->sha256);
}

GBytes *
signet_certificate_get_tbs (SignetCertificate *self)
{
  return self->tbs;
}

GBytes *
signet_certificate_get_signature_value (SignetCertificate *self)
{
  return self->signature;
}
