/* signet-recipient-cli.c: choosing a recipient's certificate, asking for
 * one, configuring directories, showing attribute certificates.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-recipient-cli.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>

#include "signet-attribute-cert.h"
#include "signet-directory.h"
#include "signet-error.h"
#include "signet-recipient.h"
#include "signet-request.h"
#include "signet-store-directories.h"
#include "signet-store.h"
#include "signet-warning.h"

#define EXIT_OK 0
#define EXIT_ERROR 4

/* The system's certificate authorities, as GnuTLS on Debian finds them. */
#define SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

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

static gboolean
parse_time (const char *text, gint64 *out, GError **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *full = NULL;

  if (strlen (text) == 10)
    full = g_strconcat (text, "T00:00:00", NULL);
  dt = g_date_time_new_from_iso8601 (full ? full : text, utc);
  if (dt == NULL)
    {
      g_set_error (
          error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
          _ ("“%s” is not a date and time in ISO 8601 form, such as 2030-01-01T12:00:00Z."), text);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static char *
format_date (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

static void
print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static gboolean
add_files (GPtrArray *to, char **files, GError **error)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) certs = signet_certificate_list_from_file (files[i], error);

      if (certs == NULL)
        return FALSE;
      for (guint k = 0; k < certs->len; k++)
        g_ptr_array_add (to, g_object_ref (certs->pdata[k]));
    }
  return TRUE;
}

/* ---- signet recipient ---------------------------------------------------- */

static void
print_result (SignetRecipientResult *result)
{
  const SignetRecipientCandidate *chosen = signet_recipient_result_get_chosen (result);
  guint n = signet_recipient_result_get_n_candidates (result);
  GPtrArray *errors = signet_recipient_result_get_directory_errors (result);

  if (n == 0)
    /* Translators: %s is an e-mail address. */
    g_print (_ ("No certificate found for %s.\n"), signet_recipient_result_get_address (result));
  else
    /* Translators: %s is an e-mail address. */
    g_print (_ ("Certificates for %s, best first:\n"),
             signet_recipient_result_get_address (result));
  for (guint i = 0; i < n; i++)
    {
      const SignetRecipientCandidate *c = signet_recipient_result_get_candidate (result, i);
      SignetCertificate *cert = signet_recipient_candidate_get_certificate (c);
      g_autofree char *fp = signet_certificate_format_fingerprint (cert);
      char *nl;
      g_autofree char *from = format_date (signet_certificate_get_not_before (cert));
      g_autofree char *until = format_date (signet_certificate_get_not_after (cert));
      GPtrArray *warnings = signet_recipient_candidate_get_warnings (c);
      const char *origin = signet_recipient_candidate_get_origin (c);

      while ((nl = strchr (fp, '\n')) != NULL)
        *nl = ' ';
      g_print ("%2u. %s %s\n", i + 1,
               signet_recipient_candidate_get_usable (c) ? _ ("[usable]") : _ ("[not usable]"),
               signet_certificate_get_display_name (cert));
      g_print ("    %s\n", fp);
      /* Translators: validity dates, then where the certificate came from. */
      g_print (_ ("    valid %s to %s, from the %s%s%s\n"), from, until,
               signet_recipient_source_to_string (signet_recipient_candidate_get_source (c)),
               origin != NULL ? " " : "", origin != NULL ? origin : "");
      if (signet_recipient_candidate_get_last_signer (c))
        g_print ("    %s\n", _ ("The correspondent last signed with this certificate."));
      for (guint k = 0; k < warnings->len; k++)
        g_print ("    - %s\n", signet_warning_get_message (warnings->pdata[k]));
      if (c == chosen)
        g_print ("    %s\n", signet_recipient_result_get_override (result)
                                 ? _ ("CHOSEN BY OVERRIDE, although it is not usable.")
                                 : _ ("Chosen."));
    }
  for (guint i = 0; i < errors->len; i++)
    g_print (_ ("Directory: %s\n"), (const char *) errors->pdata[i]);
}

/**
 * signet_cli_recipient:
 * @argc: argument count (argv[0] is "recipient")
 * @argv: arguments
 *
 * `signet recipient ADDRESS`: the certificates to encrypt for ADDRESS,
 * judged and ranked.
 *
 * Returns: %SIGNET_CLI_RECIPIENT_OK, _OVERRIDE, _NONE or _ERROR
 */
