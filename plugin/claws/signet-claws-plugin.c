/* signet-claws-plugin.c: the Claws Mail plugin entry points.
 *
 * Claws opens the module with g_module_open() and looks up the plugin_*
 * functions below; they are the only symbols the module exports.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-claws.h"

#include <glib/gi18n-lib.h>

#include "plugin.h"
#include "version.h"

#include "signet-init.h"
#include "signet-settings.h"
#include "signet-store.h"
#include "signet-trust.h"

#define SIGNET_CLAWS_EXPORT __attribute__ ((visibility ("default")))

/* The oldest Claws whose plugin and privacy ABI this plugin follows. */
#define SIGNET_CLAWS_MIN_VERSION MAKE_NUMERIC_VERSION (4, 1, 0, 0)

static SignetVerifier *verifier = NULL;

/**
 * signet_claws_get_verifier:
 *
 * Returns: (transfer none): the verifier set up by plugin_init()
 */
SignetVerifier *
signet_claws_get_verifier (void)
{
  return verifier;
}

/* SIGNET_EXTRA_ANCHORS: PEM or DER files of extra trust anchors, separated
 * like PATH. An unreadable file is reported and skipped: a plugin that
 * refuses to load makes Claws show a modal alert at startup. */
static void
add_extra_anchors (SignetVerifier *self)
{
  const char *value = g_getenv (SIGNET_CLAWS_ENV_EXTRA_ANCHORS);
  g_auto (GStrv) paths = NULL;

  if (value == NULL || *value == '\0')
    return;
  paths = g_strsplit (value, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      if (*paths[i] == '\0')
        continue;
      if (!signet_verifier_add_anchors_from_file (self, paths[i], &error))
        g_warning ("%s: cannot read %s: %s", SIGNET_CLAWS_ENV_EXTRA_ANCHORS, paths[i],
                   error->message);
    }
}

/* SIGNET_TIME: validate at this ISO 8601 time instead of now. */
static void
set_validation_time (SignetVerifier *self)
{
  const char *value = g_getenv (SIGNET_CLAWS_ENV_TIME);
  g_autoptr (GTimeZone) utc = NULL;
  g_autoptr (GDateTime) when = NULL;

  if (value == NULL || *value == '\0')
    return;
  utc = g_time_zone_new_utc ();
  when = g_date_time_new_from_iso8601 (value, utc);
  if (when == NULL)
    {
      g_warning ("%s: “%s” is not an ISO 8601 time; validating at the current time",
                 SIGNET_CLAWS_ENV_TIME, value);
      return;
    }
  signet_verifier_set_time (self, g_date_time_to_unix (when));
}

static SignetVerifier *
create_verifier (void)
{
  g_autoptr (SignetVerifier) self = signet_verifier_new ();
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;

  /* The user's store: certificates, CRLs and verdicts from earlier mail.
   * Without it the plugin still verifies, with what messages carry. */
  store = signet_store_open (NULL, &error);
  if (store != NULL)
    signet_verifier_set_store (self, store);
  else
    g_warning ("Cannot open the Signet certificate store: %s", error->message);

  /* The user's Signet settings (offline, OCSP order, fetch timeout, SHA-1
   * policy, trust source), shared with Evolution; the schema's defaults
   * when it is not installed. */
  settings = signet_settings_new ();
  signet_settings_configure_verifier (settings, self);

  /* The user's trust decisions (kept in the store when there is one):
   * anchors added or removed, distrusted certificates, pins. */
  {
    g_autoptr (SignetTrust) trust =
        signet_trust_new (store, signet_settings_get_trust_source (settings));

    signet_verifier_set_trust (self, trust);
  }

  add_extra_anchors (self);
  set_validation_time (self);
  if (g_getenv (SIGNET_CLAWS_ENV_TIME) != NULL && signet_verifier_get_trust (self) != NULL)
    signet_trust_set_time (signet_verifier_get_trust (self), signet_verifier_get_time (self));
  return g_steal_pointer (&self);
}

SIGNET_CLAWS_EXPORT gint plugin_init (gchar **error);
SIGNET_CLAWS_EXPORT gboolean plugin_done (void);
SIGNET_CLAWS_EXPORT const gchar *plugin_name (void);
SIGNET_CLAWS_EXPORT const gchar *plugin_desc (void);
SIGNET_CLAWS_EXPORT const gchar *plugin_type (void);
SIGNET_CLAWS_EXPORT const gchar *plugin_licence (void);
SIGNET_CLAWS_EXPORT const gchar *plugin_version (void);
SIGNET_CLAWS_EXPORT struct PluginFeature *plugin_provides (void);

gint
plugin_init (gchar **error)
{
  if (!check_plugin_version (SIGNET_CLAWS_MIN_VERSION, VERSION_NUMERIC, plugin_name (), error))
    return -1;

  /* Binds Signet's text domain; never textdomain() or setlocale(). */
  signet_init ();
  verifier = create_verifier ();
  signet_claws_privacy_register ();
  signet_claws_window_register ();
  g_debug ("Signet plugin loaded");
  return 0;
}

gboolean
plugin_done (void)
{
  signet_claws_window_unregister ();
  signet_claws_privacy_unregister ();
  signet_claws_privacy_forget_all ();
  signet_claws_log_flush ();
  /* Checks still running hold their own reference. */
  g_clear_object (&verifier);
  return TRUE;
}

const gchar *
plugin_name (void)
{
  return _ ("Signet S/MIME");
}

const gchar *
plugin_desc (void)
{
  return _ ("Checks S/MIME signatures and their certificates with Signet, and says in plain "
            "words whether to trust a message.\n\n"
            "Signet verifies multipart/signed messages and opaque signed-data. Encryption "
            "and decryption stay with Claws Mail’s S/MIME plugin; load Signet before it.");
}

const gchar *
plugin_type (void)
{
  return "GTK3";
}

const gchar *
plugin_licence (void)
{
  return "LGPL2.1+";
}

const gchar *
plugin_version (void)
{
  return PACKAGE_VERSION;
}

struct PluginFeature *
plugin_provides (void)
{
  static struct PluginFeature features[] = {
    { PLUGIN_PRIVACY, SIGNET_CLAWS_PRIVACY_ID },
    { PLUGIN_NOTHING, NULL },
  };

  return features;
}
