/* signet-aia.c: fetchable URIs from cRLDistributionPoints, freshestCRL and
 * authorityInfoAccess.
 *
 * Only http and https URIs are returned (signet_fetch_uri_is_allowed());
 * ldap, ftp, file and the rest are dropped, duplicates too, and at most
 * SIGNET_AIA_MAX_URIS per extension are kept, in certificate order.
 * Distribution points are read with GnuTLS, which takes fullName URIs
 * only: a point named relative to its CRL issuer has no URI (and, in
 * GnuTLS 3.7, ends the list), and cRLIssuer is not looked at; whoever uses
 * a fetched CRL checks its scope anyway.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "signet-aia.h"
#include "signet-certificate-private.h"
#include "signet-fetcher.h"
#include "signet-gnutls-private.h"
#include "signet-oids.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_aia_t, gnutls_x509_aia_deinit, NULL)

static void
add_uri (GPtrArray *uris, const gnutls_datum_t *value)
{
  g_autofree char *uri = NULL;

  if (uris->len >= SIGNET_AIA_MAX_URIS || value->data == NULL || value->size == 0 ||
      memchr (value->data, '\0', value->size) != NULL)
    return;
  uri = g_strndup ((const char *) value->data, value->size);
  if (!signet_fetch_uri_is_allowed (uri))
    return;
  for (guint i = 0; i < uris->len; i++)
    if (strcmp (g_ptr_array_index (uris, i), uri) == 0)
      return;
  g_ptr_array_add (uris, g_steal_pointer (&uri));
}

static GStrv
finish_uris (GPtrArray *uris)
{
  g_ptr_array_add (uris, NULL);
  return (GStrv) g_ptr_array_free (uris, FALSE);
}

static GStrv
distribution_point_uris (SignetCertificate *cert, const char *oid)
{
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  g_auto (gnutls_x509_crl_dist_points_t) points = NULL;
  GPtrArray *uris = g_ptr_array_new_with_free_func (g_free);
  unsigned int critical = 0;

  if (_signet_certificate_get_extension_by_oid (cert, oid, &der, &critical) < 0 ||
      gnutls_x509_crl_dist_points_init (&points) < 0 ||
      gnutls_x509_ext_import_crl_dist_points (&der, points, 0) < 0)
    return finish_uris (uris);

  for (unsigned int i = 0; i < 1024 && uris->len < SIGNET_AIA_MAX_URIS; i++)
    {
      gnutls_datum_t name = { NULL, 0 }; /* owned by points */
      unsigned int type = 0, reasons = 0;
      int rc = gnutls_x509_crl_dist_points_get (points, i, &type, &name, &reasons);

      if (rc < 0)
        break;
      if (type == GNUTLS_SAN_URI)
        add_uri (uris, &name);
    }
  return finish_uris (uris);
}

static GStrv
access_uris (SignetCertificate *cert, const char *method)
{
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  g_auto (gnutls_x509_aia_t) aia = NULL;
  GPtrArray *uris = g_ptr_array_new_with_free_func (g_free);
  unsigned int critical = 0;

  if (_signet_certificate_get_extension_by_oid (cert, SIGNET_OID_EXT_AIA, &der, &critical) < 0 ||
      gnutls_x509_aia_init (&aia) < 0 || gnutls_x509_ext_import_aia (&der, aia, 0) < 0)
    return finish_uris (uris);

  for (unsigned int i = 0; i < 1024 && uris->len < SIGNET_AIA_MAX_URIS; i++)
    {
      gnutls_datum_t oid = { NULL, 0 }; /* both owned by aia */
      gnutls_datum_t name = { NULL, 0 };
      unsigned int type = 0;
      int rc = gnutls_x509_aia_get (aia, i, &oid, &type, &name);

      if (rc < 0)
        break;
      if (type == GNUTLS_SAN_URI && oid.data != NULL && oid.size == strlen (method) &&
          memcmp (oid.data, method, oid.size) == 0)
        add_uri (uris, &name);
    }
  return finish_uris (uris);
}

/**
 * signet_aia_get_crl_distribution_uris:
 * @cert: a certificate
 *
 * The http and https fullName URIs of @cert's cRLDistributionPoints, where
 * the CRLs that cover it are published.
 *
 * Returns: (transfer full) (array zero-terminated=1): the URIs, possibly none
 */
GStrv
signet_aia_get_crl_distribution_uris (SignetCertificate *cert)
{
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), NULL);
  return distribution_point_uris (cert, SIGNET_OID_EXT_CRL_DIST_POINTS);
}

/**
 * signet_aia_get_freshest_crl_uris:
 * @cert: a certificate
 *
 * The http and https URIs of @cert's freshestCRL extension (delta CRLs).
 *
 * Returns: (transfer full) (array zero-terminated=1): the URIs, possibly none
 */
GStrv
signet_aia_get_freshest_crl_uris (SignetCertificate *cert)
{
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), NULL);
  return distribution_point_uris (cert, SIGNET_OID_EXT_FRESHEST_CRL);
}

/**
 * signet_aia_get_ocsp_uris:
 * @cert: a certificate
 *
 * The http and https id-ad-ocsp URIs of @cert's authorityInfoAccess: the
 * OCSP responders that answer for it.
 *
 * Returns: (transfer full) (array zero-terminated=1): the URIs, possibly none
 */
GStrv
signet_aia_get_ocsp_uris (SignetCertificate *cert)
{
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), NULL);
  return access_uris (cert, SIGNET_OID_AD_OCSP);
}

/**
 * signet_aia_get_ca_issuers_uris:
 * @cert: a certificate
 *
 * The http and https id-ad-caIssuers URIs of @cert's authorityInfoAccess,
 * where the certificate of its issuer (DER, or a certs-only CMS bundle
 * .p7c) can be fetched.
 *
 * Returns: (transfer full) (array zero-terminated=1): the URIs, possibly none
 */
GStrv
signet_aia_get_ca_issuers_uris (SignetCertificate *cert)
{
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), NULL);
  return access_uris (cert, SIGNET_OID_AD_CA_ISSUERS);
}
