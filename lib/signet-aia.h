/* signet-aia.h: where a certificate says its CRLs, its issuer and its OCSP
 * responder can be fetched (cRLDistributionPoints, freshestCRL,
 * authorityInfoAccess).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* URIs returned per extension (the rest are ignored). */
#define SIGNET_AIA_MAX_URIS 8

GStrv signet_aia_get_crl_distribution_uris (SignetCertificate *cert);
GStrv signet_aia_get_freshest_crl_uris (SignetCertificate *cert);
GStrv signet_aia_get_ocsp_uris (SignetCertificate *cert);
GStrv signet_aia_get_ca_issuers_uris (SignetCertificate *cert);

G_END_DECLS
