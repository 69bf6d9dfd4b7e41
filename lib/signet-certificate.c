/* signet-certificate.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-certificate.h"
#include "signet-certificate-private.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "signet-cache-private.h"
#include "signet-der.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-oids.h"
#include "signet-signed-data-view.h"

/**
 * SignetCertificate:
 *
 * An immutable X.509 certificate. GnuTLS parses it. What every caller
 * needs (the DER split into to-be-signed part and signature, the SHA-256
 * fingerprint, the raw names and the serial) is read when the object is
 * made; the other facts (name strings, addresses, extensions, validity, key)
 * are read on first use, in groups, under the object's lock. A field is
 * written once, before its group is marked ready, and never changes
 * afterwards, so every getter is thread-safe and the pointers it returns
 * stay valid for the object's lifetime.
 *
 * Since: 0.1
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
  GStrv ext_oids;       /* the extnIDs a GnuTLS getter's scan reaches */
  guint8 *ext_critical; /* their critical flags */
  gboolean ext_scan_failed; /* a getter's scan stops at an entry it cannot read */
  GArray *ext_values;       /* ExtensionValue by index (DER walk), or NULL: ask GnuTLS */
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
  /* Lazily read groups: set (atomically, after the fields are written)
   * once the group's fields are final. */
  int names_ready;           /* subject, issuer, common_name */
  int emails_ready;          /* emails, san_emails, dn_emails */
  int extensions_ready;      /* critical_extensions, ext_oids, bc, ku, eku, ski, aki */
  int basics_ready;          /* not_before, not_after, version, pk_algo, pk_bits */
  int pubkey_ready;          /* pubkey */
  gnutls_pubkey_t pubkey;    /* the subject key, NULL when GnuTLS cannot import it */
  GMutex lock;               /* guards self_signed and the lazy groups */
};

G_DEFINE_FINAL_TYPE (SignetCertificate, signet_certificate, G_TYPE_OBJECT)

