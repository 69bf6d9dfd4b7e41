/* signet-crl.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-crl.h"

#include "signet-name-constraints.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "signet-cache-private.h"
#include "signet-certificate-private.h"
#include "signet-crl-private.h"
#include "signet-der.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-oids.h"

/**
 * SignetCrl:
 *
 * An immutable certificate revocation list (RFC 5280 section 5). The DER is
 * walked once with the bounded reader of signet-der.h (GnuTLS imports CRLs
 * whose entries carry extensions in quadratic time and only offers linear
 * lookups); the entries are kept in one flat array that points into the DER
 * and are indexed by serial number (and, for indirect CRLs, by certificate
 * issuer) in an open-addressing hash table, so a lookup is O(1).
 *
 * Since: 0.1
 */

#define ENTRY_FLAG_UNKNOWN_CRITICAL 0x01

typedef struct
{
  gint64 revocation_time;
  gint64 invalidity_date;
  guint32 serial_off; /* offset of the serial (leading zeros stripped) in the DER */
  guint16 serial_len;
  gint8 reason;
  guint8 flags;
  guint32 issuer_idx; /* 0: the CRL issuer; else index into entry_issuers */
} Entry;

/* An issuer index no certificate issuer can match (a certificateIssuer
 * without a directoryName). */
#define ISSUER_IDX_NONE G_MAXUINT32

/**
 * SignetCrlReason:
 * @SIGNET_CRL_REASON_NONE: the entry has no reasonCode
 * @SIGNET_CRL_REASON_UNSPECIFIED: unspecified
 * @SIGNET_CRL_REASON_KEY_COMPROMISE: the private key was compromised
 * @SIGNET_CRL_REASON_CA_COMPROMISE: the CA's key was compromised
 * @SIGNET_CRL_REASON_AFFILIATION_CHANGED: the subject's affiliation changed
 * @SIGNET_CRL_REASON_SUPERSEDED: the certificate was replaced
 * @SIGNET_CRL_REASON_CESSATION_OF_OPERATION: the certificate is no longer
 *   needed
 * @SIGNET_CRL_REASON_CERTIFICATE_HOLD: the certificate is on hold
 * @SIGNET_CRL_REASON_REMOVE_FROM_CRL: the entry is removed (in delta CRLs)
 * @SIGNET_CRL_REASON_PRIVILEGE_WITHDRAWN: a privilege was withdrawn
 * @SIGNET_CRL_REASON_AA_COMPROMISE: the attribute authority was compromised
 *
 * The CRLReason of an entry (RFC 5280 section 5.3.1).
 *
 * Since: 0.1
 */

/**
 * SignetCrlEntry:
 * @revocation_time: the revocationDate (Unix time)
 * @reason: the reasonCode
 * @invalidity_date: the invalidityDate (Unix time), -1 when absent
 * @has_unknown_critical_extension: whether the entry has a critical
 *   extension Signet does not understand (the CRL is then unusable)
 *
 * One entry of a CRL, as signet_crl_lookup() finds it.
 *
 * Since: 0.1
 */

/**
 * SignetCrlDistributionPoint:
 * @has_name: whether the distributionPoint field is present
 * @uris: the fullName URIs (never %NULL)
 * @directory_names: (element-type GBytes): the fullName directoryNames,
 *   or nameRelativeToCRLIssuer expanded to a full DN (DER)
 * @reasons: the reasons bits, %SIGNET_CRL_REASONS_ALL when absent
 * @crl_issuers: (element-type GBytes) (nullable): the cRLIssuer
 *   directoryNames (DER), %NULL when absent
 *
 * One DistributionPoint of a cRLDistributionPoints or freshestCRL
 * extension.
 *
 * Since: 0.1
 */

struct _SignetCrl
{
  GObject parent_instance;

  GBytes *der;
  GBytes *tbs;
  GBytes *signature;
  char *sha256;
  char *issuer;
  char *issuer_display;
  GBytes *raw_issuer;
  GBytes *aki;
  GBytes *number;
  GBytes *base_number;
  GBytes *idp_der;
  gint64 this_update;
  gint64 next_update;
  int version;
  gnutls_sign_algorithm_t sign_algo;
  gboolean algorithm_mismatch; /* or any other reason the signature cannot verify */
  gboolean unknown_critical;
  gboolean is_delta;
  GStrv freshest_uris;

  gboolean has_idp;
  gboolean only_user_certs;
  gboolean only_ca_certs;
  gboolean only_attribute_certs;
  gboolean indirect;
  guint only_some_reasons;
  GStrv idp_uris;          /* NULL when the IDP has no distributionPoint */
  GPtrArray *idp_dirnames; /* likewise */

  Entry *entries;
  guint n_entries;
  guint32 *slots; /* entry index + 1; 0 = empty */
  guint32 slot_mask;
  GPtrArray *entry_issuers; /* GBytes; [0] is the CRL issuer */

  GMutex lock;
  GHashTable *verified; /* issuer sha256 -> GINT_TO_POINTER (1 good, 2 bad) */
};

G_DEFINE_FINAL_TYPE (SignetCrl, signet_crl, G_TYPE_OBJECT)

static void
signet_crl_finalize (GObject *object)
{
  SignetCrl *self = SIGNET_CRL (object);

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->tbs, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_free (self->sha256);
  g_free (self->issuer);
  g_free (self->issuer_display);
  g_clear_pointer (&self->raw_issuer, g_bytes_unref);
  g_clear_pointer (&self->aki, g_bytes_unref);
  g_clear_pointer (&self->number, g_bytes_unref);
  g_clear_pointer (&self->base_number, g_bytes_unref);
  g_clear_pointer (&self->idp_der, g_bytes_unref);
  g_strfreev (self->freshest_uris);
  g_strfreev (self->idp_uris);
  g_clear_pointer (&self->idp_dirnames, g_ptr_array_unref);
  g_free (self->entries);
  g_free (self->slots);
  g_clear_pointer (&self->entry_issuers, g_ptr_array_unref);
  g_clear_pointer (&self->verified, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (signet_crl_parent_class)->finalize (object);
}

static void
signet_crl_class_init (SignetCrlClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_crl_finalize;
}

static void
signet_crl_init (SignetCrl *self)
{
  self->next_update = -1;
  self->version = 1;
  self->only_some_reasons = SIGNET_CRL_REASONS_ALL;
  self->entry_issuers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->verified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->lock);
}

/* ---- small DER helpers ------------------------------------------------- */

/* id-ce (2.5.29.x) OIDs in their encoded form: 55 1d x. Returns x, or -1. */
static int
id_ce_arc (const SignetDerTlv *oid)
{
  if (oid->value_len == 3 && oid->value[0] == 0x55 && oid->value[1] == 0x1d && oid->value[2] < 0x80)
    return oid->value[2];
  return -1;
}

static gboolean
read_boolean (const SignetDerTlv *tlv, gboolean *value)
{
  if (tlv->constructed || tlv->value_len != 1)
    return FALSE;
  *value = tlv->value[0] != 0;
  return TRUE;
}

