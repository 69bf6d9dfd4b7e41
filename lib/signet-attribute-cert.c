/* signet-attribute-cert.c: X.509 attribute certificates in CMS, for
 * display only (libtasn1, definitions in signet-attribute-cert.asn).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-attribute-cert.h"

#include <gio/gio.h>
#include <gnutls/x509.h>
#include <libtasn1.h>
#include <string.h>

#include "signet-asn1.h"
#include "signet-error.h"
#include "signet-limits.h"

/* asn1Parser -o out.c -n signet_attribute_cert_asn1_tab signet-attribute-cert.asn */
/* clang-format off */
static const asn1_static_node signet_attribute_cert_asn1_tab[] = {
  { "SignetAttributeCert", 536875024, NULL },
  { NULL, 1073741836, NULL },
  { "AttributeCertificate", 1610612741, NULL },
  { "acinfo", 1073741826, "AttributeCertificateInfo"},
  { "signatureAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "signatureValue", 6, NULL },
  { "AttributeCertificateInfo", 1610612741, NULL },
  { "version", 1073741827, NULL },
  { "holder", 1073741826, "Holder"},
  { "issuer", 1073741826, "AttCertIssuer"},
  { "signature", 1073741826, "AlgorithmIdentifier"},
  { "serialNumber", 1073741827, NULL },
  { "attrCertValidityPeriod", 1073741826, "AttCertValidityPeriod"},
  { "attributes", 1610612747, NULL },
  { NULL, 2, "Attribute"},
  { "issuerUniqueID", 1073758214, NULL },
  { "extensions", 536887307, NULL },
  { NULL, 2, "Extension"},
  { "Holder", 1610612741, NULL },
  { "baseCertificateID", 1610637314, "IssuerSerial"},
  { NULL, 4104, "0"},
  { "entityName", 1610637314, "GeneralNames"},
  { NULL, 4104, "1"},
  { "objectDigestInfo", 536895490, "ObjectDigestInfo"},
  { NULL, 4104, "2"},
  { "ObjectDigestInfo", 1610612741, NULL },
  { "digestedObjectType", 1610874901, NULL },
  { "publicKey", 1073741825, "0"},
  { "publicKeyCert", 1073741825, "1"},
  { "otherObjectTypes", 1, "2"},
  { "otherObjectTypeID", 1073758220, NULL },
  { "digestAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "objectDigest", 6, NULL },
  { "AttCertIssuer", 1610612754, NULL },
  { "v1Form", 1073741826, "GeneralNames"},
  { "v2Form", 536879106, "V2Form"},
  { NULL, 4104, "0"},
  { "V2Form", 1610612741, NULL },
  { "issuerName", 1073758210, "GeneralNames"},
  { "baseCertificateID", 1610637314, "IssuerSerial"},
  { NULL, 4104, "0"},
  { "objectDigestInfo", 536895490, "ObjectDigestInfo"},
  { NULL, 4104, "1"},
  { "IssuerSerial", 1610612741, NULL },
  { "issuer", 1073741826, "GeneralNames"},
  { "serial", 1073741827, NULL },
  { "issuerUID", 16390, NULL },
  { "AttCertValidityPeriod", 1610612741, NULL },
  { "notBeforeTime", 1073741861, NULL },
  { "notAfterTime", 37, NULL },
  { "GeneralNames", 1610612747, NULL },
  { NULL, 2, "GeneralName"},
  { "GeneralName", 1610612754, NULL },
  { "otherName", 1610620930, "AnotherName"},
  { NULL, 4104, "0"},
  { "rfc822Name", 1610620957, NULL },
  { NULL, 4104, "1"},
  { "dNSName", 1610620957, NULL },
  { NULL, 4104, "2"},
  { "x400Address", 1610620939, NULL },
  { NULL, 1073745928, "3"},
  { NULL, 13, NULL },
  { "directoryName", 1610620941, NULL },
  { NULL, 2056, "4"},
  { "ediPartyName", 1610620939, NULL },
  { NULL, 1073745928, "5"},
  { NULL, 13, NULL },
  { "uniformResourceIdentifier", 1610620957, NULL },
  { NULL, 4104, "6"},
  { "iPAddress", 1610620935, NULL },
  { NULL, 4104, "7"},
  { "registeredID", 536879116, NULL },
  { NULL, 4104, "8"},
  { "AnotherName", 1610612741, NULL },
  { "type-id", 1073741836, NULL },
  { "value", 536879117, NULL },
  { NULL, 2056, "0"},
  { "Attribute", 1610612741, NULL },
  { "type", 1073741836, NULL },
  { "values", 536870927, NULL },
  { NULL, 13, NULL },
  { "Extension", 1610612741, NULL },
  { "extnID", 1073741836, NULL },
  { "critical", 1610645508, NULL },
  { NULL, 131081, NULL },
  { "extnValue", 7, NULL },
  { "AlgorithmIdentifier", 1610612741, NULL },
  { "algorithm", 1073741836, NULL },
  { "parameters", 16397, NULL },
  { "RoleSyntax", 1610612741, NULL },
  { "roleAuthority", 1610637314, "GeneralNames"},
  { NULL, 4104, "0"},
  { "roleName", 536879106, "GeneralName"},
  { NULL, 2056, "1"},
  { "IetfAttrSyntax", 1610612741, NULL },
  { "policyAuthority", 1610637314, "GeneralNames"},
  { NULL, 4104, "0"},
  { "values", 536870923, NULL },
  { NULL, 2, "IetfAttrValue"},
  { "IetfAttrValue", 1610612754, NULL },
  { "octets", 1073741831, NULL },
  { "oid", 1073741836, NULL },
  { "string", 34, NULL },
  { "ContentInfo", 1610612741, NULL },
  { "contentType", 1073741836, NULL },
  { "content", 536879117, NULL },
  { NULL, 2056, "0"},
  { "SignedData", 1610612741, NULL },
  { "version", 1073741827, NULL },
  { "digestAlgorithms", 1610612751, NULL },
  { NULL, 2, "AlgorithmIdentifier"},
  { "encapContentInfo", 1073741826, "EncapsulatedContentInfo"},
  { "certificates", 1610637327, NULL },
  { NULL, 1073745928, "0"},
  { NULL, 13, NULL },
  { "crls", 1610637327, NULL },
  { NULL, 1073745928, "1"},
  { NULL, 13, NULL },
  { "signerInfos", 536870927, NULL },
  { NULL, 13, NULL },
  { "EncapsulatedContentInfo", 1610612741, NULL },
  { "eContentType", 1073741836, NULL },
  { "eContent", 536895501, NULL },
  { NULL, 2056, "0"},
  { "ExtendedCertificate", 536870917, NULL },
  { "extendedCertificateInfo", 1610612741, NULL },
  { "version", 1073741827, NULL },
  { "certificate", 1073741837, NULL },
  { "attributes", 536870927, NULL },
  { NULL, 2, "Attribute"},
  { "signatureAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "signature", 6, NULL },
  { NULL, 0, NULL }
};
/* clang-format on */

struct _SignetAttributeCertificate
{
  GObject parent_instance;

  int version;
  char *holder;
  GBytes *holder_issuer; /* raw Name of baseCertificateID, nullable */
  GBytes *holder_serial; /* INTEGER contents, nullable */
  char *issuer;
  char *serial_hex;
  gint64 not_before;
  gint64 not_after;
  GPtrArray *attributes; /* SignetAttributeCertAttribute */
};

G_DEFINE_FINAL_TYPE (SignetAttributeCertificate, signet_attribute_certificate, G_TYPE_OBJECT)

static asn1_node
definitions (void)
{
  static gsize once = 0;
  static asn1_node defs = NULL;

  if (g_once_init_enter (&once))
    {
      char err[ASN1_MAX_ERROR_DESCRIPTION_SIZE];

      if (asn1_array2tree (signet_attribute_cert_asn1_tab, &defs, err) != ASN1_SUCCESS)
        g_error ("signet-attribute-cert.asn: %s", err);
      g_once_init_leave (&once, 1);
    }
  return defs;
}

static asn1_node
decode (const char *type, const guint8 *data, gsize len)
{
  g_autofree char *name = g_strconcat ("SignetAttributeCert.", type, NULL);

  return signet_asn1_decode_with (definitions (), name, data, len,
                                  ASN1_DECODE_FLAG_ALLOW_INCORRECT_TIME, NULL);
}

static GBytes *
read_bytes (asn1_node node, const char *name)
{
  int len = 0;
  unsigned int etype;
  guint8 *buf;

  if (asn1_read_value_type (node, name, NULL, &len, &etype) != ASN1_MEM_ERROR || len <= 0)
    return NULL;
  buf = g_malloc (len);
  if (asn1_read_value (node, name, buf, &len) != ASN1_SUCCESS)
    {
      g_free (buf);
      return NULL;
    }
  if (etype == ASN1_ETYPE_BIT_STRING)
    len = (len + 7) / 8;
  return g_bytes_new_take (buf, len);
}

static char *
read_string (asn1_node node, const char *name)
{
  g_autoptr (GBytes) b = read_bytes (node, name);
  gsize len;
  const char *data;

  if (b == NULL)
    return NULL;
  data = g_bytes_get_data (b, &len);
  /* OIDs come with their terminating NUL; strings may hold stray NULs. */
  len = strnlen (data, len);
  return g_utf8_make_valid (data, len);
}

static char *
hex_string (const guint8 *data, gsize len)
{
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len && i < 256; i++)
    g_string_append_printf (s, "%02x", data[i]);
  if (len > 256)
    g_string_append (s, "...");
  return g_string_free (s, FALSE);
}

static char *
name_to_string (GBytes *raw)
{
  gnutls_datum_t in = { (unsigned char *) g_bytes_get_data (raw, NULL),
                        (unsigned int) g_bytes_get_size (raw) };
  gnutls_datum_t out = { NULL, 0 };
  char *s;

  if (gnutls_x509_rdn_get2 (&in, &out, 0) < 0)
    return g_strdup ("(unreadable name)");
  s = g_utf8_make_valid ((const char *) out.data, out.size);
  gnutls_free (out.data);
  return s;
}

/* One GeneralName at @path as text. */
static char *
general_name (asn1_node node, const char *path)
{
  char choice[64];
  int len = sizeof choice;
  g_autofree char *sub = NULL;

  if (asn1_read_value (node, path, choice, &len) != ASN1_SUCCESS)
    return NULL;
  sub = g_strconcat (path, path[0] != '\0' ? "." : "", choice, NULL);
  if (g_str_equal (choice, "rfc822Name") || g_str_equal (choice, "dNSName") ||
      g_str_equal (choice, "uniformResourceIdentifier"))
    {
      g_autofree char *v = read_string (node, sub);
      return v != NULL ? g_strdup_printf ("%s:%s",
                                          g_str_equal (choice, "rfc822Name") ? "email"
                                          : g_str_equal (choice, "dNSName")  ? "dns"
                                                                             : "uri",
                                          v)
                       : NULL;
    }
  if (g_str_equal (choice, "directoryName"))
    {
      g_autoptr (GBytes) raw = read_bytes (node, sub);
      g_autofree char *dn = raw != NULL ? name_to_string (raw) : NULL;

      return dn != NULL ? g_strdup_printf ("dn:%s", dn) : NULL;
    }
  if (g_str_equal (choice, "registeredID"))
    {
      g_autofree char *v = read_string (node, sub);
      return v != NULL ? g_strdup_printf ("oid:%s", v) : NULL;
    }
  if (g_str_equal (choice, "iPAddress"))
    {
      g_autoptr (GBytes) raw = read_bytes (node, sub);
      g_autoptr (GInetAddress) a = NULL;

      if (raw != NULL && (g_bytes_get_size (raw) == 4 || g_bytes_get_size (raw) == 16))
        a = g_inet_address_new_from_bytes (g_bytes_get_data (raw, NULL),
                                           g_bytes_get_size (raw) == 4 ? G_SOCKET_FAMILY_IPV4
                                                                       : G_SOCKET_FAMILY_IPV6);
      return a != NULL ? g_strdup_printf ("ip:%s", g_inet_address_to_string (a)) : NULL;
    }
  if (g_str_equal (choice, "otherName"))
    {
      g_autofree char *p = g_strconcat (sub, ".type-id", NULL);
      g_autofree char *v = read_string (node, p);
      return g_strdup_printf ("otherName:%s", v != NULL ? v : "?");
    }
  return g_strdup (choice);
}

/* A GeneralNames at @path, joined with ", ". */
static char *
general_names (asn1_node node, const char *path)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  int n = 0;

  if (asn1_number_of_elements (node, path, &n) != ASN1_SUCCESS)
    return NULL;
  for (int i = 1; i <= n && i <= SIGNET_MAX_AC_NAMES; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s.?%d", path, i);
      char *s = general_name (node, p);

      if (s != NULL)
        g_ptr_array_add (parts, s);
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static gint64
read_time (asn1_node node, const char *name)
{
  g_autofree char *s = read_string (node, name);
  int y, mo, d, h, mi, se;
  g_autoptr (GDateTime) dt = NULL;

  if (s == NULL || strlen (s) != 15 || s[14] != 'Z' ||
      sscanf (s, "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &se) != 6)
    return -1;
  dt = g_date_time_new_utc (y, mo, d, h, mi, se);
  return dt != NULL ? g_date_time_to_unix (dt) : -1;
}

static const struct
{
  const char *oid;
  const char *name;
} attribute_names[] = {
  { "2.5.4.72", "role" },
  { "2.5.4.55", "clearance" },
  { "1.3.6.1.5.5.7.10.1", "authenticationInfo" },
  { "1.3.6.1.5.5.7.10.2", "accessIdentity" },
  { "1.3.6.1.5.5.7.10.3", "chargingIdentity" },
  { "1.3.6.1.5.5.7.10.4", "group" },
};

static char *
attribute_value (const char *oid, const guint8 *data, gsize len)
{
  const unsigned char *str;
  unsigned int slen;

  if (g_str_equal (oid, "2.5.4.72"))
    {
      g_auto (asn1_node) role = decode ("RoleSyntax", data, len);
      char *s = role != NULL ? general_name (role, "roleName") : NULL;

      if (s != NULL)
        return s;
    }
  if (g_str_has_prefix (oid, "1.3.6.1.5.5.7.10."))
    {
      g_auto (asn1_node) ietf = decode ("IetfAttrSyntax", data, len);
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      int n = 0;

      if (ietf != NULL && asn1_number_of_elements (ietf, "values", &n) == ASN1_SUCCESS)
        {
          for (int i = 1; i <= n && i <= SIGNET_MAX_AC_VALUES; i++)
            {
              g_autofree char *p = g_strdup_printf ("values.?%d", i);
              char choice[16];
              int clen = sizeof choice;
              g_autofree char *sub = NULL;

              if (asn1_read_value (ietf, p, choice, &clen) != ASN1_SUCCESS)
                continue;
              sub = g_strdup_printf ("%s.%s", p, choice);
              if (g_str_equal (choice, "octets"))
                {
                  g_autoptr (GBytes) b = read_bytes (ietf, sub);
                  if (b != NULL)
                    g_ptr_array_add (parts,
                                     hex_string (g_bytes_get_data (b, NULL), g_bytes_get_size (b)));
                }
              else
                {
                  char *v = read_string (ietf, sub);
                  if (v != NULL)
                    g_ptr_array_add (parts, v);
                }
            }
          g_ptr_array_add (parts, NULL);
          return g_strjoinv (", ", (char **) parts->pdata);
        }
    }
  if (len > 1 &&
      (asn1_decode_simple_der (ASN1_ETYPE_UTF8_STRING, data, len, &str, &slen) == ASN1_SUCCESS ||
       asn1_decode_simple_der (ASN1_ETYPE_PRINTABLE_STRING, data, len, &str, &slen) ==
           ASN1_SUCCESS ||
       asn1_decode_simple_der (ASN1_ETYPE_IA5_STRING, data, len, &str, &slen) == ASN1_SUCCESS))
    return g_utf8_make_valid ((const char *) str, slen);
  return hex_string (data, len);
}

static void
attribute_free (SignetAttributeCertAttribute *a)
{
  g_free (a->oid);
  g_free (a->name);
  g_strfreev (a->values);
  g_free (a);
}

static void
signet_attribute_certificate_finalize (GObject *object)
{
  SignetAttributeCertificate *self = SIGNET_ATTRIBUTE_CERTIFICATE (object);

  g_free (self->holder);
  g_clear_pointer (&self->holder_issuer, g_bytes_unref);
  g_clear_pointer (&self->holder_serial, g_bytes_unref);
  g_free (self->issuer);
  g_free (self->serial_hex);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  G_OBJECT_CLASS (signet_attribute_certificate_parent_class)->finalize (object);
}

static void
signet_attribute_certificate_class_init (SignetAttributeCertificateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_attribute_certificate_finalize;
}

static void
signet_attribute_certificate_init (SignetAttributeCertificate *self)
{
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) attribute_free);
}

static char *
serial_hex (GBytes *b)
{
  return b != NULL ? hex_string (g_bytes_get_data (b, NULL), g_bytes_get_size (b)) : g_strdup ("?");
}

/**
 * signet_attribute_certificate_new_from_der:
 * @der: an AttributeCertificate, DER, tagged as a SEQUENCE or as the
 *   `[2]` v2AttrCert choice of a CMS CertificateSet
 * @error: return location for a #GError
 *
 * Decodes an attribute certificate for display. Its signature is not
 * checked: Signet never relies on attribute certificates.
 *
 * Returns: (transfer full): the attribute certificate, or %NULL with
 *   %SIGNET_ERROR_PARSE or %SIGNET_ERROR_LIMIT
 */
SignetAttributeCertificate *
signet_attribute_certificate_new_from_der (GBytes *der, GError **error)
{
  g_autoptr (SignetAttributeCertificate) self = NULL;
  g_auto (asn1_node) node = NULL;
  g_autofree guint8 *copy = NULL;
  g_autofree char *version = NULL;
  gsize len;
  const guint8 *data;
  int n = 0;

  g_return_val_if_fail (der != NULL, NULL);

  data = g_bytes_get_data (der, &len);
  if (len > SIGNET_MAX_ATTRIBUTE_CERT_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   "Attribute certificate of %" G_GSIZE_FORMAT " bytes (limit %d)", len,
                   SIGNET_MAX_ATTRIBUTE_CERT_SIZE);
      return NULL;
    }
  if (len < 2 || (data[0] != 0x30 && data[0] != 0xa2))
    goto bad;
  copy = g_memdup2 (data, len);
  copy[0] = 0x30; /* [2] IMPLICIT SEQUENCE -> SEQUENCE */
  node = decode ("AttributeCertificate", copy, len);
  if (node == NULL)
    goto bad;

  self = g_object_new (SIGNET_TYPE_ATTRIBUTE_CERTIFICATE, NULL);
  {
    g_autoptr (GBytes) v = read_bytes (node, "acinfo.version");
    self->version = v != NULL && g_bytes_get_size (v) == 1
                        ? *(const guint8 *) g_bytes_get_data (v, NULL) + 1
                        : 0;
  }

  /* Holder */
  if (signet_asn1_has (node, "acinfo.holder.baseCertificateID"))
    {
      g_autofree char *names = general_names (node, "acinfo.holder.baseCertificateID.issuer");
      g_autofree char *serial = NULL;
      char choice[32];
      int clen = sizeof choice;

      self->holder_serial = read_bytes (node, "acinfo.holder.baseCertificateID.serial");
      serial = serial_hex (self->holder_serial);
      if (asn1_read_value (node, "acinfo.holder.baseCertificateID.issuer.?1", choice, &clen) ==
              ASN1_SUCCESS &&
          g_str_equal (choice, "directoryName"))
        self->holder_issuer =
            read_bytes (node, "acinfo.holder.baseCertificateID.issuer.?1.directoryName");
      self->holder =
          g_strdup_printf ("certificate %s issued by %s", serial, names != NULL ? names : "?");
    }
  else if (signet_asn1_has (node, "acinfo.holder.entityName"))
    self->holder = general_names (node, "acinfo.holder.entityName");
  else if (signet_asn1_has (node, "acinfo.holder.objectDigestInfo"))
    self->holder = g_strdup ("object digest");
  if (self->holder == NULL)
    self->holder = g_strdup ("?");

  /* Issuer */
  {
    char choice[16];
    int clen = sizeof choice;

    if (asn1_read_value (node, "acinfo.issuer", choice, &clen) == ASN1_SUCCESS)
      {
        if (g_str_equal (choice, "v1Form"))
          self->issuer = general_names (node, "acinfo.issuer.v1Form");
        else if (signet_asn1_has (node, "acinfo.issuer.v2Form.issuerName"))
          self->issuer = general_names (node, "acinfo.issuer.v2Form.issuerName");
      }
    if (self->issuer == NULL)
      self->issuer = g_strdup ("?");
  }

  {
    g_autoptr (GBytes) serial = read_bytes (node, "acinfo.serialNumber");
    self->serial_hex = serial_hex (serial);
  }
  self->not_before = read_time (node, "acinfo.attrCertValidityPeriod.notBeforeTime");
  self->not_after = read_time (node, "acinfo.attrCertValidityPeriod.notAfterTime");

  if (asn1_number_of_elements (node, "acinfo.attributes", &n) != ASN1_SUCCESS)
    n = 0;
  for (int i = 1; i <= n && i <= SIGNET_MAX_AC_ATTRIBUTES; i++)
    {
      g_autofree char *tpath = g_strdup_printf ("acinfo.attributes.?%d.type", i);
      g_autofree char *vpath = g_strdup_printf ("acinfo.attributes.?%d.values", i);
      g_autoptr (GStrvBuilder) values = g_strv_builder_new ();
      SignetAttributeCertAttribute *a = g_new0 (SignetAttributeCertAttribute, 1);
      int nv = 0;

      a->oid = read_string (node, tpath);
      if (a->oid == NULL)
        a->oid = g_strdup ("?");
      for (guint k = 0; k < G_N_ELEMENTS (attribute_names); k++)
        if (g_str_equal (a->oid, attribute_names[k].oid))
          a->name = g_strdup (attribute_names[k].name);
      if (asn1_number_of_elements (node, vpath, &nv) != ASN1_SUCCESS)
        nv = 0;
      for (int k = 1; k <= nv && k <= SIGNET_MAX_AC_VALUES; k++)
        {
          g_autofree char *p = g_strdup_printf ("%s.?%d", vpath, k);
          g_autoptr (GBytes) raw = read_bytes (node, p);

          if (raw != NULL)
            {
              g_autofree char *text =
                  attribute_value (a->oid, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));

              g_strv_builder_add (values, text);
            }
        }
      a->values = g_strv_builder_end (values);
      g_ptr_array_add (self->attributes, a);
    }
  return g_steal_pointer (&self);

bad:
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not an attribute certificate");
  return NULL;
}

/**
 * signet_attribute_certificate_get_version:
 * @self: an attribute certificate
 *
 * Returns: its version (2 for RFC 5755 certificates)
 */
int
signet_attribute_certificate_get_version (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), 0);
  return self->version;
}