static void
signet_certificate_finalize (GObject *object)
{
  SignetCertificate *self = SIGNET_CERTIFICATE (object);

  g_clear_pointer (&self->pubkey, gnutls_pubkey_deinit);
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
  g_strfreev (self->ext_oids);
  g_free (self->ext_critical);
  g_clear_pointer (&self->ext_values, g_array_unref);
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
  /* Hardening fix: GnuTLS copies the bytes of a UTF8String attribute
   * value as they are, valid UTF-8 or not, so a hostile DN is not always
   * UTF-8 (found by fuzzing: a GLib critical in path validation).
   * Every string a certificate hands out goes into GVariants (warning
   * details), JSON and the UI, all of which need valid UTF-8. */
  {
    g_autofree char *raw = g_strndup ((const char *) d.data, d.size);

    if (g_utf8_validate (raw, -1, NULL))
      return g_steal_pointer (&raw);
    return g_utf8_make_valid (raw, -1);
  }
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
read_names (SignetCertificate *self)
{
  char cn[512];
  size_t cn_size = sizeof cn;

  self->subject = get_dn_string (gnutls_x509_crt_get_dn3, self->crt);
  self->issuer = get_dn_string (gnutls_x509_crt_get_issuer_dn3, self->crt);
  if (gnutls_x509_crt_get_dn_by_oid (self->crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &cn_size) >= 0 &&
      g_utf8_validate (cn, -1, NULL))
    self->common_name = g_strdup (cn);
}

static void
read_basics (SignetCertificate *self)
{
  self->not_before = gnutls_x509_crt_get_activation_time (self->crt);
  self->not_after = gnutls_x509_crt_get_expiration_time (self->crt);
  self->version = gnutls_x509_crt_get_version (self->crt);
  self->pk_algo = gnutls_x509_crt_get_pk_algorithm (self->crt, &self->pk_bits);
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

/* The extensions, in one pass over the list. It gives exactly what GnuTLS's
 * per-extension getters (gnutls_x509_crt_get_basic_constraints() and the
 * rest) give, at a fraction of the cost: each of those scans the whole list
 * again (an snprintf and an ASN.1 path lookup per entry), and
 * gnutls_x509_crt_get_key_purpose_oid() decodes the extension again for
 * every purpose. Here each extension's OID is read once and the value of
 * the first extension of each wanted type goes through the same GnuTLS
 * import function the getter would call, with the same checks around it:
 *
 * - a getter takes the first extension with its OID, and fails when, before
 *   reaching it, it meets an extnID that does not fit its 127-byte buffer
 *   (GnuTLS's MAX_OID_SIZE - 1, NUL included) or that cannot be read; so a
 *   value is taken only from an index before the first such entry;
 * - a getter's scan has no bound, the list of critical extensions stops at
 *   128 entries, as it did;
 * - the empty-value check, and the output-buffer limits (256 bytes for the
 *   key identifiers, 128 for a purpose OID with its NUL) are the same. */

/* One extension as the DER walk of the TBSCertificate found it. */
typedef struct
{
  char *oid;         /* as libtasn1 formats it */
  gboolean critical; /* BOOLEAN DEFAULT FALSE */
  gsize offset;      /* extnValue's contents, in self->tbs */
  gsize len;
} WalkedExtension;

typedef struct
{
  gsize offset;
  gsize len;
} ExtensionValue;

static void
walked_extension_clear (gpointer data)
{
  g_free (((WalkedExtension *) data)->oid);
}

/* The extensions of the TBSCertificate, walked with signet-der instead of
 * read one by one from GnuTLS's tree (each read is an snprintf and an
 * ASN.1 path lookup from the first entry: quadratic in the number of
 * extensions, a twentieth of a cold message). GnuTLS imported the
 * certificate with strict DER, so the walk sees what the tree holds:
 * each extnID as libtasn1's decoder formats it, the critical flag, and the
 * extnValue's contents. FALSE on anything unexpected (the caller then
 * asks GnuTLS). test-certificate compares the result with GnuTLS's
 * getters over every test certificate and thousands of mutants. */
static gboolean
walk_extensions (SignetCertificate *self, GArray *out)
{
  gsize tbs_len = 0;
  const guint8 *tbs = g_bytes_get_data (self->tbs, &tbs_len);
  SignetDerReader r, er;
  SignetDerTlv tlv, seq;
  gboolean found = FALSE;

  if (tbs == NULL)
    return FALSE;
  signet_der_reader_init (&r, tbs, tbs_len);
  if (!signet_der_read (&r, &tlv) || tlv.start[0] != 0x30)
    return FALSE;
  signet_der_reader_init_contents (&r, &tlv);
  while (!signet_der_reader_at_end (&r))
    {
      if (!signet_der_read (&r, &tlv))
        return FALSE;
      if (tlv.start[0] == 0xa3)
        {
          found = TRUE;
          break;
        }
    }
  if (!found)
    return signet_der_reader_at_end (&r);
  if (!signet_der_reader_at_end (&r))
    return FALSE;

  /* [3] EXPLICIT Extensions ::= SEQUENCE OF Extension */
  signet_der_reader_init_contents (&er, &tlv);
  if (!signet_der_read (&er, &seq) || seq.start[0] != 0x30 || !signet_der_reader_at_end (&er))
    return FALSE;
  signet_der_reader_init_contents (&er, &seq);
  while (!signet_der_reader_at_end (&er))
    {
      WalkedExtension e = { NULL, FALSE, 0, 0 };
      SignetDerReader xr;
      SignetDerTlv ext, oid, value;

      if (!signet_der_read (&er, &ext) || ext.start[0] != 0x30)
        return FALSE;
      signet_der_reader_init_contents (&xr, &ext);
      if (!signet_der_read (&xr, &oid) || oid.start[0] != 0x06)
        return FALSE;
      if (!signet_der_read (&xr, &value))
        return FALSE;
      if (value.start[0] == 0x01)
        {
          if (value.value_len != 1)
            return FALSE;
          e.critical = value.value[0] != 0;
          if (!signet_der_read (&xr, &value))
            return FALSE;
        }
      if (value.start[0] != 0x04 || !signet_der_reader_at_end (&xr))
        return FALSE;
      e.oid = _signet_der_oid_to_tasn1_string (&oid);
      if (e.oid == NULL)
        return FALSE;
      e.offset = (gsize) (value.value - tbs);
      e.len = value.value_len;
      g_array_append_val (out, e);
    }
  return TRUE;
}

/* gnutls_x509_crt_get_extension_data2 (crt, idx, out), from the walk when
 * there was one: the extnValue's contents (GnuTLS-allocated), and
 * GnuTLS's error for an empty one. */
static int
extension_data (SignetCertificate *self, guint idx, gnutls_datum_t *out)
{
  const ExtensionValue *v;

  out->data = NULL;
  out->size = 0;
  if (self->ext_values == NULL)
    return gnutls_x509_crt_get_extension_data2 (self->crt, idx, out);
  if (idx >= self->ext_values->len)
    return GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
  v = &g_array_index (self->ext_values, ExtensionValue, idx);
  if (v->len == 0)
    return GNUTLS_E_ASN1_DER_ERROR; /* _gnutls_x509_read_value() refuses empty values */
  out->data = gnutls_malloc (v->len);
  if (out->data == NULL)
    return GNUTLS_E_MEMORY_ERROR;
  memcpy (out->data, (const guint8 *) g_bytes_get_data (self->tbs, NULL) + v->offset, v->len);
  out->size = (unsigned int) v->len;
  return 0;
}

static gboolean
read_extension_value (SignetCertificate *self, int idx, gnutls_datum_t *out)
{
  out->data = NULL;
  out->size = 0;
  return idx >= 0 && extension_data (self, (unsigned) idx, out) >= 0;
}

static void
read_extensions (SignetCertificate *self)
{
  g_autoptr (GPtrArray) critical = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) eku = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) visible = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GByteArray) visible_critical = g_byte_array_new ();
  int bc_idx = -1, ku_idx = -1, eku_idx = -1, ski_idx = -1, aki_idx = -1;
  gboolean getters_see = TRUE; /* a getter's scan reaches this index */
  g_autoptr (GArray) walked = g_array_new (FALSE, TRUE, sizeof (WalkedExtension));
  gboolean use_walk;
  unsigned idx;

  g_array_set_clear_func (walked, walked_extension_clear);
  use_walk = walk_extensions (self, walked);
  if (use_walk)
    {
      self->ext_values = g_array_sized_new (FALSE, FALSE, sizeof (ExtensionValue), walked->len);
      for (guint i = 0; i < walked->len; i++)
        {
          const WalkedExtension *e = &g_array_index (walked, WalkedExtension, i);
          ExtensionValue v = { e->offset, e->len };

          g_array_append_val (self->ext_values, v);
        }
    }

  for (idx = 0;; idx++)
    {
      char oid[128];
      size_t oid_size = sizeof oid;
      unsigned int is_critical = 0;
      size_t oid_len;
      int rc;

      /* An extnID too long for this buffer is too long for a getter's too,
       * and no getter scans past it: nothing more to find. */
      if (!use_walk)
        rc = gnutls_x509_crt_get_extension_info (self->crt, idx, oid, &oid_size, &is_critical);
      else if (idx >= walked->len)
        rc = GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
      else
        {
          const WalkedExtension *e = &g_array_index (walked, WalkedExtension, idx);

          /* gnutls_x509_crt_get_extension_info()'s buffer check */
          rc = strlen (e->oid) + 1 > sizeof oid ? GNUTLS_E_SHORT_MEMORY_BUFFER : 0;
          if (rc == 0)
            {
              memcpy (oid, e->oid, strlen (e->oid) + 1);
              is_critical = e->critical ? 1 : 0;
            }
        }

      if (rc < 0)
        {
          /* The end of the list, or an entry a getter fails on too. */
          if (rc != GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE && getters_see)
            self->ext_scan_failed = TRUE;
          break;
        }
      if (is_critical && idx < 128)
        g_ptr_array_add (critical, g_strdup (oid));
      oid_len = strnlen (oid, sizeof oid);
      if (oid_len + 1 > sizeof oid - 1)
        {
          if (getters_see)
            self->ext_scan_failed = TRUE;
          getters_see = FALSE;
        }
      if (!getters_see)
        {
          if (idx >= 127)
            break;
          continue;
        }
      {
        guint8 c = is_critical ? 1 : 0;

        g_ptr_array_add (visible, g_strdup (oid));
        g_byte_array_append (visible_critical, &c, 1);
      }
      if (bc_idx < 0 && strcmp (oid, SIGNET_OID_EXT_BASIC_CONSTRAINTS) == 0)
        bc_idx = (int) idx;
      else if (ku_idx < 0 && strcmp (oid, SIGNET_OID_EXT_KEY_USAGE) == 0)
        ku_idx = (int) idx;
      else if (eku_idx < 0 && strcmp (oid, SIGNET_OID_EXT_EXT_KEY_USAGE) == 0)
        eku_idx = (int) idx;
      else if (ski_idx < 0 && strcmp (oid, SIGNET_OID_EXT_SKI) == 0)
        ski_idx = (int) idx;
      else if (aki_idx < 0 && strcmp (oid, SIGNET_OID_EXT_AKI) == 0)
        aki_idx = (int) idx;
    }
  self->critical_extensions = ptr_array_to_strv (g_steal_pointer (&critical));
  self->ext_oids = ptr_array_to_strv (g_steal_pointer (&visible));
  self->ext_critical = g_byte_array_free (g_steal_pointer (&visible_critical), FALSE);

  {
    g_auto (gnutls_datum_t) der = { NULL, 0 };
    unsigned int ca = 0;
    int pathlen = -1;

    if (read_extension_value (self, bc_idx, &der) && der.size > 0 && der.data != NULL &&
        gnutls_x509_ext_import_basic_constraints (&der, &ca, &pathlen) >= 0)
      {
        self->has_bc = TRUE;
        self->is_ca = ca != 0;
        self->path_len = pathlen;
      }
  }

  {
    g_auto (gnutls_datum_t) der = { NULL, 0 };
    unsigned int usage = 0;

    if (read_extension_value (self, ku_idx, &der) && der.size > 0 && der.data != NULL &&
        gnutls_x509_ext_import_key_usage (&der, &usage) >= 0)
      {
        self->has_ku = TRUE;
        self->key_usage = usage;
      }
  }

  {
    g_auto (gnutls_datum_t) der = { NULL, 0 };
    gnutls_x509_key_purposes_t purposes = NULL;

    if (read_extension_value (self, eku_idx, &der) && der.size > 0 && der.data != NULL &&
        gnutls_x509_key_purpose_init (&purposes) >= 0)
      {
        if (gnutls_x509_ext_import_key_purposes (&der, purposes, 0) >= 0)
          for (unsigned k = 0; k < 64; k++)
            {
              gnutls_datum_t out = { NULL, 0 };
              char oid[128];

              if (gnutls_x509_key_purpose_get (purposes, k, &out) < 0 || out.size + 1 > sizeof oid)
                break;
              if (out.data != NULL)
                memcpy (oid, out.data, out.size);
              oid[out.size] = '\0';
              self->has_eku = TRUE;
              g_ptr_array_add (eku, g_strdup (oid));
            }
        gnutls_x509_key_purpose_deinit (purposes);
      }
  }
  self->eku = ptr_array_to_strv (g_steal_pointer (&eku));

  {
    g_auto (gnutls_datum_t) der = { NULL, 0 };
    g_auto (gnutls_datum_t) id = { NULL, 0 };

    if (read_extension_value (self, ski_idx, &der) &&
        gnutls_x509_ext_import_subject_key_id (&der, &id) >= 0 && id.size <= 256)
      self->ski = g_bytes_new (id.data, id.size);
  }

  {
    g_auto (gnutls_datum_t) der = { NULL, 0 };
    gnutls_x509_aki_t aki = NULL;
    gnutls_datum_t id = { NULL, 0 };

    if (read_extension_value (self, aki_idx, &der) && der.size >= 5 && der.size <= 129 &&
        der.data[0] == 0x30 && der.data[1] == der.size - 2 && der.data[2] == 0x80 &&
        der.data[3] == der.size - 4)
      {
        /* Only a keyIdentifier (SEQUENCE { [0] 1..125 octets }, the usual
         * form): what gnutls_x509_ext_import_authority_key_id() and
         * gnutls_x509_aki_get_id() give, without building libtasn1's
         * AuthorityKeyIdentifier tree (two fifths of parsing a
         * certificate's extensions). Anything else goes through GnuTLS. */
        self->aki = g_bytes_new (der.data + 4, der.size - 4);
      }
    else if (der.size > 0 && der.data != NULL && gnutls_x509_aki_init (&aki) >= 0)
      {
        if (gnutls_x509_ext_import_authority_key_id (&der, aki, 0) >= 0 &&
            gnutls_x509_aki_get_id (aki, &id) >= 0 && id.size <= 256)
          self->aki = g_bytes_new (id.data, id.size);
        gnutls_x509_aki_deinit (aki);
      }
  }
}