static int
days_in_month (int year, int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static gint64
days_from_civil (int y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gboolean
digits (const guint8 *p, guint n, int *out)
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

/* RFC 5280 Time (UTCTime YYMMDDHHMMSSZ or GeneralizedTime
 * YYYYMMDDHHMMSSZ), without allocating: millions of revocation dates are
 * read per CRL. Also accepts UTCTime without seconds, as signet-der does. */
static gboolean
parse_time (const SignetDerTlv *tlv, gint64 *out)
{
  const guint8 *p = tlv->value;
  gsize len = tlv->value_len;
  int year, mon, day, hour, min, sec = 0;
  gsize off;

  if (tlv->tag_class != SIGNET_DER_CLASS_UNIVERSAL || tlv->constructed)
    return FALSE;
  if (tlv->tag == SIGNET_DER_TAG_UTC_TIME)
    {
      if ((len != 13 && len != 11) || !digits (p, 2, &year))
        return FALSE;
      year += year < 50 ? 2000 : 1900;
      off = 2;
    }
  else if (tlv->tag == SIGNET_DER_TAG_GENERALIZED_TIME)
    {
      if (len != 15 || !digits (p, 4, &year))
        return FALSE;
      off = 4;
    }
  else
    {
      return FALSE;
    }
  if (!digits (p + off, 2, &mon) || !digits (p + off + 2, 2, &day) ||
      !digits (p + off + 4, 2, &hour) || !digits (p + off + 6, 2, &min))
    return FALSE;
  off += 8;
  if (len - off == 3)
    {
      if (!digits (p + off, 2, &sec))
        return FALSE;
      off += 2;
    }
  if (off + 1 != len || p[off] != 'Z')
    return FALSE;
  if (year < 1 || mon < 1 || mon > 12 || day < 1 || day > days_in_month (year, mon) || hour > 23 ||
      min > 59 || sec > 59)
    return FALSE;
  *out = days_from_civil (year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
  return TRUE;
}

/* ReasonFlags BIT STRING -> (1 << bit) mask. */
static gboolean
parse_reason_flags (const SignetDerTlv *tlv, guint *mask)
{
  guint m = 0;

  if (tlv->constructed || tlv->value_len < 1 || tlv->value[0] > 7 ||
      (tlv->value_len == 1 && tlv->value[0] != 0))
    return FALSE;
  for (guint n = 0; n < 9 && n / 8 + 1 < tlv->value_len; n++)
    if (tlv->value[1 + n / 8] & (0x80 >> (n % 8)))
      m |= 1u << n;
  *mask = m;
  return TRUE;
}

static void
append_length (GByteArray *out, gsize len)
{
  guint8 buf[9];
  guint n = 0;

  if (len < 0x80)
    {
      buf[0] = (guint8) len;
      g_byte_array_append (out, buf, 1);
      return;
    }
  for (gsize l = len; l > 0; l >>= 8)
    n++;
  buf[0] = 0x80 | n;
  for (guint i = 0; i < n; i++)
    buf[1 + i] = (guint8) (len >> (8 * (n - 1 - i)));
  g_byte_array_append (out, buf, n + 1);
}

/* @base (a DER Name) with one more RDN, whose AttributeTypeAndValues are
 * @rdn_contents: nameRelativeToCRLIssuer made into a full DN. */
static GBytes *
append_rdn (GBytes *base, const guint8 *rdn_contents, gsize rdn_len)
{
  SignetDerReader r;
  SignetDerTlv name;
  gsize len;
  const guint8 *data;
  GByteArray *rdn = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  if (base == NULL)
    goto fail;
  data = g_bytes_get_data (base, &len);
  signet_der_reader_init (&r, data, len);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &name))
    goto fail;

  g_byte_array_append (rdn, (const guint8 *) "\x31", 1);
  append_length (rdn, rdn_len);
  g_byte_array_append (rdn, rdn_contents, (guint) rdn_len);

  g_byte_array_append (out, (const guint8 *) "\x30", 1);
  append_length (out, name.value_len + rdn->len);
  g_byte_array_append (out, name.value, (guint) name.value_len);
  g_byte_array_append (out, rdn->data, rdn->len);
  g_byte_array_unref (rdn);
  return g_byte_array_free_to_bytes (out);

fail:
  g_byte_array_unref (rdn);
  g_byte_array_unref (out);
  return NULL;
}

/* GeneralNames contents: URIs go to @uris, directoryNames (the DER of the
 * Name) to @dirnames; other name forms are skipped. */
static gboolean
parse_general_names (const SignetDerTlv *names, GPtrArray *uris, GPtrArray *dirnames)
{
  SignetDerReader r;
  SignetDerTlv gn;
  guint count = 0;

  signet_der_reader_init_contents (&r, names);
  while (!signet_der_reader_at_end (&r))
    {
      if (!signet_der_read (&r, &gn) || gn.tag_class != SIGNET_DER_CLASS_CONTEXT)
        return FALSE;
      if (++count > SIGNET_CRL_MAX_NAMES)
        return FALSE;
      if (gn.tag == 6 && !gn.constructed && uris != NULL)
        {
          if (memchr (gn.value, '\0', gn.value_len) != NULL)
            continue;
          g_ptr_array_add (uris, g_strndup ((const char *) gn.value, gn.value_len));
        }
      else if (gn.tag == 4 && gn.constructed && dirnames != NULL)
        {
          SignetDerReader inner;
          SignetDerTlv name;

          signet_der_reader_init_contents (&inner, &gn);
          if (!signet_der_read_expect (&inner, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                       &name) ||
              !signet_der_reader_at_end (&inner))
            return FALSE;
          g_ptr_array_add (dirnames, g_bytes_new (name.start, name.total_len));
        }
    }
  return TRUE;
}

static GStrv
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/* DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
 * nameRelativeToCRLIssuer [1] RelativeDistinguishedName }, given the
 * contents of the [0] that wraps it. */
static gboolean
parse_dp_name (const SignetDerTlv *wrapper, GBytes *rdn_base, GPtrArray *uris, GPtrArray *dirnames)
{
  SignetDerReader r;
  SignetDerTlv choice;

  signet_der_reader_init_contents (&r, wrapper);
  if (!signet_der_read (&r, &choice) || !signet_der_reader_at_end (&r) ||
      choice.tag_class != SIGNET_DER_CLASS_CONTEXT || !choice.constructed)
    return FALSE;
  if (choice.tag == 0)
    return parse_general_names (&choice, uris, dirnames);
  if (choice.tag == 1)
    {
      GBytes *full = append_rdn (rdn_base, choice.value, choice.value_len);

      if (full == NULL)
        return FALSE;
      g_ptr_array_add (dirnames, full);
      return TRUE;
    }
  return FALSE;
}

/**
 * signet_crl_distribution_point_free:
 * @point: (transfer full): a distribution point
 *
 * Frees a distribution point returned by
 * signet_crl_parse_distribution_points().
 *
 * Since: 0.1
 */
void
signet_crl_distribution_point_free (SignetCrlDistributionPoint *point)
{
  if (point == NULL)
    return;
  g_strfreev (point->uris);
  g_clear_pointer (&point->directory_names, g_ptr_array_unref);
  g_clear_pointer (&point->crl_issuers, g_ptr_array_unref);
  g_free (point);
}

/**
 * signet_crl_parse_distribution_points:
 * @extension_value: the extnValue contents of a cRLDistributionPoints or
 *   freshestCRL extension (a DER SEQUENCE OF DistributionPoint)
 * @issuer_name: (nullable): the DER Name of the certificate's issuer, to
 *   expand nameRelativeToCRLIssuer when a point has no cRLIssuer
 * @error: return location for a #GError
 *
 * Parses the distribution points of a certificate, keeping what RFC 5280
 * 6.3.3 compares: fullName URIs and directory names (nameRelativeToCRLIssuer
 * is expanded to a full DN), reasons and cRLIssuer directory names.
 *
 * Returns: (transfer container) (element-type SignetCrlDistributionPoint): the
 *   points, or %NULL with @error set when the extension is malformed
 *
 * Since: 0.1
 */
GPtrArray *
signet_crl_parse_distribution_points (GBytes *extension_value, GBytes *issuer_name, GError **error)
{
  g_autoptr (GPtrArray) points =
      g_ptr_array_new_with_free_func ((GDestroyNotify) signet_crl_distribution_point_free);
  SignetDerReader r, seq;
  SignetDerTlv outer, dp;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (extension_value != NULL, NULL);

  data = g_bytes_get_data (extension_value, &len);
  signet_der_reader_init (&r, data, len);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &outer) ||
      !signet_der_reader_at_end (&r))
    goto malformed;

  signet_der_reader_init_contents (&seq, &outer);
  while (!signet_der_reader_at_end (&seq))
    {
      g_autoptr (SignetCrlDistributionPoint) point = g_new0 (SignetCrlDistributionPoint, 1);
      g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
      SignetDerReader fields;
      SignetDerTlv field, name_field = { 0 };
      gboolean have_name = FALSE;

      if (points->len >= SIGNET_CRL_MAX_NAMES ||
          !signet_der_read_expect (&seq, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &dp))
        goto malformed;
      point->reasons = SIGNET_CRL_REASONS_ALL;
      point->directory_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      signet_der_reader_init_contents (&fields, &dp);
      while (!signet_der_reader_at_end (&fields))
        {
          if (!signet_der_read (&fields, &field) || field.tag_class != SIGNET_DER_CLASS_CONTEXT)
            goto malformed;
          if (field.tag == 0 && field.constructed)
            {
              name_field = field;
              have_name = TRUE;
            }
          else if (field.tag == 1)
            {
              if (!parse_reason_flags (&field, &point->reasons))
                goto malformed;
            }
          else if (field.tag == 2 && field.constructed)
            {
              point->crl_issuers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
              if (!parse_general_names (&field, NULL, point->crl_issuers))
                goto malformed;
            }
          else
            {
              goto malformed;
            }
        }
      if (have_name)
        {
          GBytes *base = issuer_name;

          if (point->crl_issuers != NULL && point->crl_issuers->len > 0)
            base = g_ptr_array_index (point->crl_issuers, 0);
          point->has_name = TRUE;
          if (!parse_dp_name (&name_field, base, uris, point->directory_names))
            goto malformed;
        }
      point->uris = steal_strv (g_steal_pointer (&uris));
      g_ptr_array_add (points, g_steal_pointer (&point));
    }
  return g_steal_pointer (&points);

