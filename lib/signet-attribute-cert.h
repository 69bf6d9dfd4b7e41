/* signet-attribute-cert.h: X.509 attribute certificates (RFC 5755) found
 * in a CMS CertificateSet, decoded for display (RFC 2632 2.2, 2.3). They
 * are never used to build or validate certification paths.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* Limits of this module (in addition to signet-limits.h). */
#define SIGNET_MAX_ATTRIBUTE_CERT_SIZE (64 * 1024) /* bytes of one attribute certificate */
#define SIGNET_MAX_AC_ATTRIBUTES 32                /* attributes shown per certificate */
#define SIGNET_MAX_AC_VALUES 16                    /* values shown per attribute */
#define SIGNET_MAX_AC_NAMES 16                     /* GeneralNames shown per name list */

/**
 * SignetAttributeCertAttribute:
 * @oid: the attribute type
 * @name: (nullable): its name when known ("role", "group", ...)
 * @values: the values as text (strings, names, OIDs; hex otherwise)
 *
 * One attribute of an attribute certificate.
 */
typedef struct
{
  char *oid;
  char *name;
  GStrv values;
} SignetAttributeCertAttribute;

#define SIGNET_TYPE_ATTRIBUTE_CERTIFICATE (signet_attribute_certificate_get_type ())
G_DECLARE_FINAL_TYPE (SignetAttributeCertificate,
                      signet_attribute_certificate,
                      SIGNET,
                      ATTRIBUTE_CERTIFICATE,
                      GObject)

SignetAttributeCertificate *signet_attribute_certificate_new_from_der (GBytes *der, GError **error);
int signet_attribute_certificate_get_version (SignetAttributeCertificate *self);
const char *signet_attribute_certificate_get_holder (SignetAttributeCertificate *self);
const char *signet_attribute_certificate_get_issuer (SignetAttributeCertificate *self);
const char *signet_attribute_certificate_get_serial_hex (SignetAttributeCertificate *self);
gint64 signet_attribute_certificate_get_not_before (SignetAttributeCertificate *self);
gint64 signet_attribute_certificate_get_not_after (SignetAttributeCertificate *self);
GPtrArray *signet_attribute_certificate_get_attributes (SignetAttributeCertificate *self);
gboolean signet_attribute_certificate_holder_matches (SignetAttributeCertificate *self,
                                                      SignetCertificate *certificate);
JsonNode *signet_attribute_certificate_to_json (SignetAttributeCertificate *self);

/**
 * SignetCmsCertificateSet:
 * @attribute_certificates: (element-type SignetAttributeCertificate): the
 *   attribute certificates that decoded
 * @n_certificates: X.509 certificates (left to signet_cms_get_certificates())
 * @n_extended: PKCS #6 extended certificates, ignored (RFC 2632 2.2.1)
 * @n_v1_attribute: obsolete v1 attribute certificates, ignored
 * @n_other: other or undecodable entries, ignored
 * @notes: (element-type utf8): one English sentence per ignored entry
 *
 * What the CertificateSet of a SignedData holds besides certificates.
 */
typedef struct
{
  GPtrArray *attribute_certificates;
  guint n_certificates;
  guint n_extended;
  guint n_v1_attribute;
  guint n_other;
  GPtrArray *notes;
} SignetCmsCertificateSet;

void signet_cms_certificate_set_free (SignetCmsCertificateSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetCmsCertificateSet, signet_cms_certificate_set_free)
SignetCmsCertificateSet *signet_attribute_certificate_scan_cms (GBytes *cms, GError **error);

G_END_DECLS
