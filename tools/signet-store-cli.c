/* signet-store-cli.c: `signet import`, `export`, `list`, `show` and
 * `remove`: the certificate store from the command line.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-store-cli.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "signet-certs-only.h"
#include "signet-error.h"
#include "signet-limits.h"
#include "signet-store.h"
#include "signet-strings-cli.h"

#define EXIT_OK    0
#define EXIT_ERROR 4

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, signet_strings_get (SIGNET_STRING_CLI_DATE_TIME_FORMAT)) : g_strdup ("?");
}

static char *
iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static GOptionContext *
make_context (const char *parameter, const char *summary, const GOptionEntry *entries)
{
  GOptionContext *ctx = g_option_context_new (parameter);

  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  return ctx;
}

static SignetStore *
open_store (const char *command, const char *dir, SignetStoreFlags flags)
{
  g_autoptr (GError) error = NULL;
  SignetStore *store = signet_store_open_full (dir, flags, &error);

  if (store == NULL)
    g_printerr ("signet %s: %s\n", command, error->message);
  return store;
}

static char *
join_addresses (const char *const *addresses)
{
  if (addresses == NULL || addresses[0] == NULL)
    return g_strdup (signet_strings_get (SIGNET_STRING_CLI_ADDRESSES_NONE));
  return g_strjoinv (", ", (char **) addresses);
}

/* Whether the store or @others hold an issuer of @cert, by name and
 * signature (a full validation is the verifier's job). */
static const char *
chain_status (SignetStore *store, SignetCertificate *cert, GPtrArray *others, GError **error)
{
  g_autoptr (GPtrArray) candidates = NULL;

  if (signet_certificate_is_self_signed (cert))
    return signet_strings_get (SIGNET_STRING_CLI_CHAIN_SELF_SIGNED);
  candidates = signet_store_find_by_subject (store, signet_certificate_get_raw_issuer (cert), error);
  if (candidates == NULL)
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    if (signet_certificate_verify_signed_by (cert, g_ptr_array_index (candidates, i)))
      return signet_strings_get (SIGNET_STRING_CLI_CHAIN_ISSUER_IN_STORE);
  for (guint i = 0; others && i < others->len; i++)
    {
      SignetCertificate *other = g_ptr_array_index (others, i);

      if (other != cert && signet_certificate_is_issuer_name_of (other, cert) &&
          signet_certificate_verify_signed_by (cert, other))
        return signet_strings_get (SIGNET_STRING_CLI_CHAIN_ISSUER_IN_FILE);
    }
  return signet_strings_get (SIGNET_STRING_CLI_CHAIN_ISSUER_UNKNOWN);
}

/* ---- import ----------------------------------------------------------- */

