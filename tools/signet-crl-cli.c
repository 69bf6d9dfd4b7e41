/* signet-crl-cli.c: `signet crl fetch URL…`, `signet crl list` and
 * `signet crl import FILE…`: the CRLs of the certificate store.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-crl-cli.h"

#include <glib/gi18n.h>

#include "signet-crl.h"
#include "signet-fetcher.h"
#include "signet-store.h"
#include "signet-strings-cli.h"

#define EXIT_OK    0
#define EXIT_ERROR 4

static char *
format_time (gint64 t)
{
  g_autoptr (GDateTime) dt = t >= 0 ? g_date_time_new_from_unix_utc (t) : NULL;

  return dt ? g_date_time_format (dt, signet_strings_get (SIGNET_STRING_CLI_DATE_TIME_FORMAT))
            : g_strdup (signet_strings_get (SIGNET_STRING_CLI_CRL_TIME_NONE));
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
result_text (SignetStoreCrlResult result)
{
  switch (result)
    {
    case SIGNET_STORE_CRL_ADDED:
      return signet_strings_get (SIGNET_STRING_CLI_CRL_RESULT_ADDED);
    case SIGNET_STORE_CRL_REPLACED:
      return signet_strings_get (SIGNET_STRING_CLI_CRL_RESULT_REPLACED);
    case SIGNET_STORE_CRL_DUPLICATE:
      return signet_strings_get (SIGNET_STRING_CLI_CRL_RESULT_DUPLICATE);
    case SIGNET_STORE_CRL_SUPERSEDED:
    default:
      return signet_strings_get (SIGNET_STRING_CLI_CRL_RESULT_SUPERSEDED);
    }
}

/* The CRL's issuer among the stored certificates, by name and signature:
 * a CRL nobody in the store signed is refused. */
static gboolean
signed_by_known_issuer (SignetStore *store, SignetCrl *crl)
{
  g_autoptr (GPtrArray) issuers = signet_store_find_by_subject (store, signet_crl_get_raw_issuer (crl), NULL);

  for (guint i = 0; issuers != NULL && i < issuers->len; i++)
    if (signet_crl_verify_signature (crl, g_ptr_array_index (issuers, i)))
      return TRUE;
  return FALSE;
}

static gboolean
store_crl (SignetStore *store, SignetCrl *crl, const char *origin, const char *fetched_from, gboolean force)
{
  g_autoptr (GError) error = NULL;
  SignetStoreCrlResult result;

  if (!force && !signed_by_known_issuer (store, crl))
    {
      signet_strings_printerr (SIGNET_STRING_CLI_CRL_NOT_SIGNED, origin, signet_crl_get_issuer (crl));
      return FALSE;
    }
  if (!signet_store_add_crl (store, crl, fetched_from, now (), &result, &error))
    {
      g_printerr ("signet crl: %s\n", error->message);
      return FALSE;
    }
  signet_strings_print (SIGNET_STRING_CLI_CRL_STORED, origin, signet_crl_get_issuer (crl), result_text (result));
  return TRUE;
}

static SignetStore *
open_store (const char *dir, SignetStoreFlags flags)
{
  g_autoptr (GError) error = NULL;
  SignetStore *store = signet_store_open_full (dir, flags, &error);

  if (store == NULL)
    g_printerr ("signet crl: %s\n", error->message);
  return store;
}

static int
crl_fetch (int argc, char **argv, const char *dir, gboolean force, int timeout)
{
  g_autoptr (SignetStore) store = open_store (dir, SIGNET_STORE_FLAGS_NONE);
  g_autoptr (SignetFetcher) fetcher = signet_fetcher_new (NULL);
  int status = EXIT_OK;

  if (store == NULL)
    return EXIT_ERROR;
  if (timeout > 0)
    signet_fetcher_set_timeout (fetcher, (guint) timeout);
  for (int i = 0; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) body = signet_fetcher_fetch (fetcher, argv[i], SIGNET_FETCH_KIND_CRL, NULL, NULL, NULL, &error);
      g_autoptr (SignetCrl) crl = NULL;

      if (body != NULL)
        crl = signet_crl_new_from_bytes (body, &error);
      if (crl == NULL)
        {
          g_printerr ("signet crl: %s\n", error->message);
          status = EXIT_ERROR;
          continue;
        }
      if (!store_crl (store, crl, argv[i], argv[i], force))
        status = EXIT_ERROR;
    }
  return status;
}