/**
 * signet_attribute_certificate_get_holder:
 * @self: an attribute certificate
 *
 * Returns: who it is about, as text (English, for display)
 */
const char *
signet_attribute_certificate_get_holder (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), NULL);
  return self->holder;
}

/**
 * signet_attribute_certificate_get_issuer:
 * @self: an attribute certificate
 *
 * Returns: the attribute authority's names, as text
 */
const char *
signet_attribute_certificate_get_issuer (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), NULL);
  return self->issuer;
}

/**
 * signet_attribute_certificate_get_serial_hex:
 * @self: an attribute certificate
 *
 * Returns: its serial number in hex
 */
const char *
signet_attribute_certificate_get_serial_hex (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), NULL);
  return self->serial_hex;
}

/**
 * signet_attribute_certificate_get_not_before:
 * @self: an attribute certificate
 *
 * Returns: the start of its validity (Unix time), -1 when unreadable
 */
gint64
signet_attribute_certificate_get_not_before (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), -1);
  return self->not_before;
}

/**
 * signet_attribute_certificate_get_not_after:
 * @self: an attribute certificate
 *
 * Returns: the end of its validity (Unix time), -1 when unreadable
 */
gint64
signet_attribute_certificate_get_not_after (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), -1);
  return self->not_after;
}

