/* signet-trust-cli.c: `signet trust list|add|remove|distrust` and the
 * interactive trust question of `signet verify --interactive`.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-trust-cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "signet-error.h"
#include "signet-store.h"
#include "signet-strings-cli.h"
#include "signet-strings-trust.h"

#define EXIT_OK 0
#define EXIT_ERROR 4

typedef struct
{
  char *store_dir;
  char *source;
  gboolean json;
  char *for_address;
  gboolean session;
  char *reason;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->store_dir);
  g_free (o->source);
  g_free (o->for_address);
  g_free (o->reason);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static SignetTrust *
open_trust (const char *command, Options *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStore) store = signet_store_open (o->store_dir, &error);
  SignetTrustSource source = SIGNET_TRUST_SOURCE_MOZILLA;

  if (store == NULL)
    {
      g_printerr ("signet trust %s: %s\n", command, error->message);
      return NULL;
    }
  if (o->source != NULL && !signet_trust_source_from_string (o->source, &source))
    {
      signet_strings_printerr (SIGNET_STRING_CLI_TRUST_BAD_SOURCE, command, o->source);
      return NULL;
    }
  return signet_trust_new (store, source);
}

static char *
format_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, signet_strings_get (SIGNET_STRING_CLI_DATE_TIME_FORMAT)) : g_strdup ("?");
}

/* A certificate named on the command line: a file, or a fingerprint of a
 * certificate in the store. @sha256_out gets the fingerprint of a
 * fingerprint that is not in the store (for distrust). */
static SignetCertificate *
resolve_certificate (SignetTrust *trust, const char *arg, char **sha256_out, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *sha256 = NULL;

  if (g_file_test (arg, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr (GPtrArray) certs = signet_certificate_list_from_file (arg, error);

      if (certs == NULL)
        return NULL;
      if (certs->len != 1)
        {
          g_autofree char *message =
              signet_strings_format_plural (SIGNET_STRING_CLI_TRUST_FILE_COUNT, certs->len, arg, certs->len);

          g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, message);
          return NULL;
        }
      return g_object_ref (g_ptr_array_index (certs, 0));
    }
  sha256 = signet_store_resolve_fingerprint (signet_trust_get_store (trust), arg, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (sha256 == NULL)
    {
      GString *hex = g_string_new (NULL);
      g_autofree char *message = NULL;

      for (const char *p = arg; *p; p++)
        if (g_ascii_isxdigit (*p))
          g_string_append_c (hex, g_ascii_tolower (*p));
      if (sha256_out != NULL && hex->len == 64)
        {
          *sha256_out = g_string_free (hex, FALSE);
          return NULL;
        }
      g_string_free (hex, TRUE);
      message = signet_strings_format (SIGNET_STRING_CLI_TRUST_NOT_A_CERTIFICATE, arg);
      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, message);
      return NULL;
    }
  return signet_store_lookup (signet_trust_get_store (trust), sha256, error);
}