/* Runs @reader once, under the lock, the first time a field of its group is
 * asked for. The ready flag is set (with a full barrier) only after the
 * group's fields are written, and a reader never touches another group, so
 * no lock is held twice and a published field never changes. */
static inline void
ensure_group (SignetCertificate *self, int *ready, void (*reader) (SignetCertificate *))
{
  if (G_LIKELY (g_atomic_int_get (ready)))
    return;
  g_mutex_lock (&self->lock);
  if (!g_atomic_int_get (ready))
    {
      reader (self);
      g_atomic_int_set (ready, 1);
    }
  g_mutex_unlock (&self->lock);
}

#define ENSURE_NAMES(self) ensure_group ((self), &(self)->names_ready, read_names)
#define ENSURE_EMAILS(self) ensure_group ((self), &(self)->emails_ready, read_emails)
#define ENSURE_EXTENSIONS(self) ensure_group ((self), &(self)->extensions_ready, read_extensions)
#define ENSURE_BASICS(self) ensure_group ((self), &(self)->basics_ready, read_basics)

static void
read_pubkey (SignetCertificate *self)
{
  gnutls_pubkey_t key = NULL;

  if (gnutls_pubkey_init (&key) < 0)
    return;
  if (gnutls_pubkey_import_x509 (key, self->crt, 0) < 0)
    {
      gnutls_pubkey_deinit (key);
      return;
    }
  self->pubkey = key;
}