malformed:
  g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                       "Malformed distribution points extension");
  return NULL;
}

/* ---- names --------------------------------------------------------------- */

static char *
dn_to_string (GBytes *dn)
{
  gnutls_datum_t d = _signet_datum_from_bytes (dn);
  g_auto (gnutls_datum_t) out = { NULL, 0 };

  if (gnutls_x509_rdn_get2 (&d, &out, 0) < 0 || out.data == NULL)
    return NULL;
  if (!g_utf8_validate ((const char *) out.data, out.size, NULL))
    return NULL;
  return g_strndup ((const char *) out.data, out.size);
}

/**
 * signet_crl_names_equal:
 * @a: (nullable): a DER Name
 * @b: (nullable): another DER Name
 *
 * Compares two distinguished names as RFC 5280 7.1 asks (see
 * signet_dn_equal()).
 *
 * Returns: whether the names are equal
 *
 * Since: 0.1
 */
gboolean
signet_crl_names_equal (GBytes *a, GBytes *b)
{
  return a != NULL && b != NULL && signet_dn_equal (a, b);
}

/* ---- the entry index ----------------------------------------------------- */

static guint32
entry_hash (const guint8 *serial, gsize len, guint32 issuer_idx)
{
  guint32 h = 2166136261u ^ (issuer_idx * 0x9e3779b9u);

  for (gsize i = 0; i < len; i++)
    h = (h ^ serial[i]) * 16777619u;
  /* Final mix: serials are often sequential. */
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h;
}

/* The minimal two's-complement form of an INTEGER: redundant leading 0x00
 * (before a byte < 0x80) and 0xff (before a byte >= 0x80) octets go, so
 * 00 00 ff and 00 ff are both 255 while ff is -1 (PKITS 4.4.14 and 4.4.15
 * tell those apart). */
static void
strip_zeros (const guint8 **p, gsize *len)
{
  while (*len > 1 && (((*p)[0] == 0x00 && (*p)[1] < 0x80) || ((*p)[0] == 0xff && (*p)[1] >= 0x80)))
    {
      (*p)++;
      (*len)--;
    }
}

static void
build_index (SignetCrl *self)
{
  const guint8 *der = g_bytes_get_data (self->der, NULL);
  guint32 capacity = 16;

  while (capacity < self->n_entries * 2u)
    capacity <<= 1;
  self->slots = g_new0 (guint32, capacity);
  self->slot_mask = capacity - 1;

  for (guint i = 0; i < self->n_entries; i++)
    {
      const Entry *e = &self->entries[i];
      guint32 slot =
          entry_hash (der + e->serial_off, e->serial_len, e->issuer_idx) & self->slot_mask;

      while (self->slots[slot] != 0)
        slot = (slot + 1) & self->slot_mask;
      self->slots[slot] = i + 1;
    }
}

static const Entry *
find_entry (SignetCrl *self, const guint8 *serial, gsize len, guint32 issuer_idx)
{
  const guint8 *der = g_bytes_get_data (self->der, NULL);
  guint32 slot;

  if (self->slots == NULL)
    return NULL;
  slot = entry_hash (serial, len, issuer_idx) & self->slot_mask;
  while (self->slots[slot] != 0)
    {
      const Entry *e = &self->entries[self->slots[slot] - 1];

      if (e->issuer_idx == issuer_idx && e->serial_len == len &&
          memcmp (der + e->serial_off, serial, len) == 0)
        return e;
      slot = (slot + 1) & self->slot_mask;
    }
  return NULL;
}

/* ---- parsing ------------------------------------------------------------- */

typedef struct
{
  SignetCrl *self;
  GHashTable *issuer_index; /* GBytes -> index + 1 */
  guint32 current_issuer;
} ParseState;

