/* signet-settings.h: the user's Signet settings (GSettings org.signet.Signet).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-trust-anchors.h"
#include "signet-verifier.h"

G_BEGIN_DECLS

/**
 * SIGNET_SETTINGS_SCHEMA_ID:
 *
 * The id of Signet's GSettings schema.
 *
 * Since: 0.1
 */
#define SIGNET_SETTINGS_SCHEMA_ID "org.signet.Signet"

GSettings *signet_settings_new (void);
void signet_settings_configure_verifier (GSettings *settings, SignetVerifier *verifier);
SignetTrustSource signet_settings_get_trust_source (GSettings *settings);

G_END_DECLS