int
signet_cli_import (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Use the certificate store in this folder"), N_("DIR") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what would be imported"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_IMPORT_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_IMPORT_SUMMARY),
                                                 entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  gboolean imported = FALSE, failed = FALSE;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet import: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc < 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_IMPORT_USAGE);
      return EXIT_ERROR;
    }
  store = open_store ("import", dir, SIGNET_STORE_FLAGS_NONE);
  if (store == NULL)
    return EXIT_ERROR;

  for (int f = 1; f < argc; f++)
    {
      const char *path = argv[f];
      g_autoptr (SignetCertsOnlyContents) contents = signet_certs_only_parse_file (path, &error);
      g_autoptr (GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *origin = g_strconcat ("import:", base, NULL);

      if (contents == NULL)
        {
          g_printerr ("signet import: %s: %s\n", path, error->message);
          g_clear_error (&error);
          failed = TRUE;
          continue;
        }
      g_print ("%s:\n", path);

      for (guint i = 0; i < contents->certificates->len; i++)
        {
          SignetCertificate *cert = g_ptr_array_index (contents->certificates, i);
          g_autoptr (SignetCertificate) existing = signet_store_lookup (store, signet_certificate_get_sha256 (cert), &error);
          g_autofree char *addresses = join_addresses (signet_certificate_get_emails (cert));
          g_autofree char *from = format_time (signet_certificate_get_not_before (cert));
          g_autofree char *until = format_time (signet_certificate_get_not_after (cert));
          const char *chain;

          if (error != NULL)
            {
              g_printerr ("signet import: %s\n", error->message);
              return EXIT_ERROR;
            }
          chain = chain_status (store, cert, contents->certificates, &error);
          if (chain == NULL)
            {
              g_printerr ("signet import: %s\n", error->message);
              return EXIT_ERROR;
            }
          if (existing != NULL)
            signet_strings_print (SIGNET_STRING_CLI_IMPORT_ALREADY, signet_certificate_get_subject (cert));
          else if (dry_run)
            signet_strings_print (SIGNET_STRING_CLI_IMPORT_WOULD_ADD, signet_certificate_get_subject (cert));
          else
            signet_strings_print (SIGNET_STRING_CLI_IMPORT_ADDING, signet_certificate_get_subject (cert));
          signet_strings_print (SIGNET_STRING_CLI_IMPORT_ADDRESSES, addresses);
          signet_strings_print (SIGNET_STRING_CLI_IMPORT_VALIDITY, from, until);
          signet_strings_print (SIGNET_STRING_CLI_IMPORT_CHAIN, chain);
          signet_strings_print (SIGNET_STRING_CLI_IMPORT_SHA256, signet_certificate_get_sha256 (cert));
          if (existing == NULL)
            g_ptr_array_add (fresh, g_object_ref (cert));
        }

      for (guint i = 0; i < contents->crls->len; i++)
        {
          SignetCrl *crl = g_ptr_array_index (contents->crls, i);
          g_autofree char *issued = format_time (signet_crl_get_this_update (crl));
          SignetStoreCrlResult result = SIGNET_STORE_CRL_ADDED;

          if (!dry_run)
            {
              if (!signet_store_add_crl (store, crl, NULL, now (), &result, &error))
                {
                  g_printerr ("signet import: %s\n", error->message);
                  return EXIT_ERROR;
                }
              if (result == SIGNET_STORE_CRL_ADDED || result == SIGNET_STORE_CRL_REPLACED)
                imported = TRUE;
            }
          else
            imported = TRUE;
          switch (result)
            {
            case SIGNET_STORE_CRL_ADDED:
            case SIGNET_STORE_CRL_REPLACED:
              signet_strings_print (dry_run ? SIGNET_STRING_CLI_IMPORT_CRL_WOULD_ADD : SIGNET_STRING_CLI_IMPORT_CRL_ADDED,
                                    signet_crl_get_issuer (crl), issued);
              break;
            case SIGNET_STORE_CRL_DUPLICATE:
              signet_strings_print (SIGNET_STRING_CLI_IMPORT_CRL_DUPLICATE, signet_crl_get_issuer (crl), issued);
              break;
            case SIGNET_STORE_CRL_SUPERSEDED:
            default:
              signet_strings_print (SIGNET_STRING_CLI_IMPORT_CRL_SUPERSEDED, signet_crl_get_issuer (crl), issued);
              break;
            }
        }

      for (guint i = 0; i < contents->refused->len; i++)
        {
          SignetRefusal *refusal = g_ptr_array_index (contents->refused, i);
          g_autofree char *why = signet_refusal_describe (refusal);

          if (refusal->detail != NULL)
            signet_strings_print (SIGNET_STRING_CLI_IMPORT_REFUSED_DETAIL, refusal->location, why, refusal->detail);
          else
            signet_strings_print (SIGNET_STRING_CLI_IMPORT_REFUSED, refusal->location, why);
          if (refusal->reason != SIGNET_REFUSAL_DUPLICATE)
            failed = TRUE;
        }

      if (fresh->len > 0)
        {
          guint added = 0;

          if (dry_run)
            added = fresh->len;
          else if (!signet_store_add_certificates (store, fresh, origin, now (), &added, &error))
            {
              g_printerr ("signet import: %s\n", error->message);
              return EXIT_ERROR;
            }
          if (added > 0)
            imported = TRUE;
        }
    }

  return imported || !failed ? EXIT_OK : EXIT_ERROR;
}