static gboolean
parse_entry_extensions (ParseState *st, const SignetDerTlv *exts, Entry *entry)
{
  SignetDerReader r;
  SignetDerTlv ext;

  signet_der_reader_init_contents (&r, exts);
  while (!signet_der_reader_at_end (&r))
    {
      SignetDerReader fields;
      SignetDerTlv oid, tlv, value;
      gboolean critical = FALSE;
      int arc;

      if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &ext))
        return FALSE;
      signet_der_reader_init_contents (&fields, &ext);
      if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid))
        return FALSE;
      if (signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BOOLEAN,
                                  &tlv) &&
          !read_boolean (&tlv, &critical))
        return FALSE;
      if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OCTET_STRING,
                                   &value) ||
          !signet_der_reader_at_end (&fields))
        return FALSE;

      arc = id_ce_arc (&oid);
      if (arc == 21) /* reasonCode */
        {
          SignetDerReader v;
          SignetDerTlv en;
          gint64 code;

          signet_der_reader_init_contents (&v, &value);
          if (!signet_der_read_expect (&v, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_ENUMERATED,
                                       &en) ||
              !signet_der_reader_at_end (&v) || !signet_der_parse_small_int (&en, &code))
            return FALSE;
          if (code < 0 || code > 10 || code == 7)
            {
              /* Not a CRLReason: a critical one cannot be honoured. */
              if (critical)
                entry->flags |= ENTRY_FLAG_UNKNOWN_CRITICAL;
              entry->reason = SIGNET_CRL_REASON_UNSPECIFIED;
            }
          else
            {
              entry->reason = (gint8) code;
            }
        }
      else if (arc == 24) /* invalidityDate */
        {
          SignetDerReader v;
          SignetDerTlv t;

          signet_der_reader_init_contents (&v, &value);
          if (!signet_der_read_expect (&v, SIGNET_DER_CLASS_UNIVERSAL,
                                       SIGNET_DER_TAG_GENERALIZED_TIME, &t) ||
              !signet_der_reader_at_end (&v) || !parse_time (&t, &entry->invalidity_date))
            return FALSE;
        }
      else if (arc == 23) /* holdInstructionCode: an OID we only check */
        {
          SignetDerReader v;
          SignetDerTlv t;

          signet_der_reader_init_contents (&v, &value);
          if (!signet_der_read_expect (&v, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &t) ||
              !signet_der_reader_at_end (&v))
            return FALSE;
        }
      else if (arc == 29) /* certificateIssuer */
        {
          SignetDerReader v;
          SignetDerTlv names;
          g_autoptr (GPtrArray) dirnames =
              g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          GBytes *name;
          gpointer idx;

          signet_der_reader_init_contents (&v, &value);
          if (!signet_der_read_expect (&v, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                       &names) ||
              !signet_der_reader_at_end (&v) || !parse_general_names (&names, NULL, dirnames))
            return FALSE;
          if (dirnames->len == 0)
            {
              st->current_issuer = ISSUER_IDX_NONE;
            }
          else
            {
              name = g_ptr_array_index (dirnames, 0);
              if (signet_crl_names_equal (name, st->self->raw_issuer))
                {
                  st->current_issuer = 0;
                }
              else if ((idx = g_hash_table_lookup (st->issuer_index, name)) != NULL)
                {
                  st->current_issuer = GPOINTER_TO_UINT (idx) - 1;
                }
              else
                {
                  if (st->self->entry_issuers->len >= SIGNET_MAX_CRL_ENTRIES)
                    return FALSE;
                  st->current_issuer = st->self->entry_issuers->len;
                  g_ptr_array_add (st->self->entry_issuers, g_bytes_ref (name));
                  g_hash_table_insert (st->issuer_index, g_bytes_ref (name),
                                       GUINT_TO_POINTER (st->current_issuer + 1));
                }
            }
          entry->issuer_idx = st->current_issuer;
        }
      else if (critical)
        {
          entry->flags |= ENTRY_FLAG_UNKNOWN_CRITICAL;
        }
    }
  return TRUE;
}

static gboolean
parse_entries (ParseState *st, const SignetDerTlv *list, GError **error)
{
  SignetCrl *self = st->self;
  const guint8 *base = g_bytes_get_data (self->der, NULL);
  SignetDerReader r;
  SignetDerTlv tlv;
  gsize count = 0;

  /* Count first, so that the array is allocated once and exactly. */
  signet_der_reader_init_contents (&r, list);
  while (!signet_der_reader_at_end (&r))
    {
      if (!signet_der_read (&r, &tlv))
        goto malformed;
      if (++count > SIGNET_MAX_CRL_ENTRIES)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT, "CRL has more than %d entries",
                       SIGNET_MAX_CRL_ENTRIES);
          return FALSE;
        }
    }
  self->entries = g_new (Entry, MAX (count, 1));

  signet_der_reader_init_contents (&r, list);
  while (!signet_der_reader_at_end (&r))
    {
      Entry *entry = &self->entries[self->n_entries];
      SignetDerReader fields;
      SignetDerTlv seq, serial, date, exts;
      const guint8 *sp;
      gsize slen;

      if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq))
        goto malformed;
      signet_der_reader_init_contents (&fields, &seq);
      if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER,
                                   &serial) ||
          serial.constructed || serial.value_len == 0 || !signet_der_read (&fields, &date) ||
          !parse_time (&date, &entry->revocation_time))
        goto malformed;
      sp = serial.value;
      slen = serial.value_len;
      strip_zeros (&sp, &slen);
      if (slen > SIGNET_CRL_MAX_SERIAL_SIZE)
        goto malformed;
      entry->serial_off = (guint32) (sp - base);
      entry->serial_len = (guint16) slen;
      entry->invalidity_date = -1;
      entry->reason = SIGNET_CRL_REASON_NONE;
      entry->flags = 0;
      entry->issuer_idx = st->current_issuer;

      if (!signet_der_reader_at_end (&fields))
        {
          if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                       &exts) ||
              !signet_der_reader_at_end (&fields) || !parse_entry_extensions (st, &exts, entry))
            goto malformed;
        }
      if (entry->flags & ENTRY_FLAG_UNKNOWN_CRITICAL)
        self->unknown_critical = TRUE;
      self->n_entries++;
    }
  return TRUE;

malformed:
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Malformed CRL entry %u",
               self->n_entries + 1);
  return FALSE;
}

static gboolean
parse_idp (SignetCrl *self, const SignetDerTlv *value)
{
  SignetDerReader r, fields;
  SignetDerTlv seq, field;
  int last_tag = -1;

  signet_der_reader_init_contents (&r, value);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq) ||
      !signet_der_reader_at_end (&r))
    return FALSE;
  self->has_idp = TRUE;
  self->idp_der = g_bytes_new (seq.start, seq.total_len);

  signet_der_reader_init_contents (&fields, &seq);
  while (!signet_der_reader_at_end (&fields))
    {
      if (!signet_der_read (&fields, &field) || field.tag_class != SIGNET_DER_CLASS_CONTEXT ||
          (int) field.tag <= last_tag || field.tag > 5)
        return FALSE;
      last_tag = (int) field.tag;
      switch (field.tag)
        {
        case 0:
          {
            g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);

            if (!field.constructed)
              return FALSE;
            self->idp_dirnames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
            if (!parse_dp_name (&field, self->raw_issuer, uris, self->idp_dirnames))
              return FALSE;
            self->idp_uris = steal_strv (g_steal_pointer (&uris));
          }
          break;
        case 1:
          if (!read_boolean (&field, &self->only_user_certs))
            return FALSE;
          break;
        case 2:
          if (!read_boolean (&field, &self->only_ca_certs))
            return FALSE;
          break;
        case 3:
          if (!parse_reason_flags (&field, &self->only_some_reasons))
            return FALSE;
          break;
        case 4:
          if (!read_boolean (&field, &self->indirect))
            return FALSE;
          break;
        case 5:
          if (!read_boolean (&field, &self->only_attribute_certs))
            return FALSE;
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_integer_ext (const SignetDerTlv *value, GBytes **out)
{
  SignetDerReader r;
  SignetDerTlv i;

  signet_der_reader_init_contents (&r, value);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER, &i) ||
      !signet_der_reader_at_end (&r) || i.constructed || i.value_len == 0 || i.value_len > 20 + 1)
    return FALSE;
  g_clear_pointer (out, g_bytes_unref);
  *out = g_bytes_new (i.value, i.value_len);
  return TRUE;
}