/* The subject public key as gnutls_pubkey_import_x509 (key, crt, 0) makes
 * it, imported once (it costs about a fifth of an RSA verification, and an
 * issuer's key is used for every certificate and message it signed). NULL
 * when GnuTLS cannot import it. The key is shared: use it only where GnuTLS
 * reads it (gnutls_pubkey_verify_data2(), gnutls_pubkey_get_pk_algorithm());
 * never set parameters on it (RSASSA-PSS needs a private copy). */
gnutls_pubkey_t
_signet_certificate_get_pubkey (SignetCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (self), NULL);

  ensure_group (self, &self->pubkey_ready, read_pubkey);
  return self->pubkey;
}

/* What gnutls_x509_crt_get_extension_by_oid2 (crt, oid, 0, ...) gives,
 * without its scan of the whole list (an snprintf and an ASN.1 path lookup
 * per entry): the first extension with @oid among those a getter's scan
 * reaches (see read_extensions()), read by index with the same
 * _gnutls_x509_read_value() underneath, and the same refusal of an empty
 * value. */
int
_signet_certificate_get_extension_by_oid (SignetCertificate *self,
                                          const char *oid,
                                          gnutls_datum_t *value,
                                          unsigned int *critical)
{
  int rc;

  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (self), GNUTLS_E_INVALID_REQUEST);

  value->data = NULL;
  value->size = 0;
  ENSURE_EXTENSIONS (self);
  for (guint i = 0; self->ext_oids[i] != NULL; i++)
    {
      if (strcmp (self->ext_oids[i], oid) != 0)
        continue;
      rc = extension_data (self, i, value);
      if (rc < 0)
        return rc;
      if (value->size == 0 || value->data == NULL)
        {
          gnutls_free (value->data);
          value->data = NULL;
          value->size = 0;
          return GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
        }
      if (critical != NULL)
        *critical = self->ext_critical[i];
      return 0;
    }
  /* Not among the entries a getter reaches: absent, unless its scan
   * stops at an entry it cannot read (then it fails with GnuTLS's
   * ASN.1 error; the code here stands for it). */
  return self->ext_scan_failed ? GNUTLS_E_ASN1_DER_ERROR : GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
}

gboolean
_signet_certificate_get_extension (SignetCertificate *self,
                                   const char *oid,
                                   gnutls_datum_t *value,
                                   unsigned int *critical)
{
  return _signet_certificate_get_extension_by_oid (self, oid, value, critical) == 0;
}