/* ---- export ----------------------------------------------------------- */

static SignetCertificate *
pick_issuer (SignetStore *store, SignetCertificate *cert, gint64 t, GError **error)
{
  g_autoptr (GPtrArray) candidates = signet_store_find_by_subject (store, signet_certificate_get_raw_issuer (cert), error);
  SignetCertificate *fallback = NULL;

  if (candidates == NULL)
    return NULL;
  for (guint i = 0; i < candidates->len && i < SIGNET_MAX_PATH_CANDIDATES; i++)
    {
      SignetCertificate *c = g_ptr_array_index (candidates, i);

      if (!signet_certificate_verify_signed_by (cert, c))
        continue;
      if (signet_certificate_is_valid_at (c, t))
        return g_object_ref (c);
      if (fallback == NULL)
        fallback = c;
    }
  return fallback ? g_object_ref (fallback) : NULL;
}

int
signet_cli_export (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *output = NULL;
  gboolean p7c = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Use the certificate store in this folder"), N_("DIR") },
    { "p7c", 0, 0, G_OPTION_ARG_NONE, &p7c, N_("Write a bare .p7c file instead of a MIME message"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file instead of the standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_EXPORT_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_EXPORT_SUMMARY),
                                                 entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GBytes) out = NULL;
  SignetCertificate *best = NULL;
  gint64 t = now ();

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet export: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc != 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_EXPORT_USAGE);
      return EXIT_ERROR;
    }
  store = open_store ("export", dir, SIGNET_STORE_FLAGS_NONE);
  if (store == NULL)
    return EXIT_ERROR;
  found = signet_store_find_by_address (store, argv[1], &error);
  if (found == NULL)
    {
      g_printerr ("signet export: %s\n", error->message);
      return EXIT_ERROR;
    }
  for (guint i = 0; i < found->len; i++)
    {
      SignetCertificate *c = g_ptr_array_index (found, i);

      if (!signet_certificate_is_valid_at (c, t))
        continue;
      if (best == NULL || signet_certificate_get_not_before (c) > signet_certificate_get_not_before (best))
        best = c;
    }
  if (best == NULL)
    {
      signet_strings_printerr (found->len == 0 ? SIGNET_STRING_CLI_EXPORT_NO_CERTIFICATE
                                               : SIGNET_STRING_CLI_EXPORT_NONE_VALID,
                               argv[1]);
      return EXIT_ERROR;
    }

  g_ptr_array_add (chain, g_object_ref (best));
  g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (best));
  for (SignetCertificate *cur = best; chain->len < SIGNET_MAX_PATH_LENGTH && !signet_certificate_is_self_signed (cur);)
    {
      g_autoptr (SignetCertificate) issuer = pick_issuer (store, cur, t, &error);

      if (error != NULL)
        {
          g_printerr ("signet export: %s\n", error->message);
          return EXIT_ERROR;
        }
      if (issuer == NULL || signet_certificate_is_self_signed (issuer) ||
          g_hash_table_contains (seen, signet_certificate_get_sha256 (issuer)))
        break;
      g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (issuer));
      g_ptr_array_add (chain, g_object_ref (issuer));
      cur = issuer;
    }

  out = p7c ? signet_certs_only_build_p7c (chain, &error) : signet_certs_only_build_message (chain, &error);
  if (out == NULL)
    {
      g_printerr ("signet export: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (output != NULL)
    {
      if (!g_file_set_contents (output, g_bytes_get_data (out, NULL), (gssize) g_bytes_get_size (out), &error))
        {
          g_printerr ("signet export: %s\n", error->message);
          return EXIT_ERROR;
        }
    }
  else if (fwrite (g_bytes_get_data (out, NULL), 1, g_bytes_get_size (out), stdout) != g_bytes_get_size (out) ||
           fflush (stdout) != 0)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_EXPORT_WRITE_FAILED);
      return EXIT_ERROR;
    }
  return EXIT_OK;
}

