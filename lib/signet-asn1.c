/* signet-asn1.c: libtasn1 decoding of the CMS and ESS structures GnuTLS
 * does not expose.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-asn1.h"

/* Generated from signet-cms.asn by
 *   asn1Parser -o out.c -n signet_cms_asn1_tab signet-cms.asn
 * Regenerate (and paste here) whenever signet-cms.asn changes. */
/* BEGIN GENERATED */
/* clang-format off */
static const asn1_static_node signet_cms_asn1_tab[] = {
  { "SignetCms", 536875024, NULL },
  { NULL, 1073741836, NULL },
  { "ContentInfo", 1610612741, NULL },
  { "contentType", 1073741836, NULL },
  { "content", 541089805, NULL },
  { NULL, 1073743880, "0"},
  { "contentType", 1, NULL },
  { "AlgorithmIdentifier", 1610612741, NULL },
  { "algorithm", 1073741836, NULL },
  { "parameters", 541081613, NULL },
  { "algorithm", 1, NULL },
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
  { NULL, 2, "SignerInfo"},
  { "EncapsulatedContentInfo", 1610612741, NULL },
  { "eContentType", 1073741836, NULL },
  { "eContent", 536895501, NULL },
  { NULL, 2056, "0"},
  { "SignerInfo", 1610612741, NULL },
  { "version", 1073741827, NULL },
  { "sid", 1073741826, "SignerIdentifier"},
  { "digestAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "signedAttrs", 1610637327, NULL },
  { NULL, 1073745928, "0"},
  { NULL, 2, "Attribute"},
  { "signatureAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "signature", 1073741831, NULL },
  { "unsignedAttrs", 536895503, NULL },
  { NULL, 1073745928, "1"},
  { NULL, 2, "Attribute"},
  { "SignerIdentifier", 1610612754, NULL },
  { "issuerAndSerialNumber", 1073741826, "IssuerAndSerialNumber"},
  { "subjectKeyIdentifier", 536879111, NULL },
  { NULL, 4104, "0"},
  { "IssuerAndSerialNumber", 1610612741, NULL },
  { "issuer", 1073741837, NULL },
  { "serialNumber", 3, NULL },
  { "Attribute", 1610612741, NULL },
  { "type", 1073741836, NULL },
  { "values", 536870927, NULL },
  { NULL, 13, NULL },
  { "SMIMECapabilities", 1610612747, NULL },
  { NULL, 2, "SMIMECapability"},
  { "SMIMECapability", 1610612741, NULL },
  { "capabilityID", 1073741836, NULL },
  { "parameters", 541081613, NULL },
  { "capabilityID", 1, NULL },
  { "RSASSA-PSS-params", 1610612741, NULL },
  { "hashAlgorithm", 1610637314, "AlgorithmIdentifier"},
  { NULL, 2056, "0"},
  { "maskGenAlgorithm", 1610637314, "AlgorithmIdentifier"},
  { NULL, 2056, "1"},
  { "saltLength", 1610637315, NULL },
  { NULL, 2056, "2"},
  { "trailerField", 536895491, NULL },
  { NULL, 2056, "3"},
  { "SigningCertificate", 1610612741, NULL },
  { "certs", 1610612747, NULL },
  { NULL, 2, "ESSCertID"},
  { "policies", 536887307, NULL },
  { NULL, 13, NULL },
  { "ESSCertID", 1610612741, NULL },
  { "certHash", 1073741831, NULL },
  { "issuerSerial", 16386, "IssuerSerial"},
  { "SigningCertificateV2", 1610612741, NULL },
  { "certs", 1610612747, NULL },
  { NULL, 2, "ESSCertIDv2"},
  { "policies", 536887307, NULL },
  { NULL, 13, NULL },
  { "ESSCertIDv2", 1610612741, NULL },
  { "hashAlgorithm", 1073758210, "AlgorithmIdentifier"},
  { "certHash", 1073741831, NULL },
  { "issuerSerial", 16386, "IssuerSerial"},
  { "IssuerSerial", 536870917, NULL },
  { "issuer", 1073741837, NULL },
  { "serialNumber", 3, NULL },
  { NULL, 0, NULL }
};
/* clang-format on */
/* END GENERATED */

static asn1_node
get_definitions (void)
{
  static gsize initialised = 0;
  static asn1_node definitions = NULL;

  if (g_once_init_enter (&initialised))
    {
      char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
      int rc = asn1_array2tree (signet_cms_asn1_tab, &definitions, errbuf);

      if (rc != ASN1_SUCCESS)
        g_error ("signet-cms.asn does not load: %s (%s)", asn1_strerror (rc), errbuf);
      g_once_init_leave (&initialised, 1);
    }
  return definitions;
}

/**
 * signet_asn1_decode_with:
 * @definitions: the parsed definitions of an ASN.1 module
 * @type: a type of that module, e.g. "SignetCms.SignedData"
 * @data: the encoding
 * @len: the number of bytes of @data
 * @flags: libtasn1 decoding flags (ASN1_DECODE_FLAG_*)
 * @consumed: (out) (optional): the number of bytes the value took; when
 *   %NULL, bytes after the value are an error
 *
 * Decodes one value of @type of any module.
 *
 * Returns: (transfer full) (nullable): the decoded tree, or %NULL if @data
 *   is not a valid encoding of @type
 */
asn1_node
signet_asn1_decode_with (asn1_node definitions,
                         const char *type,
                         const guint8 *data,
                         gsize len,
                         unsigned int flags,
                         gsize *consumed)
{
  g_auto (asn1_node) node = NULL;
  char errbuf[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
  int ider_len;

  if (data == NULL || len == 0 || len > G_MAXINT)
    return NULL;
  if (asn1_create_element (definitions, type, &node) != ASN1_SUCCESS)
    return NULL;
  if (consumed != NULL)
    flags |= ASN1_DECODE_FLAG_ALLOW_PADDING;
  ider_len = (int) len;
  if (asn1_der_decoding2 (&node, data, &ider_len, flags, errbuf) != ASN1_SUCCESS)
    return NULL;
  if (consumed != NULL)
    *consumed = (gsize) ider_len;
  return g_steal_pointer (&node);
}

/**
 * signet_asn1_decode:
 * @type: a type of signet-cms.asn, e.g. "SignetCms.SignedData"
 * @data: the encoding
 * @len: the number of bytes of @data
 * @strict_der: whether BER (indefinite lengths, constructed strings) is refused
 * @consumed: (out) (optional): the number of bytes the value took; when
 *   %NULL, bytes after the value are an error
 *
 * Decodes one value of @type of signet-cms.asn.
 *
 * Returns: (transfer full) (nullable): the decoded tree (free it with
 *   asn1_delete_structure() or g_auto), or %NULL if @data is not a valid
 *   encoding of @type
 */
asn1_node
signet_asn1_decode (
    const char *type, const guint8 *data, gsize len, gboolean strict_der, gsize *consumed)
{
  return signet_asn1_decode_with (get_definitions (), type, data, len,
                                  strict_der ? ASN1_DECODE_FLAG_STRICT_DER : 0, consumed);
}

/**
 * signet_asn1_read_bytes:
 * @node: a decoded tree
 * @name: the element's path, e.g. "signerInfos.?1.signature"
 *
 * Reads the value of an element: the contents of an OCTET STRING or
 * INTEGER, the whole encoding of an ANY.
 *
 * Returns: (transfer full) (nullable): the value, %NULL when absent
 */
GBytes *
signet_asn1_read_bytes (asn1_node node, const char *name)
{
  int len = 0;
  unsigned int etype = 0;
  g_autofree guint8 *buf = NULL;
  int rc;

  rc = asn1_read_value_type (node, name, NULL, &len, &etype);
  if (rc == ASN1_SUCCESS && len == 0)
    return g_bytes_new (NULL, 0);
  if (rc != ASN1_MEM_ERROR || len <= 0)
    return NULL;
  buf = g_malloc (len);
  if (asn1_read_value_type (node, name, buf, &len, &etype) != ASN1_SUCCESS)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buf), len);
}

/**
 * signet_asn1_read_oid:
 * @node: a decoded tree
 * @name: the path of an OBJECT IDENTIFIER element
 *
 * Returns: (transfer full) (nullable): the dotted OID, %NULL when absent
 */
char *
signet_asn1_read_oid (asn1_node node, const char *name)
{
  char buf[256];
  int len = sizeof buf - 1;

  if (asn1_read_value (node, name, buf, &len) != ASN1_SUCCESS || len <= 0)
    return NULL;
  buf[MIN ((gsize) len, sizeof buf - 1)] = '\0';
  return g_strdup (buf);
}

/**
 * signet_asn1_has:
 * @node: a decoded tree
 * @name: an element path
 *
 * Returns: whether the (OPTIONAL) element is present
 */
gboolean
signet_asn1_has (asn1_node node, const char *name)
{
  /* Absent OPTIONAL elements are removed from the tree when decoding. */
  return asn1_find_node (node, name) != NULL;
}

/**
 * signet_asn1_count:
 * @node: a decoded tree
 * @name: the path of a SET OF or SEQUENCE OF element
 *
 * Returns: the number of elements, 0 when absent
 */
guint
signet_asn1_count (asn1_node node, const char *name)
{
  int n = 0;

  if (asn1_number_of_elements (node, name, &n) != ASN1_SUCCESS || n < 0)
    return 0;
  return (guint) n;
}

/**
 * signet_asn1_read_digest_algorithm:
 * @node: a decoded tree
 * @name: the path of an AlgorithmIdentifier
 *
 * Returns: the digest algorithm the identifier names, %GNUTLS_DIG_UNKNOWN
 *   when absent or unknown
 */
gnutls_digest_algorithm_t
signet_asn1_read_digest_algorithm (asn1_node node, const char *name)
{
  g_autofree char *path = g_strconcat (name, ".algorithm", NULL);
  g_autofree char *oid = signet_asn1_read_oid (node, path);

  if (oid == NULL)
    return GNUTLS_DIG_UNKNOWN;
  return gnutls_oid_to_digest (oid);
}
