/* signet-soak.c: verifies the test corpus over and over in one process and
 * watches the resident set size, to find leaks and unbounded caches.
 *
 *   signet-soak [--rounds N] [--warmup W] [--checkpoints K]
 *               [--max-growth-kb KB] [--no-pkits] [--data DIR]
 *
 * One round verifies every message of DIR/messages/ (trust anchor root-ca,
 * the test PKI's CRLs, at 2030-01-01) and of DIR/pkits/smime/ (the PKITS
 * anchor and its CRL, at 2011-04-15; left out with --no-pkits), each through
 * signet_verifier_verify_bytes() and signet_report_to_json(). The messages
 * are read once, before the first round. The RSS is printed at K evenly
 * spaced checkpoints; with --max-growth-kb the program fails when the RSS
 * grew by more than KB kilobytes between the end of round W (warm-up:
 * caches, GnuTLS and GMime tables) and the end of the last round (not
 * checked under AddressSanitizer). Run it under AddressSanitizer for the
 * leak check at exit. Exit status: 0 good, 1 a message could not be
 * verified at all or the RSS grew too much, 2 bad arguments or data.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "signet-init.h"
#include "signet-verifier.h"

/* AddressSanitizer keeps freed memory in quarantine (256 MiB by default),
 * so the RSS grows whatever the program does: the growth bound is only
 * checked without it, and the leak check at exit takes its place. */
#if defined(__SANITIZE_ADDRESS__)
#define SOAK_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_UNDER_ASAN 1
#endif
#endif
#ifndef SOAK_UNDER_ASAN
#define SOAK_UNDER_ASAN 0
#endif

#ifndef SIGNET_SOAK_DATA_DIR
#define SIGNET_SOAK_DATA_DIR "tests/data"
#endif

#define TEST_TIME 1893456000  /* 2030-01-01T00:00:00Z */
#define PKITS_TIME 1302825600 /* 2011-04-15T00:00:00Z */

typedef struct
{
  SignetVerifier *verifier;
  GPtrArray *messages; /* element-type GBytes */
} Corpus;

static gsize
rss_kb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE) / 1024;
}

static gboolean
load_messages (GPtrArray *out, const char *dir, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, error))
        return FALSE;
      g_ptr_array_add (out, g_bytes_new_take (contents, len));
    }
  return TRUE;
}

static void
corpus_clear (Corpus *c)
{
  g_clear_object (&c->verifier);
  g_clear_pointer (&c->messages, g_ptr_array_unref);
}

static gboolean
corpus_init (Corpus *c,
             const char *data,
             const char *messages,
             const char *anchor,
             const char *const *crls,
             gint64 time,
             GError **error)
{
  g_autofree char *dir = g_build_filename (data, messages, NULL);
  g_autofree char *anchor_path = g_build_filename (data, anchor, NULL);

  c->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  c->verifier = signet_verifier_new ();
  signet_verifier_set_use_system_trust (c->verifier, FALSE);
  signet_verifier_set_offline (c->verifier, TRUE);
  signet_verifier_set_time (c->verifier, time);
  if (!signet_verifier_add_anchors_from_file (c->verifier, anchor_path, error))
    return FALSE;
  for (guint i = 0; crls[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (data, crls[i], NULL);

      if (!signet_verifier_add_crls_from_file (c->verifier, path, error))
        return FALSE;
    }
  return load_messages (c->messages, dir, error);
}

static guint
run_corpus (Corpus *c)
{
  guint failures = 0;

  for (guint i = 0; i < c->messages->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetReport) report = signet_verifier_verify_bytes (
          c->verifier, g_ptr_array_index (c->messages, i), NULL, &error);
      g_autofree char *json = NULL;

      if (report == NULL)
        {
          failures++;
          continue;
        }
      json = signet_report_to_json (report, FALSE);
      if (json == NULL)
        failures++;
    }
  return failures;
}