/**
 * signet_certificate_new_from_der:
 * @der: the DER encoding of one certificate
 * @error: return location for a #GError
 *
 * Parses a certificate.
 *
 * Returns: (transfer full): the certificate, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetCertificate *
signet_certificate_new_from_der (GBytes *der, GError **error)
{
  g_autoptr (SignetCertificate) self = NULL;
  gnutls_datum_t d;
  guint8 buf[64];
  size_t size;
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

  /* The fingerprint is that of the DER held (what GnuTLS would hash too,
   * without its export copy). */
  if (gnutls_hash_fast (GNUTLS_DIG_SHA256, d.data, d.size, buf) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Cannot hash the certificate");
      return NULL;
    }
  self->sha256 = hex_encode (buf, 32);

  self->raw_subject = get_raw (gnutls_x509_crt_get_raw_dn, self->crt);
  self->raw_issuer = get_raw (gnutls_x509_crt_get_raw_issuer_dn, self->crt);
  if (self->raw_subject == NULL || self->raw_issuer == NULL)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Certificate names cannot be read");
      return NULL;
    }

  size = sizeof buf;
  if (gnutls_x509_crt_get_serial (self->crt, buf, &size) < 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Certificate serial cannot be read");
      return NULL;
    }
  self->serial = g_bytes_new (buf, size);
  self->serial_hex = hex_encode (buf, size);

  self->self_issued = g_bytes_equal (self->raw_subject, self->raw_issuer);
  self->sign_algo = gnutls_x509_crt_get_signature_algorithm (self->crt);

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
 *
 * Since: 0.1
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

guint
_signet_der_hash (gconstpointer der)
{
  gsize len = 0;
  const guint8 *p = g_bytes_get_data ((GBytes *) der, &len);
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ len;

  for (; len >= 8; p += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, p, sizeof w);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 29;
    }
  for (; len > 0; p++, len--)
    h = (h ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
  h ^= h >> 32;
  return (guint) h;
}

/* Parsed certificates by DER: a correspondent's intermediates come with
 * every message, the store hands out the same rows again and again, and
 * parsing one costs more than the rest of its chain check.
 * SignetCertificate is immutable, so one instance serves every message and
 * thread. */
static SignetLru shared_cache = SIGNET_LRU_INIT_WITH_COST (SIGNET_CERTIFICATE_SHARED_CACHE_SIZE,
                                                           SIGNET_CERTIFICATE_SHARED_CACHE_BYTES,
                                                           _signet_der_hash,
                                                           g_bytes_equal,
                                                           (GDestroyNotify) g_bytes_unref,
                                                           g_object_unref);

SignetCertificate *
_signet_certificate_new_shared (GBytes *der)
{
  gsize size = g_bytes_get_size (der);
  SignetCertificate *cert;

  /* Larger than any certificate mail needs: parsed, not kept. */
  if (size > SIGNET_CERTIFICATE_SHARED_MAX_DER)
    return signet_certificate_new_from_der (der, NULL);
  cert = signet_lru_lookup (&shared_cache, der, g_object_ref);
  if (cert != NULL)
    return cert;
  cert = signet_certificate_new_from_der (der, NULL);
  if (cert != NULL)
    signet_lru_insert_with_cost (&shared_cache, g_bytes_ref (der), g_object_ref (cert), size);
  return cert;
}

void
_signet_certificate_clear_shared (void)
{
  signet_lru_clear (&shared_cache);
}

/**
 * signet_certificate_list_from_bytes:
 * @data: a DER certificate or a PEM bundle
 * @error: return location for a #GError
 *
 * Reads a DER certificate or a PEM bundle of certificates.
 *
 * Returns: (transfer container) (element-type SignetCertificate): at least one
 *   certificate, or %NULL with @error set
 *
 * Since: 0.1
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
 * Reads the certificates of a file (DER or a PEM bundle). See
 * signet_certificate_list_from_file_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the certificates
 *
 * Since: 0.1
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

/**
 * signet_certificate_get_der:
 * @self: a certificate
 *
 * Gets the certificate's DER encoding.
 *
 * Returns: (transfer none): the certificate's DER encoding
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_der (SignetCertificate *self)
{
  return self->der;
}

/**
 * signet_certificate_get_gnutls: (skip)
 * @self: a certificate
 *
 * The GnuTLS handle, for C code that needs what Signet does not expose. Not
 * available to language bindings.
 *
 * Returns: (transfer none): the certificate's `gnutls_x509_crt_t`,
 *   owned by @self
 *
 * Since: 0.1
 */
gnutls_x509_crt_t
signet_certificate_get_gnutls (SignetCertificate *self)
{
  return self->crt;
}

/**
 * signet_certificate_get_sha256:
 * @self: a certificate
 *
 * Gets the SHA-256 fingerprint of the DER in lower-case hex without
 * separators: the certificate's key in the store.
 *
 * Returns: the SHA-256 fingerprint of the DER in lower-case hex without
 *   separators: the certificate's key in the store
 *
 * Since: 0.1
 */
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
 *
 * Since: 0.1
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

/**
 * signet_certificate_get_subject:
 * @self: a certificate
 *
 * Gets the subject DN as an RFC 4514 string (for display).
 *
 * Returns: the subject DN as an RFC 4514 string (for display)
 *
 * Since: 0.1
 */
const char *
signet_certificate_get_subject (SignetCertificate *self)
{
  ENSURE_NAMES (self);
  return self->subject;
}

/**
 * signet_certificate_get_issuer:
 * @self: a certificate
 *
 * Gets the issuer DN as an RFC 4514 string (for display).
 *
 * Returns: the issuer DN as an RFC 4514 string (for display)
 *
 * Since: 0.1
 */
