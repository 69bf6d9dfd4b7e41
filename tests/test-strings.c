/* test-strings.c: the catalog of the command's sentences.
 *
 * Every id has a stable name and a text whose printf conversions are the
 * ones the catalog declares, and, with the German translation of the
 * build tree (SIGNET_LOCALEDIR, LANGUAGE=de), every text is translated.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "signet-init.h"
#include "signet-strings-cli.h"
#include "signet-strings.h"

/* The conversion letters of a printf format ("%s %u%%" gives "su"), or
 * NULL when it holds a conversion the catalog does not use. */
static char *
conversions (const char *format)
{
  GString *out = g_string_new (NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      p++;
      if (*p == '%')
        continue;
      if (*p != 's' && *p != 'u')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_stable_name (const char *name)
{
  if (!g_str_has_prefix (name, "cli."))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
test_catalog_complete (void)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint id = 0; id < SIGNET_STRING_N_IDS; id++)
    {
      const char *name = signet_strings_get_name (id);
      const char *arguments = signet_strings_get_arguments (id);
      const char *msgid = signet_strings_get_msgid (id, FALSE);
      g_autofree char *found = NULL;

      g_assert_nonnull (name);
      g_assert_true (is_stable_name (name));
      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (gpointer) name);
      g_assert_nonnull (arguments);
      g_assert_nonnull (msgid);
      g_assert_cmpstr (msgid, !=, "");
      g_assert_nonnull (signet_strings_get (id));

      /* The date format is for g_date_time_format(), not printf. */
      if (id == SIGNET_STRING_CLI_DATE_TIME_FORMAT)
        {
          g_assert_cmpstr (arguments, ==, "");
          continue;
        }
      found = conversions (msgid);
      if (g_strcmp0 (found, arguments) != 0)
        g_test_fail_printf ("%s: the text takes “%s”, the catalog says “%s”", name, found,
                            arguments);
      if (signet_strings_is_plural (id))
        {
          g_autofree char *plural = conversions (signet_strings_get_msgid (id, TRUE));

          if (g_strcmp0 (plural, arguments) != 0)
            g_test_fail_printf ("%s: the plural takes “%s”, the catalog says “%s”", name, plural,
                                arguments);
          /* A plural text says its number. */
          g_assert_nonnull (strchr (arguments, 'u'));
        }
      else
        g_assert_null (signet_strings_get_msgid (id, TRUE));
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, SIGNET_STRING_N_IDS);
}

static void
test_catalog_unknown_id (void)
{
  if (g_test_subprocess ())
    {
      g_assert_null (signet_strings_get (SIGNET_STRING_N_IDS));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

static void
test_format (void)
{
  g_autofree char *text = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  /* English, whatever the environment says. */
  g_assert_cmpstr (signet_strings_get_msgid (SIGNET_STRING_CLI_VERIFY_SIGNER, FALSE), ==,
                   "  Signer: %s\n");
  g_assert_cmpstr (signet_strings_get_msgid (SIGNET_STRING_CLI_CRL_REVOKED_COUNT, FALSE), ==,
                   "  %u revoked certificate\n");
  g_assert_cmpstr (signet_strings_get_msgid (SIGNET_STRING_CLI_CRL_REVOKED_COUNT, TRUE), ==,
                   "  %u revoked certificates\n");
  g_assert_cmpstr (signet_strings_get_name (SIGNET_STRING_CLI_CRL_REVOKED_COUNT), ==,
                   "cli.crl.revoked-count");

  /* The arguments are filled in, in order, and the plural form follows
   * the number (German and English agree on 1 and 2). */
  one = signet_strings_format_plural (SIGNET_STRING_CLI_CRL_REVOKED_COUNT, 1, 1u);
  two = signet_strings_format_plural (SIGNET_STRING_CLI_CRL_REVOKED_COUNT, 2, 2u);
  g_assert_nonnull (strstr (one, "1 "));
  g_assert_nonnull (strstr (two, "2 "));
  g_assert_cmpstr (one, !=, two);
  text = signet_strings_format (SIGNET_STRING_CLI_IMPORT_VALIDITY, "A", "B");
  g_assert_nonnull (strstr (text, "A"));
  g_assert_nonnull (strstr (text, "B"));
  g_assert_true (strstr (text, "A") < strstr (text, "B"));
}

/* With LANGUAGE=de every text comes from the German catalogue: gettext
 * returns the message id itself only for an untranslated message. */
static void
test_german (void)
{
  guint translated = 0;

  if (g_getenv ("SIGNET_LOCALEDIR") == NULL)
    {
      g_test_skip ("SIGNET_LOCALEDIR is not set: no translations to test");
      return;
    }
  for (guint id = 0; id < SIGNET_STRING_N_IDS; id++)
    {
      const char *msgid = signet_strings_get_msgid (id, FALSE);

      gboolean ok;

      if (signet_strings_is_plural (id))
        {
          const char *plural = signet_strings_get_msgid (id, TRUE);

          ok = signet_strings_get_plural (id, 1) != msgid &&
               signet_strings_get_plural (id, 2) != plural &&
               signet_strings_get_plural (id, 2) != msgid;
        }
      else
        ok = signet_strings_get (id) != msgid;
      if (ok)
        translated++;
      else
        g_test_fail_printf ("%s is not translated into German", signet_strings_get_name (id));
    }
  g_assert_cmpuint (translated, ==, SIGNET_STRING_N_IDS);
  g_assert_cmpstr (signet_strings_get (SIGNET_STRING_CLI_VERIFY_SIGNER), ==,
                   "  Unterzeichner: %s\n");
  g_assert_cmpstr (signet_strings_verdict_title ("warning"), ==, "Signatur mit Warnungen");
}

int
main (int argc, char **argv)
{
  /* Before the first gettext call: GLib decides once whether to translate. */
  if (g_getenv ("SIGNET_LOCALEDIR") != NULL)
    g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/strings/catalog-complete", test_catalog_complete);
  g_test_add_func ("/signet/strings/unknown-id", test_catalog_unknown_id);
  g_test_add_func ("/signet/strings/format", test_format);
  g_test_add_func ("/signet/strings/german", test_german);
  return g_test_run ();
}
