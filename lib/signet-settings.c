/* signet-settings.c: applies the user's Signet settings to a verifier.
 *
 * The schema (data/org.signet.Signet.gschema.xml) is shared by every
 * program that embeds Signet: the mail-client plugins read it so that one
 * choice ("work offline", "trust only the authorities I add") holds in
 * Claws Mail and Evolution alike. The `signet` command does not read it: its
 * behaviour is given by its options, so scripts do not change with the
 * desktop's settings.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-settings.h"

/**
 * signet_settings_new:
 *
 * Opens the user's Signet settings with the default GSettings backend.
 * Unlike g_settings_new(), this does not abort when the schema is not
 * installed: it returns %NULL, and the caller keeps Signet's defaults (the
 * same as the schema's).
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when the
 *   `org.signet.Signet` schema is not installed
 *
 * Since: 0.1
 */
GSettings *
signet_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SIGNET_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * signet_settings_configure_verifier:
 * @settings: (nullable): settings of the `org.signet.Signet` schema, or
 *   %NULL for the defaults
 * @verifier: the verifier to configure
 *
 * Applies the settings that govern verification: `offline` and
 * `online-checks` (either one switches the network off, see
 * signet_verifier_set_offline()), `ocsp-order`
 * (signet_verifier_set_revocation_order()), `fetch-timeout`
 * (signet_verifier_set_fetch_timeout()) and `weak-algorithm-policy`
 * (signet_verifier_set_reject_sha1()). The trust source is not a verifier
 * property: pass signet_settings_get_trust_source() to signet_trust_new().
 *
 * With %NULL settings the verifier gets the schema's defaults: online,
 * CRLs first, 10 seconds, SHA-1 signatures shown with a warning.
 *
 * Since: 0.1
 */
void
signet_settings_configure_verifier (GSettings *settings, SignetVerifier *verifier)
{
  gboolean offline = FALSE;
  SignetRevocationOrder order = SIGNET_REVOCATION_ORDER_CRL_FIRST;
  guint timeout = 10;
  gboolean reject_sha1 = FALSE;

  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (SIGNET_IS_VERIFIER (verifier));

  if (settings != NULL)
    {
      g_autofree char *order_nick = g_settings_get_string (settings, "ocsp-order");
      g_autofree char *weak = g_settings_get_string (settings, "weak-algorithm-policy");

      offline = g_settings_get_boolean (settings, "offline") ||
                !g_settings_get_boolean (settings, "online-checks");
      if (g_strcmp0 (order_nick, "ocsp-first") == 0)
        order = SIGNET_REVOCATION_ORDER_OCSP_FIRST;
      else if (g_strcmp0 (order_nick, "crl-only") == 0)
        order = SIGNET_REVOCATION_ORDER_CRL_ONLY;
      timeout = g_settings_get_uint (settings, "fetch-timeout");
      reject_sha1 = g_strcmp0 (weak, "reject-sha1") == 0;
    }
  signet_verifier_set_offline (verifier, offline);
  signet_verifier_set_revocation_order (verifier, order);
  signet_verifier_set_fetch_timeout (verifier, timeout);
  signet_verifier_set_reject_sha1 (verifier, reject_sha1);
}

/**
 * signet_settings_get_trust_source:
 * @settings: (nullable): settings of the `org.signet.Signet` schema, or
 *   %NULL for the default
 *
 * Reads `trust-source`: which built-in certificate authorities are trusted
 * for e-mail.
 *
 * Returns: the trust source (%SIGNET_TRUST_SOURCE_MOZILLA by default)
 *
 * Since: 0.1
 */
SignetTrustSource
signet_settings_get_trust_source (GSettings *settings)
{
  g_autofree char *nick = NULL;
  SignetTrustSource source;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), SIGNET_TRUST_SOURCE_MOZILLA);

  if (settings == NULL)
    return SIGNET_TRUST_SOURCE_MOZILLA;
  nick = g_settings_get_string (settings, "trust-source");
  if (signet_trust_source_from_string (nick, &source))
    return source;
  return SIGNET_TRUST_SOURCE_MOZILLA;
}