const char *
signet_certificate_get_issuer (SignetCertificate *self)
{
  ENSURE_NAMES (self);
  return self->issuer;
}

/**
 * signet_certificate_get_common_name:
 * @self: a certificate
 *
 * Gets the subject's commonName.
 *
 * Returns: (nullable): the subject's commonName, %NULL when it has none
 *
 * Since: 0.1
 */
const char *
signet_certificate_get_common_name (SignetCertificate *self)
{
  ENSURE_NAMES (self);
  return self->common_name;
}

/**
 * signet_certificate_get_display_name:
 * @self: a certificate
 *
 * Gets the name to show: the common name, else the first address, else the
 * subject DN.
 *
 * Returns: the name to show: the common name, else the first address, else
 *   the subject DN
 *
 * Since: 0.1
 */
const char *
signet_certificate_get_display_name (SignetCertificate *self)
{
  ENSURE_NAMES (self);
  ENSURE_EMAILS (self);
  if (self->common_name != NULL && *self->common_name != '\0')
    return self->common_name;
  if (self->emails[0] != NULL)
    return self->emails[0];
  return self->subject;
}

/**
 * signet_certificate_get_raw_subject:
 * @self: a certificate
 *
 * Gets the DER encoding of the subject Name.
 *
 * Returns: (transfer none): the DER encoding of the subject Name
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_raw_subject (SignetCertificate *self)
{
  return self->raw_subject;
}

/**
 * signet_certificate_get_raw_issuer:
 * @self: a certificate
 *
 * Gets the DER encoding of the issuer Name.
 *
 * Returns: (transfer none): the DER encoding of the issuer Name
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_raw_issuer (SignetCertificate *self)
{
  return self->raw_issuer;
}

/**
 * signet_certificate_get_serial:
 * @self: a certificate
 *
 * Gets the serial number's raw INTEGER contents, as encoded (a leading 0x00
 * is kept).
 *
 * Returns: (transfer none): the serial number's raw INTEGER contents, as
 *   encoded (a leading 0x00 is kept)
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_serial (SignetCertificate *self)
{
  return self->serial;
}

/**
 * signet_certificate_get_serial_hex:
 * @self: a certificate
 *
 * Gets the serial number in lower-case hex, for display.
 *
 * Returns: the serial number in lower-case hex, for display
 *
 * Since: 0.1
 */
const char *
signet_certificate_get_serial_hex (SignetCertificate *self)
{
  return self->serial_hex;
}

/**
 * signet_certificate_get_not_before:
 * @self: a certificate
 *
 * Gets the start of the validity period (Unix time).
 *
 * Returns: the start of the validity period (Unix time)
 *
 * Since: 0.1
 */
gint64
signet_certificate_get_not_before (SignetCertificate *self)
{
  ENSURE_BASICS (self);
  return self->not_before;
}

/**
 * signet_certificate_get_not_after:
 * @self: a certificate
 *
 * Gets the end of the validity period (Unix time).
 *
 * Returns: the end of the validity period (Unix time)
 *
 * Since: 0.1
 */
gint64
signet_certificate_get_not_after (SignetCertificate *self)
{
  ENSURE_BASICS (self);
  return self->not_after;
}

/**
 * signet_certificate_get_subject_key_id:
 * @self: a certificate
 *
 * Gets the subjectKeyIdentifier extension's value.
 *
 * Returns: (transfer none) (nullable): the subjectKeyIdentifier extension's
 *   value, %NULL when absent
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_subject_key_id (SignetCertificate *self)
{
  ENSURE_EXTENSIONS (self);
  return self->ski;
}

/**
 * signet_certificate_get_authority_key_id:
 * @self: a certificate
 *
 * Gets the keyIdentifier of the authorityKeyIdentifier extension.
 *
 * Returns: (transfer none) (nullable): the keyIdentifier of the
 *   authorityKeyIdentifier extension, %NULL when absent
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_authority_key_id (SignetCertificate *self)
{
  ENSURE_EXTENSIONS (self);
  return self->aki;
}

/**
 * signet_certificate_get_emails:
 * @self: a certificate
 *
 * The addresses the certificate is for: rfc822Name SANs first, then PKCS#9
 * emailAddress values of the subject, as written, without duplicates
 * (compared case-insensitively).
 *
 * Returns: (transfer none): the addresses; possibly empty
 *
 * Since: 0.1
 */
const char *const *
signet_certificate_get_emails (SignetCertificate *self)
{
  ENSURE_EMAILS (self);
  return (const char *const *) self->emails;
}

/**
 * signet_certificate_get_san_emails:
 * @self: a certificate
 *
 * Gets the rfc822Name entries of the subjectAltName, as written.
 *
 * Returns: (transfer none): the rfc822Name entries of the subjectAltName,
 *   as written; possibly empty
 *
 * Since: 0.1
 */
const char *const *
signet_certificate_get_san_emails (SignetCertificate *self)
{
  ENSURE_EMAILS (self);
  return (const char *const *) self->san_emails;
}

/**
 * signet_certificate_get_dn_emails:
 * @self: a certificate
 *
 * Gets the PKCS#9 emailAddress values of the subject DN, as written.
 *
 * Returns: (transfer none): the PKCS#9 emailAddress values of the subject
 *   DN, as written; possibly empty
 *
 * Since: 0.1
 */