static gboolean
parse (const char *command,
       const char *parameter,
       const char *summary,
       GOptionEntry *entries,
       int *argc,
       char ***argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_printerr ("signet trust %s: %s\n", command, error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- list ------------------------------------------------------------- */

static int
trust_list (SignetTrust *trust, Options *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) decisions = signet_trust_list (trust, &error);
  g_autoptr (GPtrArray) builtin = NULL;

  if (decisions == NULL)
    {
      g_printerr ("signet trust list: %s\n", error->message);
      return EXIT_ERROR;
    }
  builtin = signet_trust_get_builtin_anchors (trust);
  if (o->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (
          b, signet_trust_source_to_string (signet_trust_get_source (trust)));
      json_builder_set_member_name (b, "builtin_anchors");
      json_builder_add_int_value (b, builtin->len);
      json_builder_set_member_name (b, "decisions");
      json_builder_begin_array (b);
      for (guint i = 0; i < decisions->len; i++)
        {
          SignetTrustDecision *d = g_ptr_array_index (decisions, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, d->id);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, signet_trust_kind_to_string (d->kind));
          json_builder_set_member_name (b, "scope");
          json_builder_add_string_value (b, d->scope == SIGNET_TRUST_SCOPE_SESSION ? "session"
                                                                                   : "permanent");
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, d->sha256);
          if (d->certificate)
            {
              json_builder_set_member_name (b, "certificate");
              json_builder_add_string_value (b,
                                             signet_certificate_get_display_name (d->certificate));
            }
          if (d->address)
            {
              json_builder_set_member_name (b, "address");
              json_builder_add_string_value (b, d->address);
            }
          json_builder_set_member_name (b, "purpose");
          json_builder_add_string_value (b, d->purpose);
          if (d->reason)
            {
              json_builder_set_member_name (b, "reason");
              json_builder_add_string_value (b, d->reason);
            }
          json_builder_set_member_name (b, "created");
          json_builder_add_int_value (b, d->created);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  signet_strings_print (SIGNET_STRING_CLI_TRUST_BUILTIN_COUNT, builtin->len,
                        signet_trust_source_to_string (signet_trust_get_source (trust)));
  if (decisions->len == 0)
    {
      g_print ("%s\n", signet_strings_get (SIGNET_STRING_CLI_TRUST_NO_DECISIONS));
      return EXIT_OK;
    }
  for (guint i = 0; i < decisions->len; i++)
    {
      SignetTrustDecision *d = g_ptr_array_index (decisions, i);
      g_autofree char *when = format_time (d->created);
      const char *name =
          d->certificate ? signet_certificate_get_display_name (d->certificate) : d->sha256;

      g_print ("%-10s %s: %s\n", d->id,
               signet_strings_trust_kind_label (signet_trust_kind_to_string (d->kind)), name);
      if (d->address)
        signet_strings_print (SIGNET_STRING_CLI_TRUST_FOR_ADDRESS, d->address);
      signet_strings_print (d->scope == SIGNET_TRUST_SCOPE_SESSION ? SIGNET_STRING_CLI_TRUST_DECIDED_SESSION
                                                                    : SIGNET_STRING_CLI_TRUST_DECIDED,
                            when);
      if (d->reason)
        signet_strings_print (SIGNET_STRING_CLI_TRUST_REASON, d->reason);
      g_print ("           SHA-256 %s\n", d->sha256);
    }
  return EXIT_OK;
}

/* ---- add / distrust / remove ---------------------------------------------- */

static int
trust_add (SignetTrust *trust, Options *o, const char *arg, gboolean distrust)
{
  const char *command = distrust ? "distrust" : "add";
  g_autoptr (GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr (SignetCertificate) cert =
      resolve_certificate (trust, arg, distrust ? &sha256 : NULL, &error);
  SignetTrustScope scope = o->session ? SIGNET_TRUST_SCOPE_SESSION : SIGNET_TRUST_SCOPE_PERMANENT;
  g_autofree char *id = NULL;

  if (cert == NULL && sha256 == NULL)
    {
      g_printerr ("signet trust %s: %s\n", command, error ? error->message : "?");
      return EXIT_ERROR;
    }
  if (o->session)
    signet_strings_printerr (SIGNET_STRING_CLI_TRUST_SESSION_NOTE);
  if (distrust)
    id = signet_trust_distrust (trust, cert, sha256, scope, o->reason, &error);
  else if (o->for_address != NULL)
    id = signet_trust_pin (trust, cert, o->for_address, scope, o->reason, &error);
  else
    id = signet_trust_add_anchor (trust, cert, scope, o->reason, &error);
  if (id == NULL)
    {
      g_printerr ("signet trust %s: %s\n", command, error->message);
      return EXIT_ERROR;
    }
  signet_strings_print (SIGNET_STRING_CLI_TRUST_RECORDED, id);
  return EXIT_OK;
}

static int
trust_remove (SignetTrust *trust, const char *arg)
{
  g_autoptr (GError) error = NULL;
  gboolean is_id =
      g_str_has_prefix (arg, "session-") ||
      (strlen (arg) < 16 && arg[0] != '\0' && strspn (arg, "0123456789") == strlen (arg));

  if (is_id)
    {
      gboolean found = FALSE;

      if (!signet_trust_undo (trust, arg, &found, &error))
        {
          g_printerr ("signet trust remove: %s\n", error->message);
          return EXIT_ERROR;
        }
      if (!found)
        {
          signet_strings_printerr (SIGNET_STRING_CLI_TRUST_NO_SUCH_DECISION, arg);
          return EXIT_ERROR;
        }
      signet_strings_print (SIGNET_STRING_CLI_TRUST_REMOVED_DECISION, arg);
      return EXIT_OK;
    }
  else
    {
      g_autoptr (SignetCertificate) cert = resolve_certificate (trust, arg, NULL, &error);
      g_autoptr (GPtrArray) builtin = NULL;
      guint n;

      if (cert == NULL)
        {
          g_printerr ("signet trust remove: %s\n", error ? error->message : "?");
          return EXIT_ERROR;
        }
      n = signet_trust_undo_certificate (trust, signet_certificate_get_sha256 (cert), &error);
      if (error != NULL)
        {
          g_printerr ("signet trust remove: %s\n", error->message);
          return EXIT_ERROR;
        }
      if (n > 0)
        {
          signet_strings_print_plural (SIGNET_STRING_CLI_TRUST_REMOVED_N, n, n);
          return EXIT_OK;
        }
      /* No decision: a built-in anchor is taken away instead. */
      builtin = signet_trust_get_builtin_anchors (trust);
      for (guint i = 0; i < builtin->len; i++)
        if (signet_certificate_equal (g_ptr_array_index (builtin, i), cert))
          {
            g_autofree char *id = signet_trust_remove_anchor (trust, cert, NULL, &error);

            if (id == NULL)
              {
                g_printerr ("signet trust remove: %s\n", error->message);
                return EXIT_ERROR;
              }
            signet_strings_print (SIGNET_STRING_CLI_TRUST_BUILTIN_REMOVED, id);
            return EXIT_OK;
          }
      signet_strings_printerr (SIGNET_STRING_CLI_TRUST_NO_DECISION_ABOUT);
      return EXIT_ERROR;
    }
}

/**
 * signet_cli_trust:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "trust"
 *
 * Returns: the exit status
 */
int
signet_cli_trust (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &o.store_dir,
      N_ ("Use the certificate store in this folder"), N_ ("DIR") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &o.source,
      N_ ("Built-in trust: mozilla, system or none"), N_ ("SOURCE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_ ("List as JSON"), NULL },
    { "for-address", 0, 0, G_OPTION_ARG_STRING, &o.for_address,
      N_ ("Trust the certificate only for this e-mail address"), N_ ("EMAIL") },
    { "session", 0, 0, G_OPTION_ARG_NONE, &o.session, N_ ("Decide for this session only"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, N_ ("Why, for the record"), N_ ("TEXT") },
    { NULL }
  };
  const char *command;
  g_autoptr (SignetTrust) trust = NULL;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      signet_strings_print (SIGNET_STRING_CLI_TRUST_USAGE);
      return argc < 2 ? EXIT_ERROR : EXIT_OK;
    }
  command = argv[1];
  if (!g_str_equal (command, "list") && !g_str_equal (command, "add") &&
      !g_str_equal (command, "remove") && !g_str_equal (command, "distrust"))
    {
      signet_strings_printerr (SIGNET_STRING_CLI_TRUST_UNKNOWN_COMMAND, command);
      return EXIT_ERROR;
    }
  argc--;
  argv++;
  if (!parse (command, g_str_equal (command, "list") ? "" : signet_strings_get (SIGNET_STRING_CLI_TRUST_PARAMETER),
              signet_strings_get (SIGNET_STRING_CLI_TRUST_SUMMARY), entries, &argc, &argv))
    return EXIT_ERROR;
  trust = open_trust (command, &o);
  if (trust == NULL)
    return EXIT_ERROR;

  if (g_str_equal (command, "list"))
    return trust_list (trust, &o);
  if (argc != 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_TRUST_NEED_ONE, command);
      return EXIT_ERROR;
    }
  if (g_str_equal (command, "remove"))
    return trust_remove (trust, argv[1]);
  return trust_add (trust, &o, argv[1], g_str_equal (command, "distrust"));
}

/**
 * signet_cli_ask_prompt:
 * @prompt: a trust question
 * @trust: the trust model recording the answer
 *
 * Returns: the exit status: 0 answered or skipped, 4 on failure
 */
int
signet_cli_ask_prompt (SignetPrompt *prompt, SignetTrust *trust)
{
  char line[64];
  guint n = signet_prompt_get_n_choices (prompt);
  guint64 number = 0;
  g_autoptr (GError) error = NULL;
  const char *choice;

  g_print ("\n%s\n\n%s\n\n", signet_prompt_get_title (prompt),
           signet_prompt_get_explanation (prompt));
  for (guint i = 0; i < signet_prompt_get_n_facts (prompt); i++)
    {
      g_auto (GStrv) lines = g_strsplit (signet_prompt_get_fact_value (prompt, i), "\n", -1);

      g_print ("  %s:\n", signet_prompt_get_fact_label (prompt, i));
      for (guint j = 0; lines[j] != NULL; j++)
        g_print ("    %s\n", lines[j]);
    }
  if (signet_prompt_get_advice (prompt) != NULL)
    g_print ("\n%s\n", signet_prompt_get_advice (prompt));
  if (n == 0)
    return EXIT_OK;
  g_print ("\n");
  for (guint i = 0; i < n; i++)
    g_print ("  %u) %s\n", i + 1, signet_prompt_get_choice_label (prompt, i));

  if (!isatty (STDIN_FILENO))
    {
      signet_strings_print (SIGNET_STRING_CLI_PROMPT_NOT_A_TERMINAL);
      return EXIT_OK;
    }
  for (;;)
    {
      signet_strings_print (SIGNET_STRING_CLI_PROMPT_ASK, n);
      fflush (stdout);
      if (fgets (line, sizeof line, stdin) == NULL || line[0] == '\n')
        {
          signet_strings_print (SIGNET_STRING_CLI_PROMPT_NOTHING_DECIDED);
          return EXIT_OK;
        }
      g_strstrip (line);
      if (g_ascii_string_to_unsigned (line, 10, 1, n, &number, NULL))
        break;
      signet_strings_print (SIGNET_STRING_CLI_PROMPT_TYPE_NUMBER);
    }
  choice = signet_prompt_get_choice_id (prompt, (guint) number - 1);
  if (!signet_trust_apply (trust, prompt, choice, &error))
    {
      g_printerr ("signet: %s\n", error->message);
      return EXIT_ERROR;
    }
  signet_strings_print (SIGNET_STRING_CLI_PROMPT_RECORDED);
  return EXIT_OK;
}