int
signet_cli_recipient (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *at = NULL;
  g_autofree char *choose = NULL;
  g_autofree char *override = NULL;
  g_auto (GStrv) anchor_files = NULL;
  g_auto (GStrv) cert_files = NULL;
  g_auto (GStrv) capabilities = NULL;
  gboolean json = FALSE, no_revocation = FALSE, offline = FALSE, no_system_trust = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_ ("Use the certificate store in this folder"),
      N_ ("DIR") },
    { "anchor", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &anchor_files,
      N_ ("Trust this certificate (PEM or DER; repeatable)"), N_ ("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cert_files,
      N_ ("Use these untrusted certificates for path building (repeatable)"), N_ ("FILE") },
    { "no-system-trust", 0, 0, G_OPTION_ARG_NONE, &no_system_trust,
      N_ ("Do not trust the system’s certificate authorities"), NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_ ("Judge at this time (ISO 8601) instead of now"),
      N_ ("TIME") },
    { "no-revocation", 0, 0, G_OPTION_ARG_NONE, &no_revocation,
      N_ ("Do not require known revocation status"), NULL },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_ ("Never use the network: ask no directory, fetch no revocation data"),
      NULL },
    { "capability", 0, 0, G_OPTION_ARG_STRING_ARRAY, &capabilities,
      N_ ("An algorithm the correspondent announced (OID; repeatable)"), N_ ("OID") },
    { "choose", 0, 0, G_OPTION_ARG_STRING, &choose, N_ ("Choose this usable certificate"),
      N_ ("FINGERPRINT") },
    { "override", 0, 0, G_OPTION_ARG_STRING, &override,
      N_ ("Choose this certificate even though it is not usable"), N_ ("FINGERPRINT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (
      _ ("ADDRESS"), _ ("Find and judge the certificates to encrypt for ADDRESS."), entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetDirectory) directory = NULL;
  g_autoptr (SignetRecipientResult) result = NULL;
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SignetTrust) trust = NULL;
  SignetRecipientOptions options;
  gint64 when = g_get_real_time () / G_USEC_PER_SEC;

  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("signet recipient: %s\n", error ? error->message : _ ("give one address"));
      return SIGNET_CLI_RECIPIENT_ERROR;
    }
  if ((at != NULL && !parse_time (at, &when, &error)) ||
      !add_files (anchors, anchor_files, &error) || !add_files (extra, cert_files, &error))
    {
      g_printerr ("signet recipient: %s\n", error->message);
      return SIGNET_CLI_RECIPIENT_ERROR;
    }
  if (!no_system_trust && g_file_test (SYSTEM_CA_BUNDLE, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GPtrArray) system = signet_certificate_list_from_file (SYSTEM_CA_BUNDLE, NULL);

      for (guint i = 0; system != NULL && i < system->len; i++)
        g_ptr_array_add (anchors, g_object_ref (system->pdata[i]));
    }
  if (!(store = open_store ("recipient", dir, SIGNET_STORE_FLAGS_NONE)))
    return SIGNET_CLI_RECIPIENT_ERROR;

  signet_recipient_options_init (&options, when);
  options.anchors = anchors;
  options.intermediates = extra;
  options.check_revocation = !no_revocation;
  options.capabilities = (const char *const *) capabilities;
  options.use_directories = !offline;
  options.offline = offline;
  /* The user's trust decisions (distrust, pins, added and removed
   * anchors), on top of the built-in e-mail anchors unless told not to. */
  trust = signet_trust_new (store, no_system_trust ? SIGNET_TRUST_SOURCE_NONE
                                                   : SIGNET_TRUST_SOURCE_MOZILLA);
  signet_trust_set_time (trust, when);
  options.trust = trust;
  directory = signet_directory_new (NULL);
  result = signet_recipient_find (store, directory, argv[1], &options, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("signet recipient: %s\n", error->message);
      return SIGNET_CLI_RECIPIENT_ERROR;
    }
  if (choose != NULL || override != NULL)
    {
      g_autofree char *sha256 =
          signet_store_resolve_fingerprint (store, choose ? choose : override, &error);

      if (sha256 == NULL ||
          !(choose ? signet_recipient_result_choose (result, sha256, &error)
                   : signet_recipient_result_choose_override (result, sha256, &error)))
        {
          g_printerr ("signet recipient: %s\n", error->message);
          return SIGNET_CLI_RECIPIENT_ERROR;
        }
    }
  if (json)
    {
      g_autoptr (JsonNode) node = signet_recipient_result_to_json (result);

      print_json (node);
    }
  else
    print_result (result);
  if (signet_recipient_result_get_chosen (result) == NULL)
    return SIGNET_CLI_RECIPIENT_NONE;
  return signet_recipient_result_get_override (result) ? SIGNET_CLI_RECIPIENT_OVERRIDE
                                                       : SIGNET_CLI_RECIPIENT_OK;
}