const char *const *
signet_certificate_get_dn_emails (SignetCertificate *self)
{
  ENSURE_EMAILS (self);
  return (const char *const *) self->dn_emails;
}

/**
 * signet_certificate_get_version:
 * @self: a certificate
 *
 * Gets the X.509 version: 1, 2 or 3.
 *
 * Returns: the X.509 version: 1, 2 or 3
 *
 * Since: 0.1
 */
int
signet_certificate_get_version (SignetCertificate *self)
{
  ENSURE_BASICS (self);
  return self->version;
}

/**
 * signet_certificate_is_self_issued:
 * @self: a certificate
 *
 * Checks whether subject and issuer are the same name.
 *
 * Returns: whether subject and issuer are the same name
 *
 * Since: 0.1
 */
gboolean
signet_certificate_is_self_issued (SignetCertificate *self)
{
  return self->self_issued;
}

/**
 * signet_certificate_is_self_signed:
 * @self: a certificate
 *
 * Checks whether the certificate is self-issued and signed with its own key.
 *
 * Returns: whether the certificate is self-issued and signed with its own key
 *
 * Since: 0.1
 */
gboolean
signet_certificate_is_self_signed (SignetCertificate *self)
{
  int result;

  /* The key is read (under the same lock) before the lock is taken here:
   * signet_certificate_verify_signed_by() below then finds it ready. */
  if (self->self_issued)
    (void) _signet_certificate_get_pubkey (self);
  g_mutex_lock (&self->lock);
  if (self->self_signed < 0)
    self->self_signed = self->self_issued && signet_certificate_verify_signed_by (self, self);
  result = self->self_signed;
  g_mutex_unlock (&self->lock);
  return result;
}

/**
 * signet_certificate_get_basic_constraints:
 * @self: a certificate
 * @is_ca: (out) (optional): whether the certificate is a CA
 * @path_len: (out) (optional): the pathLenConstraint, -1 when it has none
 *
 * Reads the basicConstraints extension.
 *
 * Returns: %FALSE when the certificate has no basicConstraints extension
 *
 * Since: 0.1
 */
gboolean
signet_certificate_get_basic_constraints (SignetCertificate *self, gboolean *is_ca, int *path_len)
{
  ENSURE_EXTENSIONS (self);
  if (is_ca)
    *is_ca = self->is_ca;
  if (path_len)
    *path_len = self->path_len;
  return self->has_bc;
}

/**
 * signet_certificate_get_key_usage:
 * @self: a certificate
 * @usage: (out) (optional) (type SignetKeyUsage): the keyUsage bits, #SignetKeyUsage values
 *
 * Reads the keyUsage extension: a combination of #SignetKeyUsage flags.
 *
 * Returns: %FALSE when the certificate has no keyUsage extension (every
 *   usage allowed)
 *
 * Since: 0.1
 */
gboolean
signet_certificate_get_key_usage (SignetCertificate *self, guint *usage)
{
  ENSURE_EXTENSIONS (self);
  if (usage)
    *usage = self->has_ku ? self->key_usage : 0;
  return self->has_ku;
}

/**
 * signet_certificate_has_extended_key_usage:
 * @self: a certificate
 *
 * Checks whether the certificate has an extendedKeyUsage extension.
 *
 * Returns: whether the certificate has an extendedKeyUsage extension
 *
 * Since: 0.1
 */
gboolean
signet_certificate_has_extended_key_usage (SignetCertificate *self)
{
  ENSURE_EXTENSIONS (self);
  return self->has_eku;
}

/**
 * signet_certificate_allows_purpose:
 * @self: a certificate
 * @purpose_oid: an extended key usage OID, such as `1.3.6.1.5.5.7.3.4`
 *   (e-mail protection)
 *
 * Checks whether the extendedKeyUsage extension, when present, allows
 * @purpose_oid.
 *
 * Returns: %TRUE when the certificate has no extendedKeyUsage, or when it
 *   lists @purpose_oid or anyExtendedKeyUsage
 *
 * Since: 0.1
 */
gboolean
signet_certificate_allows_purpose (SignetCertificate *self, const char *purpose_oid)
{
  ENSURE_EXTENSIONS (self);
  if (!self->has_eku)
    return TRUE;
  return g_strv_contains ((const char *const *) self->eku, purpose_oid) ||
         g_strv_contains ((const char *const *) self->eku, SIGNET_OID_KP_ANY);
}

/**
 * signet_certificate_get_critical_extensions:
 * @self: a certificate
 *
 * Gets the OIDs of the extensions marked critical.
 *
 * Returns: (transfer none): the OIDs of the extensions marked critical;
 *   possibly empty
 *
 * Since: 0.1
 */
const char *const *
signet_certificate_get_critical_extensions (SignetCertificate *self)
{
  ENSURE_EXTENSIONS (self);
  return (const char *const *) self->critical_extensions;
}

/**
 * signet_certificate_get_signature_algorithm: (skip)
 * @self: a certificate
 *
 * Gets the algorithm of the issuer's signature on the certificate, a
 * `gnutls_sign_algorithm_t`.
 *
 * Returns: the algorithm of the issuer's signature on the
 *   certificate, a `gnutls_sign_algorithm_t`
 *
 * Since: 0.1
 */
gnutls_sign_algorithm_t
signet_certificate_get_signature_algorithm (SignetCertificate *self)
{
  return self->sign_algo;
}