/**
 * signet_attribute_certificate_get_attributes:
 * @self: an attribute certificate
 *
 * Returns: (transfer none) (element-type SignetAttributeCertAttribute):
 *   its attributes (at most %SIGNET_MAX_AC_ATTRIBUTES)
 */
GPtrArray *
signet_attribute_certificate_get_attributes (SignetAttributeCertificate *self)
{
  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), NULL);
  return self->attributes;
}

/**
 * signet_attribute_certificate_holder_matches:
 * @self: an attribute certificate
 * @certificate: a public-key certificate
 *
 * Returns: whether the holder's baseCertificateID names @certificate
 *   (issuer Name and serial number)
 */
gboolean
signet_attribute_certificate_holder_matches (SignetAttributeCertificate *self,
                                             SignetCertificate *certificate)
{
  GBytes *serial;
  const guint8 *a, *b;
  gsize alen, blen;

  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  if (self->holder_issuer == NULL || self->holder_serial == NULL ||
      !g_bytes_equal (self->holder_issuer, signet_certificate_get_raw_issuer (certificate)))
    return FALSE;
  serial = signet_certificate_get_serial (certificate);
  a = g_bytes_get_data (self->holder_serial, &alen);
  b = g_bytes_get_data (serial, &blen);
  while (alen > 0 && *a == 0)
    a++, alen--;
  while (blen > 0 && *b == 0)
    b++, blen--;
  return alen == blen && (alen == 0 || memcmp (a, b, alen) == 0);
}