/* ---- list and show ---------------------------------------------------- */

static void
add_record_json (JsonBuilder *b, SignetStoreRecord *r, gboolean full)
{
  SignetCertificate *c = r->certificate;
  g_autofree char *nb = iso_time (signet_certificate_get_not_before (c));
  g_autofree char *na = iso_time (signet_certificate_get_not_after (c));
  g_autofree char *fs = iso_time (r->first_seen);
  g_autofree char *ls = iso_time (r->last_seen);
  gboolean is_ca = FALSE;
  int path_len;

  if (!signet_certificate_get_basic_constraints (c, &is_ca, &path_len))
    is_ca = FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, signet_certificate_get_sha256 (c));
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, signet_certificate_get_subject (c));
  json_builder_set_member_name (b, "issuer");
  json_builder_add_string_value (b, signet_certificate_get_issuer (c));
  json_builder_set_member_name (b, "serial");
  json_builder_add_string_value (b, signet_certificate_get_serial_hex (c));
  json_builder_set_member_name (b, "not_before");
  json_builder_add_string_value (b, nb);
  json_builder_set_member_name (b, "not_after");
  json_builder_add_string_value (b, na);
  json_builder_set_member_name (b, "is_ca");
  json_builder_add_boolean_value (b, is_ca);
  json_builder_set_member_name (b, "addresses");
  json_builder_begin_array (b);
  for (guint i = 0; r->addresses && r->addresses[i]; i++)
    json_builder_add_string_value (b, r->addresses[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "origin");
  if (r->origin)
    json_builder_add_string_value (b, r->origin);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "first_seen");
  json_builder_add_string_value (b, fs);
  json_builder_set_member_name (b, "last_seen");
  json_builder_add_string_value (b, ls);
  if (full)
    {
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (signet_certificate_get_der (c), NULL),
                                              g_bytes_get_size (signet_certificate_get_der (c)));

      json_builder_set_member_name (b, "der_base64");
      json_builder_add_string_value (b, b64);
    }
  json_builder_end_object (b);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

int
signet_cli_list (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Use the certificate store in this folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_LIST_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_LIST_SUMMARY),
                                                 entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GPtrArray) records = NULL;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet list: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc > 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_LIST_USAGE);
      return EXIT_ERROR;
    }
  store = open_store ("list", dir, SIGNET_STORE_FLAGS_NONE);
  if (store == NULL)
    return EXIT_ERROR;
  records = signet_store_list (store, argc == 2 ? argv[1] : NULL, &error);
  if (records == NULL)
    {
      g_printerr ("signet list: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < records->len; i++)
        add_record_json (b, g_ptr_array_index (records, i), FALSE);
      json_builder_end_array (b);
      print_json (b);
      return EXIT_OK;
    }
  for (guint i = 0; i < records->len; i++)
    {
      SignetStoreRecord *r = g_ptr_array_index (records, i);
      g_autofree char *addresses = join_addresses ((const char *const *) r->addresses);
      g_autofree char *until = format_time (signet_certificate_get_not_after (r->certificate));
      g_autofree char *short_fpr = g_strndup (signet_certificate_get_sha256 (r->certificate), 16);

      signet_strings_print (SIGNET_STRING_CLI_LIST_LINE, short_fpr, signet_certificate_get_subject (r->certificate),
                            addresses, until);
    }
  return EXIT_OK;
}

/* Resolves the FINGERPRINT argument, printing why it failed. */
static char *
resolve (const char *command, SignetStore *store, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *sha256 = signet_store_resolve_fingerprint (store, text, &error);

  if (sha256 == NULL)
    {
      if (error != NULL)
        g_printerr ("signet %s: %s\n", command, error->message);
      else
        signet_strings_printerr (SIGNET_STRING_CLI_NO_FINGERPRINT, command, text);
    }
  return sha256;
}

