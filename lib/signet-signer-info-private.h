/* signet-signer-info-private.h: what signet-cms.c needs of a SignerInfo.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gnutls/pkcs7.h>
#include <libtasn1.h>

#include "signet-signer-info.h"

G_BEGIN_DECLS

/* Whether a SignerInfo can be verified at all. */
typedef enum
{
  SIGNET_SIGNER_INFO_USABLE,
  SIGNET_SIGNER_INFO_UNSUPPORTED, /* algorithm GnuTLS does not know */
  SIGNET_SIGNER_INFO_MALFORMED,   /* inconsistent algorithms or malformed attributes */
} SignetSignerInfoState;

/* @signed_data: the SignedData decoded with signet-cms.asn, or NULL when
 * that failed (then the checks that need it are skipped). Never fails: a
 * SignerInfo GnuTLS cannot read is returned in a non-USABLE state. */
SignetSignerInfo *_signet_signer_info_new (gnutls_pkcs7_t p7, guint index, asn1_node signed_data);
SignetSignerInfoState _signet_signer_info_get_state (SignetSignerInfo *self);
guint _signet_signer_info_get_n_content_types (SignetSignerInfo *self);

G_END_DECLS
