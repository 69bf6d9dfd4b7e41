/* signet-trust-anchors.h: where the built-in e-mail trust anchors come from.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/**
 * SignetTrustSource:
 * @SIGNET_TRUST_SOURCE_MOZILLA: the roots Mozilla trusts for e-mail, read
 *   from NSS's built-in roots module (libnssckbi.so); falls back to
 *   %SIGNET_TRUST_SOURCE_SYSTEM when that module is missing
 * @SIGNET_TRUST_SOURCE_SYSTEM: the system trust of p11-kit, keeping only
 *   the anchors it explicitly trusts for e-mail protection
 * @SIGNET_TRUST_SOURCE_NONE: no built-in anchors: only what the user adds
 *
 * The list of certificate authorities trusted for e-mail before the user
 * decides anything. The values match the nicks of the `trust-source` key
 * of the `org.signet.Signet` settings schema.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_TRUST_SOURCE_MOZILLA,
  SIGNET_TRUST_SOURCE_SYSTEM,
  SIGNET_TRUST_SOURCE_NONE,
} SignetTrustSource;

/**
 * SignetTrustAnchors:
 * @source: the source the anchors really came from (after fallbacks)
 * @anchors: (element-type SignetCertificate): the anchors trusted for
 *   e-mail protection
 * @distrusted: (element-type SignetCertificate): certificates the source
 *   explicitly distrusts for e-mail protection
 * @origin: (nullable): the module or paths read, for logs and `signet
 *   trust list`
 * @problem: (nullable): why fewer anchors than asked for were loaded (an
 *   English sentence for logs), %NULL when all went well
 *
 * A loaded set of built-in anchors.
 *
 * Since: 0.1
 */
typedef struct
{
  SignetTrustSource source;
  GPtrArray *anchors;
  GPtrArray *distrusted;
  char *origin;
  char *problem;
} SignetTrustAnchors;

/**
 * SIGNET_TRUST_MAX_OBJECTS:
 *
 * The most PKCS#11 objects read from one module.
 *
 * Since: 0.1
 */
#define SIGNET_TRUST_MAX_OBJECTS 8192

/**
 * SIGNET_TRUST_MAX_ATTRIBUTE_SIZE:
 *
 * The largest PKCS#11 attribute value (a certificate) read, in bytes.
 *
 * Since: 0.1
 */
#define SIGNET_TRUST_MAX_ATTRIBUTE_SIZE (64 * 1024)

const char *signet_trust_source_to_string (SignetTrustSource source);
gboolean signet_trust_source_from_string (const char *text, SignetTrustSource *source);

#define SIGNET_TYPE_TRUST_ANCHORS (signet_trust_anchors_get_type ())
GType signet_trust_anchors_get_type (void) G_GNUC_CONST;
SignetTrustAnchors *signet_trust_anchors_copy (const SignetTrustAnchors *anchors);
void signet_trust_anchors_free (SignetTrustAnchors *anchors);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetTrustAnchors, signet_trust_anchors_free)

const char *signet_trust_anchors_find_mozilla_module (void);
SignetTrustAnchors *signet_trust_anchors_load_mozilla (const char *module_path, GError **error);
SignetTrustAnchors *signet_trust_anchors_load_system (const char *paths, GError **error);
SignetTrustAnchors *signet_trust_anchors_load (SignetTrustSource source);
const SignetTrustAnchors *signet_trust_anchors_get_default (SignetTrustSource source);

G_END_DECLS
