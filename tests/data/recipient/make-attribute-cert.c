/* make-attribute-cert.c: writes the attribute-certificate fixture of
 * tests/test-recipient.c (a SignedData without signers whose CertificateSet
 * holds a certificate, an attribute certificate and a PKCS #6 extended
 * certificate). Run by generate.sh only; not part of the build.
 *
 *   make-attribute-cert MODULE.asn HOLDER.der ISSUER-NAME-HEX SERIAL-HEX ROLE OUT
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libtasn1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static asn1_node defs;

#define CHECK(x)                                                                                   \
  do                                                                                               \
    {                                                                                              \
      int rc_ = (x);                                                                               \
      if (rc_ != ASN1_SUCCESS)                                                                     \
        {                                                                                          \
          fprintf (stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #x, asn1_strerror (rc_));      \
          exit (1);                                                                                \
        }                                                                                          \
    }                                                                                              \
  while (0)

static unsigned char *
unhex (const char *hex, int *len)
{
  size_t n = strlen (hex) / 2;
  unsigned char *out = malloc (n + 1);

  for (size_t i = 0; i < n; i++)
    sscanf (hex + 2 * i, "%2hhx", &out[i]);
  *len = (int) n;
  return out;
}

static unsigned char *
der (asn1_node node, int *len)
{
  unsigned char *out;
  char err[ASN1_MAX_ERROR_DESCRIPTION_SIZE];

  *len = 0;
  asn1_der_coding (node, "", NULL, len, err);
  out = malloc (*len);
  CHECK (asn1_der_coding (node, "", out, len, err));
  return out;
}

static unsigned char *
read_file (const char *path, int *len)
{
  FILE *f = fopen (path, "rb");
  unsigned char *buf = malloc (1 << 20);

  if (f == NULL)
    exit (1);
  *len = (int) fread (buf, 1, 1 << 20, f);
  fclose (f);
  return buf;
}

int
main (int argc, char **argv)
{
  char err[ASN1_MAX_ERROR_DESCRIPTION_SIZE];
  asn1_node ac = NULL, role = NULL, ext = NULL, sd = NULL, ci = NULL;
  unsigned char *name, *serial, *holder, *role_der, *ac_der, *ext_der, *sd_der, *ci_der;
  int name_len, serial_len, holder_len, role_len, ac_len, ext_len, sd_len, ci_len;
  FILE *out;

  if (argc != 7)
    return 2;
  CHECK (asn1_parser2tree (argv[1], &defs, err));
  holder = read_file (argv[2], &holder_len);
  name = unhex (argv[3], &name_len);
  serial = unhex (argv[4], &serial_len);

  /* role: RoleSyntax { roleName rfc822Name ROLE } */
  CHECK (asn1_create_element (defs, "SignetAttributeCert.RoleSyntax", &role));
  CHECK (asn1_write_value (role, "roleAuthority", NULL, 0));
  CHECK (asn1_write_value (role, "roleName", "rfc822Name", 1));
  CHECK (asn1_write_value (role, "roleName.rfc822Name", argv[5], strlen (argv[5])));
  role_der = der (role, &role_len);

  CHECK (asn1_create_element (defs, "SignetAttributeCert.AttributeCertificate", &ac));
  CHECK (asn1_write_value (ac, "acinfo.version", "1", 0));
  CHECK (asn1_write_value (ac, "acinfo.holder.entityName", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.holder.objectDigestInfo", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.holder.baseCertificateID.issuer", "NEW", 1));
  CHECK (asn1_write_value (ac, "acinfo.holder.baseCertificateID.issuer.?LAST", "directoryName", 1));
  CHECK (asn1_write_value (ac, "acinfo.holder.baseCertificateID.issuer.?LAST.directoryName", name,
                           name_len));
  CHECK (asn1_write_value (ac, "acinfo.holder.baseCertificateID.serial", serial, serial_len));
  CHECK (asn1_write_value (ac, "acinfo.holder.baseCertificateID.issuerUID", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.issuer", "v2Form", 1));
  CHECK (asn1_write_value (ac, "acinfo.issuer.v2Form.baseCertificateID", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.issuer.v2Form.objectDigestInfo", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.issuer.v2Form.issuerName", "NEW", 1));
  CHECK (asn1_write_value (ac, "acinfo.issuer.v2Form.issuerName.?LAST", "rfc822Name", 1));
  CHECK (asn1_write_value (ac, "acinfo.issuer.v2Form.issuerName.?LAST.rfc822Name",
                           "attribute-authority@example.org", 31));
  CHECK (asn1_write_value (ac, "acinfo.signature.algorithm", "1.2.840.113549.1.1.11", 1));
  CHECK (asn1_write_value (ac, "acinfo.signature.parameters", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.serialNumber", "\x12\x34", 2));
  CHECK (asn1_write_value (ac, "acinfo.attrCertValidityPeriod.notBeforeTime", "20200101000000Z", 15));
  CHECK (asn1_write_value (ac, "acinfo.attrCertValidityPeriod.notAfterTime", "20450101000000Z", 15));
  CHECK (asn1_write_value (ac, "acinfo.attributes", "NEW", 1));
  CHECK (asn1_write_value (ac, "acinfo.attributes.?LAST.type", "2.5.4.72", 1));
  CHECK (asn1_write_value (ac, "acinfo.attributes.?LAST.values", "NEW", 1));
  CHECK (asn1_write_value (ac, "acinfo.attributes.?LAST.values.?LAST", role_der, role_len));
  CHECK (asn1_write_value (ac, "acinfo.issuerUniqueID", NULL, 0));
  CHECK (asn1_write_value (ac, "acinfo.extensions", NULL, 0));
  CHECK (asn1_write_value (ac, "signatureAlgorithm.algorithm", "1.2.840.113549.1.1.11", 1));
  CHECK (asn1_write_value (ac, "signatureAlgorithm.parameters", NULL, 0));
  CHECK (asn1_write_value (ac, "signatureValue", "\0", 8));
  ac_der = der (ac, &ac_len);
  ac_der[0] = 0xa2; /* v2AttrCert [2] IMPLICIT */

  CHECK (asn1_create_element (defs, "SignetAttributeCert.ExtendedCertificate", &ext));
  CHECK (asn1_write_value (ext, "extendedCertificateInfo.version", "0", 0));
  CHECK (asn1_write_value (ext, "extendedCertificateInfo.certificate", holder, holder_len));
  CHECK (asn1_write_value (ext, "signatureAlgorithm.algorithm", "1.2.840.113549.1.1.11", 1));
  CHECK (asn1_write_value (ext, "signatureAlgorithm.parameters", NULL, 0));
  CHECK (asn1_write_value (ext, "signature", "\0", 8));
  ext_der = der (ext, &ext_len);
  ext_der[0] = 0xa0; /* extendedCertificate [0] IMPLICIT */

  CHECK (asn1_create_element (defs, "SignetAttributeCert.SignedData", &sd));
  CHECK (asn1_write_value (sd, "version", "4", 0));
  CHECK (asn1_write_value (sd, "encapContentInfo.eContentType", "1.2.840.113549.1.7.1", 1));
  CHECK (asn1_write_value (sd, "encapContentInfo.eContent", NULL, 0));
  CHECK (asn1_write_value (sd, "crls", NULL, 0));
  CHECK (asn1_write_value (sd, "certificates", "NEW", 1));
  CHECK (asn1_write_value (sd, "certificates.?LAST", holder, holder_len));
  CHECK (asn1_write_value (sd, "certificates", "NEW", 1));
  CHECK (asn1_write_value (sd, "certificates.?LAST", ac_der, ac_len));
  CHECK (asn1_write_value (sd, "certificates", "NEW", 1));
  CHECK (asn1_write_value (sd, "certificates.?LAST", ext_der, ext_len));
  sd_der = der (sd, &sd_len);

  CHECK (asn1_create_element (defs, "SignetAttributeCert.ContentInfo", &ci));
  CHECK (asn1_write_value (ci, "contentType", "1.2.840.113549.1.7.2", 1));
  CHECK (asn1_write_value (ci, "content", sd_der, sd_len));
  ci_der = der (ci, &ci_len);

  out = fopen (argv[6], "wb");
  fwrite (ci_der, 1, ci_len, out);
  fclose (out);
  return 0;
}
