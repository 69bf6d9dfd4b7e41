/* signet-asn1.h: libtasn1 decoding of the CMS and ESS structures GnuTLS
 * does not expose (definitions in signet-cms.asn).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>
#include <libtasn1.h>

G_BEGIN_DECLS

static inline void
_signet_asn1_node_free (asn1_node node)
{
  asn1_delete_structure (&node);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (asn1_node, _signet_asn1_node_free, NULL)

asn1_node signet_asn1_decode_with (asn1_node definitions,
                                   const char *type,
                                   const guint8 *data,
                                   gsize len,
                                   unsigned int flags,
                                   gsize *consumed);
asn1_node signet_asn1_decode (
    const char *type, const guint8 *data, gsize len, gboolean strict_der, gsize *consumed);
GBytes *signet_asn1_read_bytes (asn1_node node, const char *name);
char *signet_asn1_read_oid (asn1_node node, const char *name);
gboolean signet_asn1_has (asn1_node node, const char *name);
guint signet_asn1_count (asn1_node node, const char *name);
gnutls_digest_algorithm_t signet_asn1_read_digest_algorithm (asn1_node node, const char *name);

G_END_DECLS