static gboolean
parse_crl_extensions (SignetCrl *self, const SignetDerTlv *wrapper)
{
  SignetDerReader r, list;
  SignetDerTlv exts, ext;

  signet_der_reader_init_contents (&r, wrapper);
  if (!signet_der_read_expect (&r, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &exts) ||
      !signet_der_reader_at_end (&r))
    return FALSE;

  signet_der_reader_init_contents (&list, &exts);
  while (!signet_der_reader_at_end (&list))
    {
      SignetDerReader fields, v;
      SignetDerTlv oid, tlv, value;
      gboolean critical = FALSE;

      if (!signet_der_read_expect (&list, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                   &ext))
        return FALSE;
      signet_der_reader_init_contents (&fields, &ext);
      if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid))
        return FALSE;
      if (signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BOOLEAN,
                                  &tlv) &&
          !read_boolean (&tlv, &critical))
        return FALSE;
      if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OCTET_STRING,
                                   &value) ||
          !signet_der_reader_at_end (&fields))
        return FALSE;

      signet_der_reader_init_contents (&v, &value);
      switch (id_ce_arc (&oid))
        {
        case 35: /* authorityKeyIdentifier */
          {
            SignetDerTlv seq, field;
            SignetDerReader aki;

            if (!signet_der_read_expect (&v, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                         &seq) ||
                !signet_der_reader_at_end (&v))
              return FALSE;
            signet_der_reader_init_contents (&aki, &seq);
            while (!signet_der_reader_at_end (&aki))
              {
                if (!signet_der_read (&aki, &field))
                  return FALSE;
                if (field.tag_class == SIGNET_DER_CLASS_CONTEXT && field.tag == 0 &&
                    !field.constructed)
                  {
                    g_clear_pointer (&self->aki, g_bytes_unref);
                    self->aki = g_bytes_new (field.value, field.value_len);
                  }
              }
          }
          break;
        case 20: /* cRLNumber */
          if (!parse_integer_ext (&value, &self->number))
            return FALSE;
          break;
        case 27: /* deltaCRLIndicator */
          if (!parse_integer_ext (&value, &self->base_number))
            return FALSE;
          self->is_delta = TRUE;
          break;
        case 28: /* issuingDistributionPoint */
          if (self->has_idp || !parse_idp (self, &value))
            return FALSE;
          break;
        case 46: /* freshestCRL */
          {
            g_autoptr (GBytes) b = g_bytes_new (value.value, value.value_len);
            g_autoptr (GPtrArray) points =
                signet_crl_parse_distribution_points (b, self->raw_issuer, NULL);
            g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);

            if (points == NULL)
              return FALSE;
            for (guint i = 0; i < points->len; i++)
              {
                SignetCrlDistributionPoint *p = g_ptr_array_index (points, i);

                for (guint j = 0; p->uris[j] != NULL; j++)
                  g_ptr_array_add (uris, g_strdup (p->uris[j]));
              }
            g_strfreev (self->freshest_uris);
            self->freshest_uris = steal_strv (g_steal_pointer (&uris));
          }
          break;
        default:
          if (critical)
            self->unknown_critical = TRUE;
          break;
        }
    }
  return TRUE;
}

static gboolean
parse_crl (SignetCrl *self, GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (self->der, &len);
  SignetDerReader outer, top, tbs;
  SignetDerTlv crl, tbs_tlv, alg, sig, tlv, inner_alg, issuer;
  g_autoptr (GHashTable) issuer_index =
      g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  ParseState st = { self, issuer_index, 0 };
  const char *what = "structure";

  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &crl) ||
      !signet_der_reader_at_end (&outer))
    goto malformed;
  signet_der_reader_init_contents (&top, &crl);
  if (!signet_der_read_expect (&top, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                               &tbs_tlv) ||
      !signet_der_read_expect (&top, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &alg) ||
      !signet_der_read_expect (&top, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BIT_STRING, &sig) ||
      !signet_der_reader_at_end (&top) || sig.constructed || sig.value_len < 1 || sig.value[0] > 7)
    goto malformed;
  /* A signature that is not a whole number of octets cannot verify, but
   * the CRL is still read (and reported as badly signed). */
  if (sig.value[0] != 0)
    self->algorithm_mismatch = TRUE;
  self->tbs = g_bytes_new_from_bytes (self->der, (gsize) (tbs_tlv.start - data), tbs_tlv.total_len);
  self->signature =
      g_bytes_new_from_bytes (self->der, (gsize) (sig.value + 1 - data), sig.value_len - 1);

  /* signatureAlgorithm */
  {
    SignetDerReader a;
    SignetDerTlv oid;
    g_autofree char *dotted = NULL;

    what = "signature algorithm";
    signet_der_reader_init_contents (&a, &alg);
    if (!signet_der_read_expect (&a, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid) ||
        (dotted = signet_der_oid_to_string (oid.value, oid.value_len)) == NULL)
      goto malformed;
    self->sign_algo = gnutls_oid_to_sign (dotted);
  }

  signet_der_reader_init_contents (&tbs, &tbs_tlv);
  what = "version";
  if (signet_der_read_expect (&tbs, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER, &tlv))
    {
      gint64 v;

      if (!signet_der_parse_small_int (&tlv, &v) || v != 1)
        goto malformed;
      self->version = 2;
    }

  what = "signature";
  if (!signet_der_read_expect (&tbs, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                               &inner_alg))
    goto malformed;
  /* RFC 5280 5.1.1.2: both AlgorithmIdentifiers must be identical. */
  if (inner_alg.total_len != alg.total_len ||
      memcmp (inner_alg.start, alg.start, alg.total_len) != 0)
    self->algorithm_mismatch = TRUE;

  what = "issuer";
  if (!signet_der_read_expect (&tbs, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &issuer))
    goto malformed;
  self->raw_issuer =
      g_bytes_new_from_bytes (self->der, (gsize) (issuer.start - data), issuer.total_len);
  g_ptr_array_add (self->entry_issuers, g_bytes_ref (self->raw_issuer));

  what = "thisUpdate";
  if (!signet_der_read (&tbs, &tlv) || !parse_time (&tlv, &self->this_update))
    goto malformed;

  what = "nextUpdate";
  if (signet_der_peek (&tbs, &tlv) && tlv.tag_class == SIGNET_DER_CLASS_UNIVERSAL &&
      (tlv.tag == SIGNET_DER_TAG_UTC_TIME || tlv.tag == SIGNET_DER_TAG_GENERALIZED_TIME))
    {
      signet_der_read (&tbs, &tlv);
      if (!parse_time (&tlv, &self->next_update))
        goto malformed;
    }

  /* crlExtensions come after the entries but the IDP's indirectCRL and the
   * issuer are needed to read them; the entries only need the issuer. */
  {
    SignetDerTlv entries = { 0 };
    gboolean have_entries = FALSE;

    if (signet_der_read_expect (&tbs, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                &entries))
      have_entries = TRUE;

    what = "crlExtensions";
    if (!signet_der_reader_at_end (&tbs))
      {
        if (!signet_der_read_expect (&tbs, SIGNET_DER_CLASS_CONTEXT, 0, &tlv) || !tlv.constructed ||
            !signet_der_reader_at_end (&tbs) || !parse_crl_extensions (self, &tlv))
          goto malformed;
      }

    if (have_entries && !parse_entries (&st, &entries, error))
      return FALSE;
  }
  return TRUE;

malformed:
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not a valid CRL (%s)", what);
  return FALSE;
}