/* ---- signet request ------------------------------------------------------- */

/**
 * signet_cli_request:
 * @argc: argument count (argv[0] is "request")
 * @argv: arguments
 *
 * `signet request ADDRESS`: writes a message asking ADDRESS for their
 * certificate, with the user's chain (certs-only), signed when a key file
 * is given.
 *
 * Returns: 0, or 4 on error
 */
int
signet_cli_request (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *from = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *key = NULL;
  g_autofree char *password = NULL;
  g_autofree char *output = NULL;
  g_autofree char *at = NULL;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_ ("Use the certificate store in this folder"),
      N_ ("DIR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("Your address (default: the certificate’s)"),
      N_ ("ADDRESS") },
    { "cert", 0, 0, G_OPTION_ARG_STRING, &fingerprint, N_ ("Send this certificate of yours"),
      N_ ("FINGERPRINT") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key,
      N_ ("Sign with this private key (PEM, DER or PKCS #12)"), N_ ("FILE") },
    { "key-password", 0, 0, G_OPTION_ARG_STRING, &password, N_ ("The key file’s password"),
      N_ ("PASSWORD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the message to this file"),
      N_ ("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_ ("Act at this time (ISO 8601) instead of now"),
      N_ ("TIME") },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = make_context (
      _ ("ADDRESS"), _ ("Write a message asking ADDRESS for their certificate."), entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetCertificate) own = NULL;
  g_autoptr (GBytes) message = NULL;
  SignetRequestOptions options;
  gint64 when = g_get_real_time () / G_USEC_PER_SEC;

  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("signet request: %s\n", error ? error->message : _ ("give one address"));
      return EXIT_ERROR;
    }
  if (at != NULL && !parse_time (at, &when, &error))
    {
      g_printerr ("signet request: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (from == NULL && fingerprint == NULL)
    {
      g_printerr ("signet request: %s\n", _ ("give --from ADDRESS or --cert FINGERPRINT"));
      return EXIT_ERROR;
    }
  if (!(store = open_store ("request", dir, SIGNET_STORE_FLAGS_READ_ONLY)))
    return EXIT_ERROR;
  if (fingerprint != NULL)
    {
      g_autofree char *sha256 = signet_store_resolve_fingerprint (store, fingerprint, &error);

      own = sha256 != NULL ? signet_store_lookup (store, sha256, &error) : NULL;
      if (own == NULL)
        {
          g_printerr ("signet request: %s\n", error->message);
          return EXIT_ERROR;
        }
      if (from == NULL)
        {
          const char *const *emails = signet_certificate_get_emails (own);

          if (emails == NULL || emails[0] == NULL)
            {
              g_printerr ("signet request: %s\n",
                          _ ("the certificate has no address: give --from"));
              return EXIT_ERROR;
            }
          from = g_strdup (emails[0]);
        }
    }
  signet_request_options_init (&options, when);
  options.from = from;
  options.to = argv[1];
  options.certificate = own;
  options.key_file = key;
  options.key_password = password;
  message = signet_request_build (store, &options, &error);
  if (message == NULL)
    {
      g_printerr ("signet request: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (output != NULL)
    {
      if (!g_file_set_contents_full (output, g_bytes_get_data (message, NULL),
                                     g_bytes_get_size (message), G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, &error))
        {
          g_printerr ("signet request: %s\n", error->message);
          return EXIT_ERROR;
        }
    }
  else if (fwrite (g_bytes_get_data (message, NULL), 1, g_bytes_get_size (message), stdout) !=
               g_bytes_get_size (message) ||
           fflush (stdout) != 0)
    return EXIT_ERROR;
  return EXIT_OK;
}

/* ---- signet directory ------------------------------------------------------ */

static int
directory_add (const char *dir, int argc, char **argv, guint timeout, guint size_limit)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetStoreDirectory) config = NULL;
  const char *kind;

  if (argc != 4)
    {
      g_printerr ("signet directory add: %s\n", _ ("give a name and a URL"));
      return EXIT_ERROR;
    }
  kind = g_str_has_prefix (argv[3], "dns:") ? "dane" : "ldap";
  config = signet_directory_config_new (argv[2], kind, argv[3], timeout, size_limit, &error);
  if (config == NULL || !(store = open_store ("directory", dir, SIGNET_STORE_FLAGS_NONE)) ||
      !signet_store_add_directory (store, config, &error))
    {
      if (error != NULL)
        g_printerr ("signet directory add: %s\n", error->message);
      return EXIT_ERROR;
    }
  /* Translators: %s is the name the user gave a directory. */
  g_print (_ ("Added the directory “%s”. Certificates it serves are checked like any other; "
              "they are never trusted because it served them.\n"),
           argv[2]);
  return EXIT_OK;
}

static int
directory_list (const char *dir, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = open_store ("directory", dir, SIGNET_STORE_FLAGS_READ_ONLY);
  g_autoptr (GPtrArray) list = NULL;

  if (store == NULL)
    return EXIT_ERROR;
  list = signet_store_list_directories (store, &error);
  if (list == NULL)
    {
      g_printerr ("signet directory list: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          SignetStoreDirectory *d = list->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, d->name);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, d->kind);
          json_builder_set_member_name (b, "url");
          json_builder_add_string_value (b, d->url);
          json_builder_set_member_name (b, "timeout");
          json_builder_add_int_value (b, d->timeout);
          json_builder_set_member_name (b, "size_limit");
          json_builder_add_int_value (b, d->size_limit);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_OK;
    }
  if (list->len == 0)
    g_print ("%s\n", _ ("No directory is configured."));
  for (guint i = 0; i < list->len; i++)
    {
      SignetStoreDirectory *d = list->pdata[i];

      /* Translators: name, kind, URL, timeout in seconds, most entries. */
      g_print (_ ("%s (%s): %s, %u s, at most %u\n"), d->name, d->kind, d->url, d->timeout,
               d->size_limit);
    }
  return EXIT_OK;
}

/**
 * signet_cli_directory:
 * @argc: argument count (argv[0] is "directory")
 * @argv: arguments
 *
 * `signet directory add NAME URL`, `list`, `remove NAME`.
 *
 * Returns: 0, or 4 on error
 */
int
signet_cli_directory (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  gboolean json = FALSE;
  int timeout = 0, size_limit = 0;
  const GOptionEntry entries[] = { { "store", 0, 0, G_OPTION_ARG_FILENAME, &dir,
                                     N_ ("Use the certificate store in this folder"), N_ ("DIR") },
                                   { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
                                     N_ ("Seconds a lookup may take (add)"), N_ ("SECONDS") },
                                   { "size-limit", 0, 0, G_OPTION_ARG_INT, &size_limit,
                                     N_ ("Most entries per lookup (add)"), N_ ("N") },
                                   { "json", 0, 0, G_OPTION_ARG_NONE, &json,
                                     N_ ("Print JSON (list)"), NULL },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx = make_context (
      _ ("add NAME URL | list | remove NAME"),
      _ ("Configure the directories (LDAP URLs, or dns: for DANE) asked for certificates."),
      entries);
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc < 2 || timeout < 0 ||
      size_limit < 0)
    {
      g_printerr ("signet directory: %s\n",
                  error ? error->message : _ ("give add, list or remove"));
      return EXIT_ERROR;
    }
  if (g_str_equal (argv[1], "add"))
    return directory_add (dir, argc, argv, (guint) timeout, (guint) size_limit);
  if (g_str_equal (argv[1], "list") && argc == 2)
    return directory_list (dir, json);
  if (g_str_equal (argv[1], "remove") && argc == 3)
    {
      g_autoptr (SignetStore) store = open_store ("directory", dir, SIGNET_STORE_FLAGS_NONE);
      gboolean removed = FALSE;

      if (store == NULL || !signet_store_remove_directory (store, argv[2], &removed, &error))
        {
          if (error != NULL)
            g_printerr ("signet directory remove: %s\n", error->message);
          return EXIT_ERROR;
        }
      if (!removed)
        {
          /* Translators: %s is the name the user gave a directory. */
          g_printerr (_ ("signet directory remove: no directory is named “%s”\n"), argv[2]);
          return EXIT_ERROR;
        }
      return EXIT_OK;
    }
  g_printerr ("signet directory: %s\n", _ ("give add, list or remove"));
  return EXIT_ERROR;
}

/* ---- signet attribute-certs ------------------------------------------------- */

/**
 * signet_cli_attribute_certs:
 * @argc: argument count (argv[0] is "attribute-certs")
 * @argv: arguments
 *
 * `signet attribute-certs FILE`: the attribute certificates of a CMS
 * SignedData (DER, or PEM "PKCS7"/"CMS"), shown, never used for paths.
 *
 * Returns: 0, or 4 on error
 */
int
signet_cli_attribute_certs (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL }, { NULL }
  };
  g_autoptr (GOptionContext) ctx =
      make_context (_ ("FILE"), _ ("Show the attribute certificates of a CMS object."), entries);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (SignetCmsCertificateSet) set = NULL;

  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("signet attribute-certs: %s\n", error ? error->message : _ ("give one file"));
      return EXIT_ERROR;
    }
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    {
      g_printerr ("signet attribute-certs: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (len > 0 && contents[0] == '-')
    {
      gnutls_datum_t in = { (unsigned char *) contents, (unsigned int) len };
      gnutls_datum_t out = { NULL, 0 };

      if (gnutls_pem_base64_decode2 ("PKCS7", &in, &out) < 0 &&
          gnutls_pem_base64_decode2 ("CMS", &in, &out) < 0)
        {
          g_printerr ("signet attribute-certs: %s\n", _ ("not a PKCS7 or CMS PEM file"));
          return EXIT_ERROR;
        }
      data = g_bytes_new (out.data, out.size);
      gnutls_free (out.data);
    }
  else
    data = g_bytes_new_take (g_steal_pointer (&contents), len);
  set = signet_attribute_certificate_scan_cms (data, &error);
  if (set == NULL)
    {
      g_printerr ("signet attribute-certs: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "attribute_certificates");
      json_builder_begin_array (b);
      for (guint i = 0; i < set->attribute_certificates->len; i++)
        json_builder_add_value (
            b, signet_attribute_certificate_to_json (set->attribute_certificates->pdata[i]));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "certificates");
      json_builder_add_int_value (b, set->n_certificates);
      json_builder_set_member_name (b, "ignored");
      json_builder_begin_array (b);
      for (guint i = 0; i < set->notes->len; i++)
        json_builder_add_string_value (b, set->notes->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return EXIT_OK;
    }
  if (set->attribute_certificates->len == 0)
    g_print ("%s\n", _ ("No attribute certificate."));
  for (guint i = 0; i < set->attribute_certificates->len; i++)
    {
      SignetAttributeCertificate *ac = set->attribute_certificates->pdata[i];
      GPtrArray *attributes = signet_attribute_certificate_get_attributes (ac);
      g_autofree char *from = format_date (signet_attribute_certificate_get_not_before (ac));
      g_autofree char *until = format_date (signet_attribute_certificate_get_not_after (ac));

      g_print (_ ("Attribute certificate %s (shown only; never used to trust anyone)\n"),
               signet_attribute_certificate_get_serial_hex (ac));
      g_print (_ ("  Holder: %s\n"), signet_attribute_certificate_get_holder (ac));
      g_print (_ ("  Issuer: %s\n"), signet_attribute_certificate_get_issuer (ac));
      g_print (_ ("  Valid: %s to %s\n"), from, until);
      for (guint k = 0; k < attributes->len; k++)
        {
          SignetAttributeCertAttribute *a = attributes->pdata[k];
          g_autofree char *values = g_strjoinv ("; ", a->values);

          g_print ("  %s: %s\n", a->name != NULL ? a->name : a->oid, values);
        }
    }
  for (guint i = 0; i < set->notes->len; i++)
    g_print ("%s\n", (const char *) set->notes->pdata[i]);
  return EXIT_OK;
}
