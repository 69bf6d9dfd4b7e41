/* signet-init.c: one-time initialisation of the libraries Signet uses.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-init.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <gnutls/gnutls.h>

/**
 * signet_init:
 *
 * Initialises GnuTLS and GMime and binds Signet's text domain. Safe to call
 * more than once and from any thread; the first call should come from the
 * main thread, because GMime's initialisation is not thread-safe. It never
 * calls textdomain() or setlocale(): those belong to the host program.
 *
 * The translations are looked up under the install prefix's locale
 * directory, or under the directory the environment variable
 * `SIGNET_LOCALEDIR` names, when it is set (for running from a build tree).
 *
 * Since: 0.1
 */
void
signet_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      const char *localedir = g_getenv ("SIGNET_LOCALEDIR");

      gnutls_global_init ();
      g_mime_init ();
      bindtextdomain (GETTEXT_PACKAGE,
                      localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&initialised, 1);
    }
}