/**
 * signet_crl_new_from_der:
 * @der: the DER encoding of one CertificateList
 * @error: return location for a #GError
 *
 * Parses and indexes a CRL. The signature is not checked here (see
 * signet_crl_verify_signature()).
 *
 * Returns: (transfer full): the CRL, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetCrl *
signet_crl_new_from_der (GBytes *der, GError **error)
{
  g_autoptr (SignetCrl) self = NULL;
  gnutls_datum_t dn;
  char cn[512];
  size_t cn_size = sizeof cn - 1;

  g_return_val_if_fail (der != NULL, NULL);

  if (g_bytes_get_size (der) > SIGNET_MAX_CRL_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   "CRL of %" G_GSIZE_FORMAT " bytes exceeds the limit of %d bytes",
                   g_bytes_get_size (der), SIGNET_MAX_CRL_SIZE);
      return NULL;
    }

  self = g_object_new (SIGNET_TYPE_CRL, NULL);
  self->der = g_bytes_ref (der);
  if (!parse_crl (self, error))
    return NULL;
  build_index (self);

  /* GnuTLS's SHA-256 uses the CPU's instructions: several times faster
   * than GChecksum on multi-megabyte CRLs. */
  {
    guint8 digest[32];
    gnutls_datum_t d = _signet_datum_from_bytes (der);
    static const char hex[] = "0123456789abcdef";

    if (gnutls_hash_fast (GNUTLS_DIG_SHA256, d.data, d.size, digest) < 0)
      {
        g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Cannot hash the CRL");
        return NULL;
      }
    self->sha256 = g_malloc (65);
    for (guint i = 0; i < 32; i++)
      {
        self->sha256[2 * i] = hex[digest[i] >> 4];
        self->sha256[2 * i + 1] = hex[digest[i] & 0xf];
      }
    self->sha256[64] = '\0';
  }
  self->issuer = dn_to_string (self->raw_issuer);
  if (self->issuer == NULL)
    self->issuer = g_strdup ("");
  dn = _signet_datum_from_bytes (self->raw_issuer);
  if (gnutls_x509_rdn_get_by_oid (&dn, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &cn_size) >= 0 &&
      cn_size < sizeof cn && strlen (cn) == cn_size && cn_size > 0 &&
      g_utf8_validate (cn, -1, NULL))
    self->issuer_display = g_strdup (cn);
  else
    self->issuer_display = g_strdup (self->issuer);

  return g_steal_pointer (&self);
}

static const char pem_begin[] = "-----BEGIN X509 CRL-----";
static const char pem_end[] = "-----END X509 CRL-----";

/* Every PEM "X509 CRL" block of @data, decoded, up to @max. */
static GPtrArray *
pem_blocks (const guint8 *data, gsize len, guint max, GError **error)
{
  g_autoptr (GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *p = (const char *) data;
  const char *end = p + len;

  while (p < end && blocks->len < max)
    {
      const char *b = g_strstr_len (p, end - p, pem_begin);
      const char *e;
      gnutls_datum_t in;
      g_auto (gnutls_datum_t) out = { NULL, 0 };
      int rc;

      if (b == NULL)
        break;
      e = g_strstr_len (b, end - b, pem_end);
      if (e == NULL)
        {
          g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Unterminated PEM CRL");
          return NULL;
        }
      e += strlen (pem_end);
      in.data = (unsigned char *) b;
      in.size = (unsigned int) (e - b);
      rc = gnutls_pem_base64_decode2 ("X509 CRL", &in, &out);
      if (rc < 0)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not a valid PEM CRL: %s",
                       gnutls_strerror (rc));
          return NULL;
        }
      g_ptr_array_add (blocks, _signet_bytes_from_datum (&out));
      p = e;
    }
  if (blocks->len == 0)
    {
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "No PEM CRL found");
      return NULL;
    }
  return g_steal_pointer (&blocks);
}

static gboolean
looks_like_pem (GBytes *data)
{
  gsize len;
  const char *p = g_bytes_get_data (data, &len);

  return p != NULL && g_strstr_len (p, (gssize) MIN (len, 1 << 20), pem_begin) != NULL;
}

/* Parsed CRLs by DER, as for certificates (see
 * _signet_certificate_new_shared()): the store hands out an issuer's CRLs
 * for every message, and a large CRL takes far longer to parse than to
 * hash. SignetCrl is immutable but for its lock-guarded memo of verified
 * signatures, which sharing only helps. Large CRLs get a cache of their
 * own, of few entries. */
#define SIGNET_CRL_SHARED_CACHE_SIZE 64
#define SIGNET_CRL_SHARED_CACHE_BYTES (8 * 1024 * 1024)
#define SIGNET_CRL_SHARED_LARGE_CACHE_SIZE 2
#define SIGNET_CRL_SHARED_LARGE_CACHE_BYTES (64 * 1024 * 1024)
#define SIGNET_CRL_SHARED_LARGE (1024 * 1024)

/* Both bounded by count and by the sum of the DER sizes (a parsed CRL
 * holds its DER and an entry index of about the same size): at most
 * 8 MiB of small CRLs and 64 MiB of large ones (one 1M-entry CRL); a CRL
 * larger than that budget is parsed and not kept. */
static SignetLru shared_cache = SIGNET_LRU_INIT_WITH_COST (SIGNET_CRL_SHARED_CACHE_SIZE,
                                                           SIGNET_CRL_SHARED_CACHE_BYTES,
                                                           _signet_der_hash,
                                                           g_bytes_equal,
                                                           (GDestroyNotify) g_bytes_unref,
                                                           g_object_unref);
static SignetLru shared_large_cache = SIGNET_LRU_INIT_WITH_COST (SIGNET_CRL_SHARED_LARGE_CACHE_SIZE,
                                                                 SIGNET_CRL_SHARED_LARGE_CACHE_BYTES,
                                                                 _signet_der_hash,
                                                                 g_bytes_equal,
                                                                 (GDestroyNotify) g_bytes_unref,
                                                                 g_object_unref);

SignetCrl *
_signet_crl_new_shared (GBytes *der)
{
  gsize size = g_bytes_get_size (der);
  SignetLru *lru = size >= SIGNET_CRL_SHARED_LARGE ? &shared_large_cache : &shared_cache;
  SignetCrl *crl;

  if (size > lru->max_cost)
    return signet_crl_new_from_der (der, NULL);
  crl = signet_lru_lookup (lru, der, g_object_ref);
  if (crl != NULL)
    return crl;
  crl = signet_crl_new_from_der (der, NULL);
  if (crl != NULL)
    signet_lru_insert_with_cost (lru, g_bytes_ref (der), g_object_ref (crl), size);
  return crl;
}

void
_signet_crl_clear_shared (void)
{
  signet_lru_clear (&shared_cache);
  signet_lru_clear (&shared_large_cache);
}

/**
 * signet_crl_new_from_bytes:
 * @data: one CRL, DER or PEM ("X509 CRL"; the first block is taken)
 * @error: return location for a #GError
 *
 * Reads one CRL, DER or PEM.
 *
 * Returns: (transfer full): the CRL, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetCrl *
signet_crl_new_from_bytes (GBytes *data, GError **error)
{
  g_autoptr (GPtrArray) blocks = NULL;
  gsize len;
  const guint8 *p;

  g_return_val_if_fail (data != NULL, NULL);

  if (!looks_like_pem (data))
    return signet_crl_new_from_der (data, error);
  p = g_bytes_get_data (data, &len);
  blocks = pem_blocks (p, len, 1, error);
  if (blocks == NULL)
    return NULL;
  return signet_crl_new_from_der (g_ptr_array_index (blocks, 0), error);
}

/**
 * signet_crl_list_from_file:
 * @path: a file holding one DER CRL or a PEM bundle of CRLs
 * @error: return location for a #GError
 *
 * Reads every CRL of a file. A PEM bundle fails as a whole when one of
 * its CRLs is malformed.
 *
 * Returns: (transfer container) (element-type SignetCrl): at least one CRL, or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_crl_list_from_file (const char *path, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) blocks = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO, "%s", local->message);
      return NULL;
    }
  len = g_mapped_file_get_length (mapped);
  if (len > SIGNET_MAX_CRL_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT, "%s: file exceeds the CRL size limit",
                   path);
      return NULL;
    }
  /* A copy: the file may change under a mapping. */
  bytes = g_bytes_new (g_mapped_file_get_contents (mapped), len);
  g_clear_pointer (&mapped, g_mapped_file_unref);

  if (looks_like_pem (bytes))
    {
      blocks = pem_blocks (g_bytes_get_data (bytes, NULL), len, SIGNET_CRL_MAX_PEM_BLOCKS, &local);
      if (blocks == NULL)
        goto fail;
    }
  else
    {
      blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_ptr_array_add (blocks, g_bytes_ref (bytes));
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      SignetCrl *crl = signet_crl_new_from_der (g_ptr_array_index (blocks, i), &local);

      if (crl == NULL)
        goto fail;
      g_ptr_array_add (list, crl);
    }
  return g_steal_pointer (&list);