static char *
iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = t >= 0 ? g_date_time_new_from_unix_utc (t) : NULL;

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/**
 * signet_attribute_certificate_to_json:
 * @self: an attribute certificate
 *
 * Returns: (transfer full): a JSON object with "version", "holder",
 *   "issuer", "serial", "not_before", "not_after" and "attributes"
 *   ({"oid", "name", "values"}), and "used_for_paths": false
 */
JsonNode *
signet_attribute_certificate_to_json (SignetAttributeCertificate *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *nb = NULL;
  g_autofree char *na = NULL;

  g_return_val_if_fail (SIGNET_IS_ATTRIBUTE_CERTIFICATE (self), NULL);

  nb = iso_time (self->not_before);
  na = iso_time (self->not_after);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, self->version);
  json_builder_set_member_name (b, "holder");
  json_builder_add_string_value (b, self->holder);
  json_builder_set_member_name (b, "issuer");
  json_builder_add_string_value (b, self->issuer);
  json_builder_set_member_name (b, "serial");
  json_builder_add_string_value (b, self->serial_hex);
  json_builder_set_member_name (b, "not_before");
  if (nb != NULL)
    json_builder_add_string_value (b, nb);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "not_after");
  if (na != NULL)
    json_builder_add_string_value (b, na);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      SignetAttributeCertAttribute *a = self->attributes->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "oid");
      json_builder_add_string_value (b, a->oid);
      json_builder_set_member_name (b, "name");
      if (a->name != NULL)
        json_builder_add_string_value (b, a->name);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint k = 0; a->values[k] != NULL; k++)
        json_builder_add_string_value (b, a->values[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "used_for_paths");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * signet_cms_certificate_set_free:
 * @set: (transfer full) (nullable): a certificate set summary
 *
 * Frees @set.
 */
void
signet_cms_certificate_set_free (SignetCmsCertificateSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->attribute_certificates, g_ptr_array_unref);
  g_clear_pointer (&set->notes, g_ptr_array_unref);
  g_free (set);
}