/**
 * signet_certificate_get_key_algorithm: (skip)
 * @self: a certificate
 * @bits: (out) (optional): the key size in bits
 *
 * Gets the public key algorithm, a `gnutls_pk_algorithm_t`.
 *
 * Returns: the public key algorithm, a `gnutls_pk_algorithm_t`
 *
 * Since: 0.1
 */
gnutls_pk_algorithm_t
signet_certificate_get_key_algorithm (SignetCertificate *self, guint *bits)
{
  ENSURE_BASICS (self);
  if (bits)
    *bits = self->pk_bits;
  return self->pk_algo;
}

/**
 * signet_certificate_is_issuer_name_of:
 * @issuer: a candidate issuer certificate
 * @subject: a certificate
 *
 * Name chaining: whether @issuer's subject is @subject's issuer (byte-equal
 * DER; the usual re-encodings are accepted too).
 *
 * Returns: whether the names chain
 *
 * Since: 0.1
 */
gboolean
signet_certificate_is_issuer_name_of (SignetCertificate *issuer, SignetCertificate *subject)
{
  GBytes *aki, *ski;

  if (g_bytes_equal (issuer->raw_subject, subject->raw_issuer))
    return TRUE;
  /* GnuTLS's answer without its cost (it decodes and prints both names):
   * gnutls_x509_crt_check_issuer() says no whenever @subject's authority
   * key identifier and @issuer's subject key identifier can both be read
   * into its 128-byte buffers (MAX_KEY_ID_SIZE) and differ, whatever the
   * names. These are the values GnuTLS's own getters give (see
   * read_extensions()). */
  aki = signet_certificate_get_authority_key_id (subject);
  ski = signet_certificate_get_subject_key_id (issuer);
  if (aki != NULL && ski != NULL && g_bytes_get_size (aki) <= 128 &&
      g_bytes_get_size (ski) <= 128 && !g_bytes_equal (aki, ski))
    return FALSE;
  return gnutls_x509_crt_check_issuer (subject->crt, issuer->crt) == 1;
}

/**
 * signet_certificate_verify_signed_by:
 * @self: a certificate
 * @issuer: a candidate issuer certificate
 *
 * Whether the signature on @self verifies with @issuer's public key. This is
 * the signature alone: names, validity, constraints and algorithm policy are
 * the path validator's business.
 *
 * Returns: whether the signature verifies
 *
 * Since: 0.1
 */
gboolean
signet_certificate_verify_signed_by (SignetCertificate *self, SignetCertificate *issuer)
{
  gnutls_pubkey_t key;
  gnutls_datum_t tbs, sig;
  unsigned int flags = GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 | GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD5 |
                       GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD2 | GNUTLS_VERIFY_ALLOW_BROKEN;

  if (self->sign_algo == GNUTLS_SIGN_UNKNOWN || self->bad_signature_encoding)
    return FALSE;
  key = _signet_certificate_get_pubkey (issuer);
  if (key == NULL)
    return FALSE;
  tbs = _signet_datum_from_bytes (self->tbs);
  sig = _signet_datum_from_bytes (self->signature);
  return gnutls_pubkey_verify_data2 (key, self->sign_algo, flags, &tbs, &sig) >= 0;
}

/**
 * signet_certificate_is_valid_at:
 * @self: a certificate
 * @when: a Unix time
 *
 * Checks whether @when lies within the validity period.
 *
 * Returns: whether @when lies within the validity period
 *
 * Since: 0.1
 */
gboolean
signet_certificate_is_valid_at (SignetCertificate *self, gint64 when)
{
  ENSURE_BASICS (self);
  return when >= self->not_before && when <= self->not_after;
}

/**
 * signet_certificate_equal:
 * @a: (type SignetCertificate): a certificate
 * @b: (type SignetCertificate): another certificate
 *
 * A #GEqualFunc for hash tables of certificates.
 *
 * Returns: whether @a and @b have the same DER encoding
 *
 * Since: 0.1
 */
gboolean
signet_certificate_equal (gconstpointer a, gconstpointer b)
{
  return g_str_equal (SIGNET_CERTIFICATE ((gpointer) a)->sha256,
                      SIGNET_CERTIFICATE ((gpointer) b)->sha256);
}

/**
 * signet_certificate_hash:
 * @a: (type SignetCertificate): a certificate
 *
 * A #GHashFunc for hash tables of certificates.
 *
 * Returns: a hash of the certificate's SHA-256 fingerprint
 *
 * Since: 0.1
 */
guint
signet_certificate_hash (gconstpointer a)
{
  return g_str_hash (SIGNET_CERTIFICATE ((gpointer) a)->sha256);
}

/**
 * signet_certificate_get_tbs:
 * @self: a certificate
 *
 * Gets the DER of the to-be-signed part (TBSCertificate).
 *
 * Returns: (transfer none): the DER of the to-be-signed part (TBSCertificate)
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_tbs (SignetCertificate *self)
{
  return self->tbs;
}

/**
 * signet_certificate_get_signature_value:
 * @self: a certificate
 *
 * Gets the issuer's signature value.
 *
 * Returns: (transfer none): the issuer's signature value
 *
 * Since: 0.1
 */
GBytes *
signet_certificate_get_signature_value (SignetCertificate *self)
{
  return self->signature;
}