fail:
  g_set_error (error, SIGNET_ERROR, local->code, "%s: %s", path, local->message);
  return NULL;
}

/* ---- getters ----------------------------------------------------------- */

/**
 * signet_crl_get_der:
 * @self: a CRL
 *
 * Gets the whole DER encoding.
 *
 * Returns: (transfer none): the whole DER encoding
 *
 * Since: 0.1
 */
GBytes *
signet_crl_get_der (SignetCrl *self)
{
  return self->der;
}

/**
 * signet_crl_get_sha256:
 * @self: a CRL
 *
 * Gets the SHA-256 fingerprint of the CRL, in lower-case hex.
 *
 * Returns: the lowercase hex SHA-256 of the DER
 *
 * Since: 0.1
 */
const char *
signet_crl_get_sha256 (SignetCrl *self)
{
  return self->sha256;
}

/**
 * signet_crl_get_issuer:
 * @self: a CRL
 *
 * Gets the issuer as an RFC 4514 string.
 *
 * Returns: the issuer as an RFC 4514 string
 *
 * Since: 0.1
 */
const char *
signet_crl_get_issuer (SignetCrl *self)
{
  return self->issuer;
}

/**
 * signet_crl_get_issuer_display_name:
 * @self: a CRL
 *
 * Gets the issuer's common name, or its RFC 4514 string without one.
 *
 * Returns: the issuer's common name, or its RFC 4514 string without one
 *
 * Since: 0.1
 */
const char *
signet_crl_get_issuer_display_name (SignetCrl *self)
{
  return self->issuer_display;
}

/**
 * signet_crl_get_raw_issuer:
 * @self: a CRL
 *
 * Gets the DER encoding of the issuer Name.
 *
 * Returns: (transfer none): the issuer Name, DER
 *
 * Since: 0.1
 */
GBytes *
signet_crl_get_raw_issuer (SignetCrl *self)
{
  return self->raw_issuer;
}

/**
 * signet_crl_get_authority_key_id:
 * @self: a CRL
 *
 * Gets the authorityKeyIdentifier keyIdentifier.
 *
 * Returns: (transfer none) (nullable): the authorityKeyIdentifier keyIdentifier
 *
 * Since: 0.1
 */
GBytes *
signet_crl_get_authority_key_id (SignetCrl *self)
{
  return self->aki;
}

/**
 * signet_crl_get_this_update:
 * @self: a CRL
 *
 * Gets the thisUpdate time of the CRL (Unix time).
 *
 * Returns: thisUpdate, Unix seconds
 *
 * Since: 0.1
 */
gint64
signet_crl_get_this_update (SignetCrl *self)
{
  return self->this_update;
}

/**
 * signet_crl_get_next_update:
 * @self: a CRL
 *
 * Gets the nextUpdate time of the CRL (Unix time), -1 when absent.
 *
 * Returns: nextUpdate, Unix seconds, or -1 when absent
 *
 * Since: 0.1
 */
gint64
signet_crl_get_next_update (SignetCrl *self)
{
  return self->next_update;
}

/**
 * signet_crl_get_number:
 * @self: a CRL
 *
 * Gets the cRLNumber, INTEGER contents.
 *
 * Returns: (transfer none) (nullable): the cRLNumber, INTEGER contents
 *
 * Since: 0.1
 */
GBytes *
signet_crl_get_number (SignetCrl *self)
{
  return self->number;
}

/**
 * signet_crl_get_version:
 * @self: a CRL
 *
 * Gets the CRL version.
 *
 * Returns: 1 or 2
 *
 * Since: 0.1
 */
int
signet_crl_get_version (SignetCrl *self)
{
  return self->version;
}

/**
 * signet_crl_get_signature_algorithm: (skip)
 * @self: a CRL
 *
 * Gets the signature algorithm, %GNUTLS_SIGN_UNKNOWN when GnuTLS does not
 * know it.
 *
 * Returns: the signature algorithm, %GNUTLS_SIGN_UNKNOWN when GnuTLS does not know it
 *
 * Since: 0.1
 */
gnutls_sign_algorithm_t
signet_crl_get_signature_algorithm (SignetCrl *self)
{
  return self->sign_algo;
}

/**
 * signet_crl_get_entry_count:
 * @self: a CRL
 *
 * Gets the number of revokedCertificates entries.
 *
 * Returns: the number of revokedCertificates entries
 *
 * Since: 0.1
 */
guint
signet_crl_get_entry_count (SignetCrl *self)
{
  return self->n_entries;
}

/**
 * signet_crl_has_unknown_critical_extension:
 * @self: a CRL
 *
 * Checks whether a CRL or entry extension is critical and not understood
 * (the CRL is then unusable).
 *
 * Returns: whether a CRL or entry extension is critical and not understood (the CRL is then
 * unusable)
 *
 * Since: 0.1
 */
gboolean
signet_crl_has_unknown_critical_extension (SignetCrl *self)
{
  return self->unknown_critical;
}

/**
 * signet_crl_is_delta:
 * @self: a CRL
 * @base_crl_number: (out) (optional) (transfer none): the BaseCRLNumber
 *
 * Checks whether the CRL carries a deltaCRLIndicator.
 *
 * Returns: whether the CRL carries a deltaCRLIndicator
 *
 * Since: 0.1
 */
gboolean
signet_crl_is_delta (SignetCrl *self, GBytes **base_crl_number)
{
  if (base_crl_number)
    *base_crl_number = self->base_number;
  return self->is_delta;
}

/**
 * signet_crl_get_freshest_uris:
 * @self: a CRL
 *
 * Gets the freshestCRL URIs.
 *
 * Returns: (nullable) (array zero-terminated=1): the freshestCRL URIs
 *
 * Since: 0.1
 */
const char *const *
signet_crl_get_freshest_uris (SignetCrl *self)
{
  return (const char *const *) self->freshest_uris;
}

/**
 * signet_crl_get_idp:
 * @self: a CRL
 * @only_user_certs: (out) (optional): onlyContainsUserCerts
 * @only_ca_certs: (out) (optional): onlyContainsCACerts
 * @only_attribute_certs: (out) (optional): onlyContainsAttributeCerts
 * @only_some_reasons: (out) (optional): onlySomeReasons mask, or
 *   %SIGNET_CRL_REASONS_ALL
 * @indirect: (out) (optional): indirectCRL
 *
 * Reads the issuingDistributionPoint extension: which certificates and
 * reasons the CRL covers.
 *
 * Returns: %FALSE when the CRL has no issuingDistributionPoint (the out
 *   values then describe a full CRL)
 *
 * Since: 0.1
 */