static int
crl_import (int argc, char **argv, const char *dir, gboolean force)
{
  g_autoptr (SignetStore) store = open_store (dir, SIGNET_STORE_FLAGS_NONE);
  int status = EXIT_OK;

  if (store == NULL)
    return EXIT_ERROR;
  for (int i = 0; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) crls = signet_crl_list_from_file (argv[i], &error);

      if (crls == NULL)
        {
          g_printerr ("signet crl: %s: %s\n", argv[i], error->message);
          status = EXIT_ERROR;
          continue;
        }
      for (guint j = 0; j < crls->len; j++)
        if (!store_crl (store, g_ptr_array_index (crls, j), argv[i], NULL, force))
          status = EXIT_ERROR;
    }
  return status;
}

static int
crl_list (const char *dir)
{
  g_autoptr (SignetStore) store = open_store (dir, SIGNET_STORE_FLAGS_READ_ONLY);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  gint64 t = now ();

  if (store == NULL)
    return EXIT_ERROR;
  records = signet_store_list_crls (store, &error);
  if (records == NULL)
    {
      g_printerr ("signet crl: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (records->len == 0)
    g_print ("%s\n", signet_strings_get (SIGNET_STRING_CLI_CRL_NONE));
  for (guint i = 0; i < records->len; i++)
    {
      SignetStoreCrlRecord *r = g_ptr_array_index (records, i);
      gint64 next = signet_crl_get_next_update (r->crl);
      g_autofree char *this_update = format_time (signet_crl_get_this_update (r->crl));
      g_autofree char *next_update = format_time (next);

      if (signet_crl_is_delta (r->crl, NULL))
        signet_strings_print (SIGNET_STRING_CLI_CRL_ISSUER_DELTA, signet_crl_get_issuer (r->crl));
      else
        g_print ("%s\n", signet_crl_get_issuer (r->crl));
      signet_strings_print (next >= 0 && next < t ? SIGNET_STRING_CLI_CRL_DATES_OUT_OF_DATE : SIGNET_STRING_CLI_CRL_DATES,
                            this_update, next_update);
      signet_strings_print_plural (SIGNET_STRING_CLI_CRL_REVOKED_COUNT, signet_crl_get_entry_count (r->crl),
                                   signet_crl_get_entry_count (r->crl));
      if (r->fetched_from != NULL)
        signet_strings_print (SIGNET_STRING_CLI_CRL_FETCHED_FROM, r->fetched_from);
      signet_strings_print (SIGNET_STRING_CLI_CRL_SHA256, signet_crl_get_sha256 (r->crl));
    }
  return EXIT_OK;
}

/**
 * signet_cli_crl:
 * @argc: the number of arguments
 * @argv: the arguments after "signet" ("crl", the action, ...)
 *
 * `signet crl fetch URL…` fetches CRLs (through the signet-fetch helper)
 * and stores those signed by a certificate of the store; `signet crl
 * import FILE…` does the same with files; `signet crl list` lists the
 * stored CRLs.
 *
 * Returns: the exit status: 0 success, 4 error
 */
int
signet_cli_crl (int argc, char **argv)
{
  g_autofree char *store = NULL;
  gboolean force = FALSE;
  int timeout = 0;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store, N_("Use the certificate store in this directory"), N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Store lists whose issuer is not in the store"), NULL },
    { "fetch-timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up a fetch after this many seconds"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (signet_strings_get (SIGNET_STRING_CLI_CRL_PARAMETER));
  g_autoptr (GError) error = NULL;
  const char *action;

  g_option_context_set_summary (ctx, signet_strings_get (SIGNET_STRING_CLI_CRL_SUMMARY));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet crl: %s\n", error->message);
      return EXIT_ERROR;
    }
  action = argc >= 2 ? argv[1] : NULL;
  if (g_strcmp0 (action, "list") == 0 && argc == 2)
    return crl_list (store);
  if (g_strcmp0 (action, "fetch") == 0 && argc >= 3)
    return crl_fetch (argc - 2, argv + 2, store, force, timeout);
  if (g_strcmp0 (action, "import") == 0 && argc >= 3)
    return crl_import (argc - 2, argv + 2, store, force);
  signet_strings_printerr (SIGNET_STRING_CLI_CRL_USAGE);
  return EXIT_ERROR;
}