/**
 * signet_attribute_certificate_scan_cms:
 * @cms: a ContentInfo holding a SignedData (DER or BER)
 * @error: return location for a #GError
 *
 * Walks the CertificateSet of @cms (at most %SIGNET_MAX_CMS_CERTIFICATES
 * entries): decodes the v2 attribute certificates, counts the X.509
 * certificates, and ignores with a note the PKCS #6 extended certificates
 * (RFC 2632 2.2.1), obsolete v1 attribute certificates and other formats.
 *
 * Returns: (transfer full): what the set holds, or %NULL with
 *   %SIGNET_ERROR_PARSE (not a SignedData) or %SIGNET_ERROR_LIMIT
 */
SignetCmsCertificateSet *
signet_attribute_certificate_scan_cms (GBytes *cms, GError **error)
{
  g_auto (asn1_node) ci = NULL;
  g_auto (asn1_node) sd = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autofree char *type = NULL;
  g_autoptr (SignetCmsCertificateSet) set = NULL;
  const guint8 *data;
  gsize len;
  int n = 0;

  g_return_val_if_fail (cms != NULL, NULL);

  data = g_bytes_get_data (cms, &len);
  if (len > SIGNET_MAX_CMS_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT, "CMS object over %d bytes",
                   SIGNET_MAX_CMS_SIZE);
      return NULL;
    }
  ci = decode ("ContentInfo", data, len);
  type = ci != NULL ? read_string (ci, "contentType") : NULL;
  content = ci != NULL ? read_bytes (ci, "content") : NULL;
  if (g_strcmp0 (type, "1.2.840.113549.1.7.2") != 0 || content == NULL ||
      (sd = decode ("SignedData", g_bytes_get_data (content, NULL), g_bytes_get_size (content))) ==
          NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not a CMS SignedData");
      return NULL;
    }
  set = g_new0 (SignetCmsCertificateSet, 1);
  set->attribute_certificates = g_ptr_array_new_with_free_func (g_object_unref);
  set->notes = g_ptr_array_new_with_free_func (g_free);
  if (!signet_asn1_has (sd, "certificates") ||
      asn1_number_of_elements (sd, "certificates", &n) != ASN1_SUCCESS)
    n = 0;
  for (int i = 1; i <= n; i++)
    {
      g_autofree char *p = g_strdup_printf ("certificates.?%d", i);
      g_autoptr (GBytes) raw = NULL;
      guint8 tag;

      if (i > SIGNET_MAX_CMS_CERTIFICATES)
        {
          g_ptr_array_add (set->notes, g_strdup_printf ("Only the first %d entries of the "
                                                        "certificate set were read.",
                                                        SIGNET_MAX_CMS_CERTIFICATES));
          break;
        }
      raw = read_bytes (sd, p);
      if (raw == NULL || g_bytes_get_size (raw) < 2)
        {
          set->n_other++;
          continue;
        }
      tag = *(const guint8 *) g_bytes_get_data (raw, NULL);
      switch (tag)
        {
        case 0x30:
          set->n_certificates++;
          break;
        case 0xa0:
          set->n_extended++;
          g_ptr_array_add (set->notes, g_strdup_printf ("Entry %d is a PKCS #6 extended "
                                                        "certificate, which S/MIME does not use "
                                                        "(RFC 2632 2.2.1): ignored.",
                                                        i));
          break;
        case 0xa1:
          set->n_v1_attribute++;
          g_ptr_array_add (set->notes, g_strdup_printf ("Entry %d is an obsolete version 1 "
                                                        "attribute certificate: ignored.",
                                                        i));
          break;
        case 0xa2:
          {
            g_autoptr (GError) local = NULL;
            SignetAttributeCertificate *ac =
                signet_attribute_certificate_new_from_der (raw, &local);

            if (ac != NULL)
              g_ptr_array_add (set->attribute_certificates, ac);
            else
              {
                set->n_other++;
                g_ptr_array_add (set->notes, g_strdup_printf ("Entry %d is an attribute "
                                                              "certificate that cannot be read: %s",
                                                              i, local->message));
              }
          }
          break;
        default:
          set->n_other++;
          g_ptr_array_add (set->notes, g_strdup_printf ("Entry %d has an unknown certificate "
                                                        "format: ignored.",
                                                        i));
          break;
        }
    }
  return g_steal_pointer (&set);
}