gboolean
signet_crl_get_idp (SignetCrl *self,
                    gboolean *only_user_certs,
                    gboolean *only_ca_certs,
                    gboolean *only_attribute_certs,
                    guint *only_some_reasons,
                    gboolean *indirect)
{
  if (only_user_certs)
    *only_user_certs = self->only_user_certs;
  if (only_ca_certs)
    *only_ca_certs = self->only_ca_certs;
  if (only_attribute_certs)
    *only_attribute_certs = self->only_attribute_certs;
  if (only_some_reasons)
    *only_some_reasons = self->only_some_reasons;
  if (indirect)
    *indirect = self->indirect;
  return self->has_idp;
}

/**
 * signet_crl_get_idp_uris:
 * @self: a CRL
 *
 * Gets the fullName URIs of the IDP's distributionPoint.
 *
 * Returns: (nullable) (array zero-terminated=1): the fullName URIs of the IDP's distributionPoint;
 * %NULL when the IDP has no distributionPoint, empty when it has one without URIs
 *
 * Since: 0.1
 */
const char *const *
signet_crl_get_idp_uris (SignetCrl *self)
{
  return (const char *const *) self->idp_uris;
}

/**
 * signet_crl_get_idp_directory_names:
 * @self: a CRL
 *
 * Gets the directory names of the IDP's distributionPoint
 * (nameRelativeToCRLIssuer expanded).
 *
 * Returns: (transfer none) (nullable) (element-type GBytes): the directory names of the IDP's
 * distributionPoint (nameRelativeToCRLIssuer expanded); %NULL when it has no distributionPoint
 *
 * Since: 0.1
 */
GPtrArray *
signet_crl_get_idp_directory_names (SignetCrl *self)
{
  return self->idp_dirnames;
}

/**
 * signet_crl_get_idp_der:
 * @self: a CRL
 *
 * The issuingDistributionPoint value as encoded, to compare the scopes of
 * a complete and a delta CRL.
 *
 * Returns: (transfer none) (nullable): the DER, %NULL without an IDP
 *
 * Since: 0.1
 */
GBytes *
signet_crl_get_idp_der (SignetCrl *self)
{
  return self->idp_der;
}

/**
 * signet_crl_lookup:
 * @self: a CRL
 * @serial: the certificate's serial (INTEGER contents)
 * @cert_issuer: (nullable): the certificate issuer's DER Name, for
 *   indirect CRLs; %NULL means the CRL issuer
 * @entry: (out) (optional): the entry, when found
 *
 * Looks a certificate up in the CRL by its serial number.
 *
 * Returns: whether the CRL lists the certificate
 *
 * Since: 0.1
 */
gboolean
signet_crl_lookup (SignetCrl *self, GBytes *serial, GBytes *cert_issuer, SignetCrlEntry *entry)
{
  const guint8 *sp;
  gsize slen;
  guint32 issuer_idx = 0;
  const Entry *e;

  g_return_val_if_fail (SIGNET_IS_CRL (self), FALSE);
  g_return_val_if_fail (serial != NULL, FALSE);

  if (cert_issuer != NULL && !g_bytes_equal (cert_issuer, self->raw_issuer))
    {
      guint i;

      for (i = 1; i < self->entry_issuers->len; i++)
        if (g_bytes_equal (cert_issuer, g_ptr_array_index (self->entry_issuers, i)))
          break;
      if (i == self->entry_issuers->len)
        {
          /* Not byte-equal to any: try the looser comparison. */
          if (signet_crl_names_equal (cert_issuer, self->raw_issuer))
            i = 0;
          else
            for (i = 1; i < self->entry_issuers->len; i++)
              if (signet_crl_names_equal (cert_issuer, g_ptr_array_index (self->entry_issuers, i)))
                break;
          if (i == self->entry_issuers->len)
            return FALSE;
        }
      issuer_idx = i;
    }

  sp = g_bytes_get_data (serial, &slen);
  strip_zeros (&sp, &slen);
  e = find_entry (self, sp, slen, issuer_idx);
  if (e == NULL)
    return FALSE;
  if (entry)
    {
      entry->revocation_time = e->revocation_time;
      entry->reason = (SignetCrlReason) e->reason;
      entry->invalidity_date = e->invalidity_date;
      entry->has_unknown_critical_extension = (e->flags & ENTRY_FLAG_UNKNOWN_CRITICAL) != 0;
    }
  return TRUE;
}

/* ---- signature --------------------------------------------------------- */

/**
 * signet_crl_verify_signature_with_pubkey: (skip)
 * @self: a CRL
 * @key: the public key of the presumed CRL issuer (complete, e.g. with
 *   inherited DSA parameters)
 *
 * Checks the CRL's signature with a public key.
 *
 * Returns: whether @key verifies the CRL's signature
 *
 * Since: 0.1
 */
gboolean
signet_crl_verify_signature_with_pubkey (SignetCrl *self, gnutls_pubkey_t key)
{
  gnutls_datum_t tbs, sig;
  unsigned int flags = GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 | GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD5 |
                       GNUTLS_VERIFY_ALLOW_BROKEN;

  g_return_val_if_fail (SIGNET_IS_CRL (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->sign_algo == GNUTLS_SIGN_UNKNOWN || self->algorithm_mismatch)
    return FALSE;
  /* Hardening fix: the flags above let GnuTLS verify MD5 and MD2
   * signatures, so an MD5-signed CRL (forgeable by collision) was usable
   * and could vouch for a revoked certificate. MD5 proves nothing, for
   * CRLs as for certificates: such a CRL is badly signed (revocation then
   * stays unknown). SHA-1 stays allowed: old CAs still sign CRLs with it. */
  if (gnutls_sign_get_hash_algorithm (self->sign_algo) == GNUTLS_DIG_MD5 ||
      gnutls_sign_get_hash_algorithm (self->sign_algo) == GNUTLS_DIG_MD2)
    return FALSE;
  tbs = _signet_datum_from_bytes (self->tbs);
  sig = _signet_datum_from_bytes (self->signature);
  return gnutls_pubkey_verify_data2 (key, self->sign_algo, flags, &tbs, &sig) == 0;
}

/**
 * signet_crl_verify_signature:
 * @self: a CRL
 * @issuer: the presumed CRL issuer
 *
 * Checks the signature only (names, cRLSign and dates are the caller's
 * business). The answer is cached per issuer certificate.
 *
 * Returns: whether @issuer's public key verifies the CRL's signature
 *
 * Since: 0.1
 */
gboolean
signet_crl_verify_signature (SignetCrl *self, SignetCertificate *issuer)
{
  g_auto (gnutls_pubkey_t) key = NULL;
  const char *fp;
  gpointer cached;
  gboolean ok;

  g_return_val_if_fail (SIGNET_IS_CRL (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (issuer), FALSE);

  fp = signet_certificate_get_sha256 (issuer);
  g_mutex_lock (&self->lock);
  cached = g_hash_table_lookup (self->verified, fp);
  g_mutex_unlock (&self->lock);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 1;

  ok = gnutls_pubkey_init (&key) >= 0 &&
       gnutls_pubkey_import_x509 (key, signet_certificate_get_gnutls (issuer), 0) >= 0 &&
       signet_crl_verify_signature_with_pubkey (self, key);

  g_mutex_lock (&self->lock);
  if (g_hash_table_size (self->verified) < 64)
    g_hash_table_replace (self->verified, g_strdup (fp), GINT_TO_POINTER (ok ? 1 : 2));
  g_mutex_unlock (&self->lock);
  return ok;
}