int
main (int argc, char **argv)
{
  static const char *const test_crls[] = { "pki/inter-ca.crl", "pki/root-ca.crl", NULL };
  static const char *const pkits_crls[] = { "pkits/crls/TrustAnchorRootCRL.crl", NULL };
  gint rounds = 100, warmup = 5, checkpoints = 10, max_growth_kb = -1;
  gboolean no_pkits = FALSE;
  g_autofree char *data = NULL;
  GOptionEntry entries[] = {
    { "rounds", 'n', 0, G_OPTION_ARG_INT, &rounds, "Rounds over the whole corpus (default 100)",
      "N" },
    { "warmup", 'w', 0, G_OPTION_ARG_INT, &warmup, "Rounds before the RSS baseline (default 5)",
      "W" },
    { "checkpoints", 'c', 0, G_OPTION_ARG_INT, &checkpoints, "RSS reports (default 10)", "K" },
    { "max-growth-kb", 0, 0, G_OPTION_ARG_INT, &max_growth_kb,
      "Fail if the RSS grows more than this after the warm-up", "KB" },
    { "no-pkits", 0, 0, G_OPTION_ARG_NONE, &no_pkits, "Only tests/data/messages", NULL },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data, "The tests/data directory", "DIR" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new ("- verify the test corpus again and again");
  g_autoptr (GError) error = NULL;
  Corpus test = { 0 }, pkits = { 0 };
  gsize baseline = 0, peak = 0, rss = 0;
  guint64 verified = 0, failures = 0;
  gint64 start;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (rounds < 1 || warmup < 0 || warmup >= rounds || checkpoints < 1)
    {
      g_printerr ("Need --rounds >= 1, 0 <= --warmup < --rounds, --checkpoints >= 1\n");
      return 2;
    }
  if (data == NULL && g_getenv ("G_TEST_SRCDIR") != NULL)
    data = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", NULL);
  else if (data == NULL)
    data = g_strdup (SIGNET_SOAK_DATA_DIR);

  signet_init ();
  if (no_pkits)
    pkits.messages = g_ptr_array_new ();
  if (!corpus_init (&test, data, "messages", "pki/root-ca.pem", test_crls, TEST_TIME, &error) ||
      (!no_pkits &&
       !corpus_init (&pkits, data, "pkits/smime", "pkits/certs/TrustAnchorRootCertificate.crt",
                     pkits_crls, PKITS_TIME, &error)))
    {
      g_printerr ("%s\n", error->message);
      corpus_clear (&test);
      corpus_clear (&pkits);
      return 2;
    }

  g_print ("# %u + %u messages per round, %d rounds, RSS at start %" G_GSIZE_FORMAT " kB\n",
           test.messages->len, pkits.messages->len, rounds, rss_kb ());
  start = g_get_monotonic_time ();
  for (gint round = 1; round <= rounds; round++)
    {
      failures += run_corpus (&test) + run_corpus (&pkits);
      verified += test.messages->len + pkits.messages->len;
      rss = rss_kb ();
      peak = MAX (peak, rss);
      if (round == warmup || (warmup == 0 && round == 1))
        baseline = rss;
      if (round % MAX (1, rounds / checkpoints) == 0 || round == rounds || round == warmup)
        g_print ("round %6d  %9" G_GUINT64_FORMAT " verified  %6.1f s  RSS %7" G_GSIZE_FORMAT
                 " kB%s\n",
                 round, verified, (g_get_monotonic_time () - start) / 1e6, rss,
                 round == warmup ? "  (baseline)" : "");
    }

  g_print ("# %" G_GUINT64_FORMAT " verifications in %.1f s (%.2f ms each), %" G_GUINT64_FORMAT
           " errors; RSS baseline %" G_GSIZE_FORMAT " kB, end %" G_GSIZE_FORMAT
           " kB, peak %" G_GSIZE_FORMAT " kB, growth %+" G_GINT64_FORMAT " kB\n",
           verified, (g_get_monotonic_time () - start) / 1e6,
           (g_get_monotonic_time () - start) / 1e3 / (double) MAX (verified, 1), failures, baseline,
           rss, peak, (gint64) rss - (gint64) baseline);
  if (failures > 0)
    {
      g_printerr ("%" G_GUINT64_FORMAT " messages could not be verified at all\n", failures);
      status = 1;
    }
  if (max_growth_kb >= 0 && SOAK_UNDER_ASAN)
    g_print ("# RSS growth not checked under AddressSanitizer (its quarantine grows the RSS)\n");
  else if (max_growth_kb >= 0 && (gint64) rss - (gint64) baseline > max_growth_kb)
    {
      g_printerr ("RSS grew by %" G_GINT64_FORMAT " kB after the warm-up (limit %d kB)\n",
                  (gint64) rss - (gint64) baseline, max_growth_kb);
      status = 1;
    }
  corpus_clear (&test);
  corpus_clear (&pkits);
  return status;
}