int
signet_cli_show (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Use the certificate store in this folder"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_SHOW_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_SHOW_SUMMARY),
                                                 entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetStoreRecord) r = NULL;
  g_autofree char *sha256 = NULL;
  SignetCertificate *c;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet show: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc != 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_SHOW_USAGE);
      return EXIT_ERROR;
    }
  store = open_store ("show", dir, SIGNET_STORE_FLAGS_NONE);
  if (store == NULL || (sha256 = resolve ("show", store, argv[1])) == NULL)
    return EXIT_ERROR;
  r = signet_store_lookup_record (store, sha256, &error);
  if (r == NULL)
    {
      g_printerr ("signet show: %s\n", error ? error->message : sha256);
      return EXIT_ERROR;
    }
  c = r->certificate;
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      add_record_json (b, r, TRUE);
      print_json (b);
    }
  else
    {
      g_autofree char *addresses = join_addresses ((const char *const *) r->addresses);
      g_autofree char *from = format_time (signet_certificate_get_not_before (c));
      g_autofree char *until = format_time (signet_certificate_get_not_after (c));
      g_autofree char *first = format_time (r->first_seen);
      g_autofree char *last = format_time (r->last_seen);
      g_autofree char *fpr = signet_certificate_format_fingerprint (c);
      const char *chain = chain_status (store, c, NULL, &error);
      gboolean is_ca = FALSE;
      int path_len;

      if (!signet_certificate_get_basic_constraints (c, &is_ca, &path_len))
        is_ca = FALSE;
      signet_strings_print (SIGNET_STRING_CLI_SHOW_SUBJECT, signet_certificate_get_subject (c));
      signet_strings_print (SIGNET_STRING_CLI_SHOW_ISSUER, signet_certificate_get_issuer (c));
      signet_strings_print (SIGNET_STRING_CLI_SHOW_SERIAL, signet_certificate_get_serial_hex (c));
      signet_strings_print (SIGNET_STRING_CLI_SHOW_ADDRESSES, addresses);
      signet_strings_print (SIGNET_STRING_CLI_SHOW_VALID_FROM, from);
      signet_strings_print (SIGNET_STRING_CLI_SHOW_VALID_UNTIL, until);
      signet_strings_print (SIGNET_STRING_CLI_SHOW_AUTHORITY,
                            signet_strings_get (is_ca ? SIGNET_STRING_CLI_SHOW_AUTHORITY_YES
                                                      : SIGNET_STRING_CLI_SHOW_AUTHORITY_NO));
      signet_strings_print (SIGNET_STRING_CLI_SHOW_CHAIN, chain ? chain : "?");
      signet_strings_print (SIGNET_STRING_CLI_SHOW_SHA256, fpr);
      signet_strings_print (SIGNET_STRING_CLI_SHOW_ORIGIN, r->origin ? r->origin : "?");
      signet_strings_print (SIGNET_STRING_CLI_SHOW_FIRST_SEEN, first);
      signet_strings_print (SIGNET_STRING_CLI_SHOW_LAST_SEEN, last);
    }
  return EXIT_OK;
}

int
signet_cli_remove (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Use the certificate store in this folder"), N_("DIR") },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_REMOVE_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_REMOVE_SUMMARY),
                                                 entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetCertificate) cert = NULL;
  g_autofree char *sha256 = NULL;
  gboolean removed = FALSE;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet remove: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc != 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_REMOVE_USAGE);
      return EXIT_ERROR;
    }
  store = open_store ("remove", dir, SIGNET_STORE_FLAGS_NONE);
  if (store == NULL || (sha256 = resolve ("remove", store, argv[1])) == NULL)
    return EXIT_ERROR;
  cert = signet_store_lookup (store, sha256, NULL);
  if (!signet_store_remove (store, sha256, &removed, &error))
    {
      g_printerr ("signet remove: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (!removed)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_REMOVE_NOT_FOUND, sha256);
      return EXIT_ERROR;
    }
  signet_strings_print (SIGNET_STRING_CLI_REMOVE_DONE, cert ? signet_certificate_get_subject (cert) : sha256);
  return EXIT_OK;
}
