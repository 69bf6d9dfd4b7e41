/* signet.c: the command-line tool.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "signet-crl-cli.h"
#include "signet-error.h"
#include "signet-init.h"
#include "signet-store-cli.h"
#include "signet-strings.h"
#include "signet-strings-cli.h"
#include "signet-prompt.h"
#include "signet-recipient-cli.h"
#include "signet-service.h"
#include "signet-trust-cli.h"
#include "signet-verifier.h"

/* Exit statuses of `signet verify` and `signet check`. */
enum
{
  EXIT_VALID = 0,
  EXIT_WARNING = 1,
  EXIT_INVALID = 2,
  EXIT_UNSIGNED = 3,
  EXIT_ERROR = 4,
};

typedef struct
{
  gboolean json;
  char **anchors;
  char **crls;
  char **certs;
  char *at;
  gboolean offline;
  gboolean no_system_trust;
  char **policies;
  gboolean require_explicit_policy;
  gboolean inhibit_policy_mapping;
  gboolean inhibit_any_policy;
  char *address;
  char *store;
  gboolean no_store;
  gboolean reject_sha1;
  int fetch_timeout;
  gboolean interactive;
} Options;

static void
options_clear (Options *o)
{
  g_strfreev (o->anchors);
  g_strfreev (o->crls);
  g_strfreev (o->certs);
  g_free (o->at);
  g_strfreev (o->policies);
  g_free (o->address);
  g_free (o->store);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
verdict_exit (SignetVerdict verdict)
{
  switch (verdict)
    {
    case SIGNET_VERDICT_VALID:
      return EXIT_VALID;
    case SIGNET_VERDICT_WARNING:
      return EXIT_WARNING;
    case SIGNET_VERDICT_INVALID:
      return EXIT_INVALID;
    case SIGNET_VERDICT_UNSIGNED:
      return EXIT_UNSIGNED;
    case SIGNET_VERDICT_ERROR:
    default:
      return EXIT_ERROR;
    }
}

/* ISO 8601: a date ("2030-01-01") or a date and time with or without a
 * zone ("2030-01-01T12:00:00Z"; no zone means UTC). */
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
      g_autofree char *message = signet_strings_format (SIGNET_STRING_CLI_VERIFY_BAD_TIME, text);

      g_set_error_literal (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, message);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* ---- the stores of the warm worker ---------------------------------------- */

/* In the service's warm worker (see signet-service.c) the stores opened by
 * verify and check stay open from one command to the next, keyed by their
 * directory's absolute path; one is used again only while that directory
 * and its database file are the same files (device and inode) as when it
 * was opened. Elsewhere (NULL) every command opens its store. */
typedef struct
{
  char *directory; /* absolute */
  dev_t dir_dev, db_dev;
  ino_t dir_ino, db_ino;
  SignetStore *store;
} WarmStore;

#define WARM_STORES_MAX 8

static GPtrArray *warm_stores;

static void
warm_store_free (gpointer data)
{
  WarmStore *w = data;

  g_free (w->directory);
  g_clear_object (&w->store);
  g_free (w);
}

/* The files of the store in @directory (absolute) opened as @store. */
static gboolean
warm_store_files (const char *directory, SignetStore *store, struct stat *dir, struct stat *db)
{
  g_autofree char *base = g_path_get_basename (signet_store_get_path (store));
  g_autofree char *file = g_build_filename (directory, base, NULL);

  return stat (directory, dir) == 0 && stat (file, db) == 0;
}

static SignetStore *
open_store (const char *directory, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *key = NULL;
  SignetStore *store;
  struct stat dst, fst;

  if (warm_stores == NULL)
    return signet_store_open (directory, error);
  dir = directory != NULL ? g_strdup (directory) : signet_store_get_default_directory ();
  key = g_canonicalize_filename (dir, NULL);
  for (guint i = 0; i < warm_stores->len; i++)
    {
      WarmStore *w = g_ptr_array_index (warm_stores, i);

      if (!g_str_equal (w->directory, key))
        continue;
      if (warm_store_files (key, w->store, &dst, &fst) && dst.st_dev == w->dir_dev &&
          dst.st_ino == w->dir_ino && fst.st_dev == w->db_dev && fst.st_ino == w->db_ino)
        return g_object_ref (w->store);
      /* Removed, replaced or moved away: open it as a fresh process would. */
      g_ptr_array_remove_index (warm_stores, i);
      break;
    }
  /* The name as given, so that messages say what they say in a fresh
   * process. */
  store = signet_store_open (directory, error);
  if (store != NULL && warm_store_files (key, store, &dst, &fst))
    {
      WarmStore *w = g_new0 (WarmStore, 1);

      w->directory = g_steal_pointer (&key);
      w->dir_dev = dst.st_dev;
      w->dir_ino = dst.st_ino;
      w->db_dev = fst.st_dev;
      w->db_ino = fst.st_ino;
      w->store = g_object_ref (store);
      if (warm_stores->len >= WARM_STORES_MAX)
        g_ptr_array_remove_index (warm_stores, 0);
      g_ptr_array_add (warm_stores, w);
    }
  return store;
}

/* ---- the files of the warm worker ------------------------------------------ */

/* In the warm worker the certificates and CRLs read from --anchor, --cert
 * and --crl files stay parsed from one command to the next. An entry is
 * used again only for the same file (device and inode) with the same size,
 * modification and status-change times as when it was read, and a file is
 * kept only when its status changed more than a second before it was read
 * (a write within the file system's clock tick after the read would leave
 * the times as they were). Reading errors are never kept: a command that
 * fails reads the file again, as a fresh process does. */
typedef enum
{
  WARM_FILE_CERTIFICATES,
  WARM_FILE_CRLS,
} WarmFileKind;

typedef struct
{
  WarmFileKind kind;
  struct stat st;
  GPtrArray *items; /* SignetCertificate or SignetCrl */
} WarmFile;

#define WARM_FILES_MAX 16
#define WARM_FILE_MAX_SIZE (16 * 1024 * 1024)

static GPtrArray *warm_files;

static void
warm_file_free (gpointer data)
{
  WarmFile *w = data;

  g_ptr_array_unref (w->items);
  g_free (w);
}

static gboolean
same_file_state (const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The certificates or CRLs of @path, as signet_certificate_list_from_file()
 * or signet_crl_list_from_file() read them. */
static GPtrArray *
load_file (const char *path, WarmFileKind kind, GError **error)
{
  struct stat before, after;
  GPtrArray *items;
  WarmFile *w;

  if (warm_files == NULL || stat (path, &before) != 0 || !S_ISREG (before.st_mode))
    goto uncached;
  for (guint i = 0; i < warm_files->len; i++)
    {
      w = g_ptr_array_index (warm_files, i);
      if (w->kind == kind && same_file_state (&w->st, &before))
        return g_ptr_array_ref (w->items);
    }

uncached:
  items = kind == WARM_FILE_CRLS ? signet_crl_list_from_file (path, error)
                                 : signet_certificate_list_from_file (path, error);
  if (items == NULL || warm_files == NULL || !S_ISREG (before.st_mode) || before.st_size > WARM_FILE_MAX_SIZE ||
      stat (path, &after) != 0 || !same_file_state (&before, &after) ||
      g_get_real_time () / G_USEC_PER_SEC <= (gint64) after.st_ctim.tv_sec + 1)
    return items;
  w = g_new0 (WarmFile, 1);
  w->kind = kind;
  w->st = after;
  w->items = g_ptr_array_ref (items);
  if (warm_files->len >= WARM_FILES_MAX)
    g_ptr_array_remove_index (warm_files, 0);
  g_ptr_array_add (warm_files, w);
  return items;
}

static SignetVerifier *
make_verifier (Options *o, GError **error)
{
  g_autoptr (SignetVerifier) verifier = signet_verifier_new ();

  for (guint i = 0; o->anchors && o->anchors[i]; i++)
    {
      g_autoptr (GPtrArray) certs = load_file (o->anchors[i], WARM_FILE_CERTIFICATES, error);

      if (certs == NULL)
        return NULL;
      for (guint k = 0; k < certs->len; k++)
        signet_verifier_add_anchor (verifier, g_ptr_array_index (certs, k));
    }
  for (guint i = 0; o->certs && o->certs[i]; i++)
    {
      g_autoptr (GPtrArray) certs = load_file (o->certs[i], WARM_FILE_CERTIFICATES, error);

      if (certs == NULL)
        return NULL;
      for (guint k = 0; k < certs->len; k++)
        signet_verifier_add_certificate (verifier, g_ptr_array_index (certs, k));
    }
  for (guint i = 0; o->crls && o->crls[i]; i++)
    {
      g_autoptr (GPtrArray) crls = load_file (o->crls[i], WARM_FILE_CRLS, error);

      if (crls == NULL)
        return NULL;
      for (guint k = 0; k < crls->len; k++)
        signet_verifier_add_crl (verifier, g_ptr_array_index (crls, k));
    }
  if (o->at != NULL)
    {
      gint64 t;

      if (!parse_time (o->at, &t, error))
        return NULL;
      signet_verifier_set_time (verifier, t);
    }
  if (!o->no_store)
    {
      g_autoptr (GError) store_error = NULL;
      g_autoptr (SignetStore) store = open_store (o->store, &store_error);

      /* Verification works without the store, only without its memory. */
      if (store != NULL)
        signet_verifier_set_store (verifier, store);
      if (store != NULL || !o->no_system_trust)
        {
          /* The user's trust decisions on top of the e-mail anchors. */
          g_autoptr (SignetTrust) trust =
              signet_trust_new (store, o->no_system_trust ? SIGNET_TRUST_SOURCE_NONE : SIGNET_TRUST_SOURCE_MOZILLA);

          signet_trust_set_time (trust, signet_verifier_get_time (verifier));
          signet_verifier_set_trust (verifier, trust);
        }
      else if (o->store != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&store_error));
          return NULL;
        }
      else
        signet_strings_printerr (SIGNET_STRING_CLI_VERIFY_STORE_UNUSABLE, store_error->message);
    }
  signet_verifier_set_use_system_trust (verifier, !o->no_system_trust);
  signet_verifier_set_offline (verifier, o->offline);
  if (o->fetch_timeout > 0)
    signet_verifier_set_fetch_timeout (verifier, (guint) o->fetch_timeout);
  signet_verifier_set_initial_policies (verifier, (const char *const *) o->policies);
  signet_verifier_set_require_explicit_policy (verifier, o->require_explicit_policy);
  signet_verifier_set_inhibit_policy_mapping (verifier, o->inhibit_policy_mapping);
  signet_verifier_set_inhibit_any_policy (verifier, o->inhibit_any_policy);
  signet_verifier_set_reject_sha1 (verifier, o->reject_sha1);
  return g_steal_pointer (&verifier);
}

static char *
format_time (gint64 t)
{
  g_autoptr (GDateTime) dt = t >= 0 ? g_date_time_new_from_unix_utc (t) : NULL;

  return dt ? g_date_time_format (dt, signet_strings_get (SIGNET_STRING_CLI_DATE_TIME_FORMAT))
            : g_strdup (signet_strings_get (SIGNET_STRING_CLI_TIME_UNKNOWN));
}

static void
print_signature (SignetSignature *sig, guint number)
{
  SignetCertificate *signer = signet_signature_get_signer (sig);
  GPtrArray *warnings = signet_signature_get_warnings (sig);
  GPtrArray *chain = signet_signature_get_chain (sig);
  g_autofree char *summary = signet_signature_get_summary (sig);
  const char *verdict = signet_verdict_to_string (signet_signature_get_verdict (sig));

  signet_strings_print (SIGNET_STRING_CLI_VERIFY_SIGNATURE, number, signet_signature_get_part (sig),
                        signet_strings_verdict_title (verdict));
  g_print ("  %s\n", summary);
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);

      if (signet_warning_get_severity (w) == SIGNET_SEVERITY_INFO)
        continue;
      g_print ("  • %s\n", signet_warning_get_message (w));
    }
  if (signer != NULL)
    {
      const char *const *emails = signet_certificate_get_emails (signer);
      g_autofree char *addresses = g_strjoinv (", ", (char **) emails);
      g_autofree char *fingerprint = signet_certificate_format_fingerprint (signer);
      g_autofree char *signed_on = format_time (signet_signature_get_signing_time (sig));
      g_auto (GStrv) lines = g_strsplit (fingerprint, "\n", -1);

      const char *fingerprint_label = signet_strings_get (SIGNET_STRING_CLI_VERIFY_FINGERPRINT);
      const char *value = strstr (fingerprint_label, "%s");
      /* The next lines of the fingerprint go under its first line. */
      int indent = value != NULL ? (int) g_utf8_strlen (fingerprint_label, value - fingerprint_label) : 0;

      signet_strings_print (SIGNET_STRING_CLI_VERIFY_SIGNER, signet_certificate_get_subject (signer));
      if (*addresses != '\0')
        signet_strings_print (SIGNET_STRING_CLI_VERIFY_ADDRESSES, addresses);
      signet_strings_print (SIGNET_STRING_CLI_VERIFY_ISSUER, signet_certificate_get_issuer (signer));
      signet_strings_print (SIGNET_STRING_CLI_VERIFY_SIGNED_ON, signed_on);
      signet_strings_print (SIGNET_STRING_CLI_VERIFY_FINGERPRINT, lines[0]);
      for (guint i = 1; lines[i] != NULL; i++)
        g_print ("%*s%s\n", indent, "", lines[i]);
    }
  {
    gint64 when = -1;
    const char *first = signet_signature_get_first_verified (sig, &when);

    if (first != NULL)
      {
        g_autofree char *first_time = format_time (when);

        signet_strings_print (SIGNET_STRING_CLI_VERIFY_FIRST_CHECKED, signet_strings_verdict_title (first),
                              first_time);
      }
  }
  if (chain->len > 1)
    {
      signet_strings_print (SIGNET_STRING_CLI_VERIFY_CHAIN);
      for (guint i = 0; i < chain->len; i++)
        g_print ("    %*s%s\n", (int) (2 * i), "",
                 signet_certificate_get_display_name (g_ptr_array_index (chain, i)));
    }
}

static void
print_report (SignetReport *report, const char *name)
{
  GPtrArray *signatures = signet_report_get_signatures (report);
  SignetVerdict verdict = signet_report_get_verdict (report);

  g_print ("%s: %s\n", name, signet_strings_verdict_title (signet_verdict_to_string (verdict)));
  if (verdict == SIGNET_VERDICT_UNSIGNED)
    {
      g_autofree char *line = signet_report_get_summary (report);

      g_print ("  %s\n", line);
      if (signet_report_has_encrypted_part (report))
        g_print ("  %s\n", signet_strings_get (SIGNET_STRING_CLI_VERIFY_ENCRYPTED_PART));
    }
  for (guint i = 0; i < signatures->len; i++)
    print_signature (g_ptr_array_index (signatures, i), i + 1);
}

/* Asks, in the terminal, the trust question of each signature that has
 * one; returns whether any answer was recorded (then the caller checks
 * again). */
static gboolean
ask_prompts (SignetVerifier *verifier, SignetReport *report)
{
  SignetTrust *trust = signet_verifier_get_trust (verifier);
  GPtrArray *signatures = signet_report_get_signatures (report);
  gboolean answered = FALSE;

  if (trust == NULL)
    return FALSE;
  for (guint i = 0; i < signatures->len; i++)
    {
      g_autoptr (SignetPrompt) prompt = signet_prompt_new_for_signature (g_ptr_array_index (signatures, i), trust);

      if (prompt == NULL)
        continue;
      g_print ("\n");
      /* Without a terminal the prompt is only shown: nothing to re-check. */
      if (signet_cli_ask_prompt (prompt, trust) == 0 && isatty (STDIN_FILENO))
        answered = TRUE;
    }
  return answered;
}

static void
print_error_json (const GError *error)
{
  g_autoptr (SignetReport) report = signet_report_new_for_error (error);
  g_autofree char *json = signet_report_to_json (report, TRUE);

  g_print ("%s\n", json);
}

static const GOptionEntry trust_entries[] = {
  { "anchor", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, N_("Trust this certificate (PEM or DER; repeatable)"), N_("FILE") },
  { "cert", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, N_("Use these untrusted certificates for path building (repeatable)"), N_("FILE") },
  { "crl", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, N_("Use this CRL (PEM or DER; repeatable)"), N_("FILE") },
  { "at", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Validate at this time (ISO 8601) instead of now"), N_("TIME") },
  { "offline", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Never use the network"), NULL },
  { "fetch-timeout", 0, 0, G_OPTION_ARG_INT, NULL, N_("Give up a fetch (CRL, OCSP, issuer) after this many seconds"), N_("SECONDS") },
  { "no-system-trust", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Do not trust the system’s certificate authorities"), NULL },
  { "policy", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, N_("Acceptable certificate policy (OID; repeatable; default any)"), N_("OID") },
  { "require-explicit-policy", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Require a valid policy for the whole path"), NULL },
  { "inhibit-policy-mapping", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Do not accept policy mappings"), NULL },
  { "inhibit-any-policy", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Do not let anyPolicy match other policies"), NULL },
  { "reject-sha1", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Treat signatures and certificates made with SHA-1 as invalid"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the report as JSON"), NULL },
  { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the certificate store in this directory"), N_("DIR") },
  { "no-store", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Neither read nor write the certificate store"), NULL },
  { "interactive", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Ask the trust questions a signature raises, then check again"), NULL },
  { NULL }
};

static GOptionContext *
make_context (const char *parameter, const char *summary, Options *o, gboolean with_address)
{
  GOptionContext *ctx = g_option_context_new (parameter);
  GOptionEntry entries[G_N_ELEMENTS (trust_entries) + 1];
  guint n = 0;

  for (guint i = 0; trust_entries[i].long_name != NULL; i++)
    {
      entries[n] = trust_entries[i];
      if (g_str_equal (entries[n].long_name, "anchor"))
        entries[n].arg_data = &o->anchors;
      else if (g_str_equal (entries[n].long_name, "cert"))
        entries[n].arg_data = &o->certs;
      else if (g_str_equal (entries[n].long_name, "crl"))
        entries[n].arg_data = &o->crls;
      else if (g_str_equal (entries[n].long_name, "at"))
        entries[n].arg_data = &o->at;
      else if (g_str_equal (entries[n].long_name, "offline"))
        entries[n].arg_data = &o->offline;
      else if (g_str_equal (entries[n].long_name, "fetch-timeout"))
        entries[n].arg_data = &o->fetch_timeout;
      else if (g_str_equal (entries[n].long_name, "no-system-trust"))
        entries[n].arg_data = &o->no_system_trust;
      else if (g_str_equal (entries[n].long_name, "policy"))
        entries[n].arg_data = &o->policies;
      else if (g_str_equal (entries[n].long_name, "require-explicit-policy"))
        entries[n].arg_data = &o->require_explicit_policy;
      else if (g_str_equal (entries[n].long_name, "inhibit-policy-mapping"))
        entries[n].arg_data = &o->inhibit_policy_mapping;
      else if (g_str_equal (entries[n].long_name, "inhibit-any-policy"))
        entries[n].arg_data = &o->inhibit_any_policy;
      else if (g_str_equal (entries[n].long_name, "reject-sha1"))
        entries[n].arg_data = &o->reject_sha1;
      else if (g_str_equal (entries[n].long_name, "json"))
        entries[n].arg_data = &o->json;
      else if (g_str_equal (entries[n].long_name, "store"))
        entries[n].arg_data = &o->store;
      else if (g_str_equal (entries[n].long_name, "no-store"))
        entries[n].arg_data = &o->no_store;
      else if (g_str_equal (entries[n].long_name, "interactive"))
        entries[n].arg_data = &o->interactive;
      n++;
    }
  if (with_address)
    {
      entries[n++] = (GOptionEntry) { "address", 0, 0, G_OPTION_ARG_STRING, &o->address,
                                      N_("Check that the certificate belongs to this address"), N_("EMAIL") };
    }
  entries[n] = (GOptionEntry) { NULL };

  g_option_context_set_summary (ctx, summary);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  return ctx;
}

static int
cmd_verify (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_VERIFY_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_VERIFY_SUMMARY),
                                                 &o, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetVerifier) verifier = NULL;
  int status = EXIT_VALID;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet verify: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc < 2 || (o.json && argc > 2))
    {
      signet_strings_printerr (SIGNET_STRING_CLI_VERIFY_USAGE);
      return EXIT_ERROR;
    }

  verifier = make_verifier (&o, &error);
  if (verifier == NULL)
    {
      if (o.json)
        print_error_json (error);
      else
        g_printerr ("signet verify: %s\n", error->message);
      return EXIT_ERROR;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (SignetReport) report = signet_verifier_verify_file (verifier, argv[i], NULL, &local);

      if (report == NULL)
        report = signet_report_new_for_error (local);

      if (o.json)
        {
          g_autofree char *json = signet_report_to_json (report, TRUE);

          g_print ("%s\n", json);
        }
      else if (local != NULL)
        {
          g_print ("%s: %s\n  %s\n", argv[i], signet_strings_verdict_title ("error"), local->message);
        }
      else
        {
          print_report (report, argv[i]);
          if (o.interactive && ask_prompts (verifier, report))
            {
              g_autoptr (GError) again_error = NULL;
              g_autoptr (SignetReport) again = signet_verifier_verify_file (verifier, argv[i], NULL, &again_error);

              if (again != NULL)
                {
                  g_print ("\n");
                  print_report (again, argv[i]);
                  g_set_object (&report, again);
                }
            }
        }
      status = MAX (status, verdict_exit (signet_report_get_verdict (report)));
      if (i + 1 < argc && !o.json)
        g_print ("\n");
    }
  return status;
}

static int
cmd_check (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (GOptionContext) ctx = make_context (signet_strings_get (SIGNET_STRING_CLI_CHECK_PARAMETER),
                                                 signet_strings_get (SIGNET_STRING_CLI_CHECK_SUMMARY),
                                                 &o, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetVerifier) verifier = NULL;
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (SignetSignature) result = NULL;
  SignetVerdict verdict;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("signet check: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (argc != 2)
    {
      signet_strings_printerr (SIGNET_STRING_CLI_CHECK_USAGE);
      return EXIT_ERROR;
    }
  verifier = make_verifier (&o, &error);
  if (verifier != NULL)
    certs = signet_certificate_list_from_file (argv[1], &error);
  if (certs == NULL)
    {
      if (o.json)
        print_error_json (error);
      else
        g_printerr ("signet check: %s\n", error->message);
      return EXIT_ERROR;
    }

  result = signet_verifier_check_certificate (verifier, g_ptr_array_index (certs, 0), o.address);
  verdict = signet_signature_get_verdict (result);
  if (o.json)
    {
      g_autoptr (SignetReport) report = signet_report_new ();
      g_autofree char *json = NULL;

      signet_report_add_signature (report, result);
      json = signet_report_to_json (report, TRUE);
      g_print ("%s\n", json);
    }
  else
    {
      g_print ("%s: %s\n", argv[1], signet_strings_verdict_title (signet_verdict_to_string (verdict)));
      print_signature (result, 1);
    }
  return verdict_exit (verdict);
}

static void
usage (void)
{
  signet_strings_printerr (SIGNET_STRING_CLI_USAGE);
}

/* ---- signet service start|stop|status ------------------------------------ */

static void
service_usage (void)
{
  g_printerr ("%s\n", _("Usage: signet service start [--idle-timeout SECONDS] | stop | status"));
}

static void
print_service_running (const SignetServiceMessage *reply)
{
  /* Translators: %d is a process number. */
  g_print (_("The Signet service is running (process %d)."), (int) reply->value[0]);
  g_print ("\n");
}

/* Starts `signet-cli --service --daemon` in its own session, and waits
 * until it listens (its stderr closes) or fails (it says why there). */
static int
service_start (const char *idle_timeout)
{
  SignetServiceMessage reply;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr (GString) said = g_string_new (NULL);
  int err[2];
  pid_t pid;
  int status = 0;

  if (signet_service_query (SIGNET_SERVICE_MSG_STATUS, &reply) == 0)
    return EXIT_VALID;
  if (exe == NULL || !g_unix_open_pipe (err, FD_CLOEXEC, NULL))
    {
      g_printerr ("signet service: %s\n", g_strerror (errno));
      return EXIT_ERROR;
    }
  pid = fork ();
  if (pid < 0)
    {
      g_printerr ("signet service: %s\n", g_strerror (errno));
      return EXIT_ERROR;
    }
  if (pid == 0)
    {
      const char *argv[] = { "signet-cli", "--service", "--daemon", "--idle-timeout", idle_timeout, NULL };
      int null = open ("/dev/null", O_RDWR | O_CLOEXEC);

      setsid ();
      /* The service's child would not be ours: fork again. */
      if (fork () != 0)
        _exit (0);
      dup2 (null, STDIN_FILENO);
      dup2 (null, STDOUT_FILENO);
      dup2 (err[1], STDERR_FILENO);
      if (idle_timeout == NULL)
        argv[3] = NULL;
      execv (exe, (char **) argv);
      _exit (127);
    }
  close (err[1]);
  waitpid (pid, &status, 0);
  for (;;)
    {
      char buf[512];
      ssize_t n = read (err[0], buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (said->len < 4096)
        g_string_append_len (said, buf, n);
    }
  close (err[0]);
  if (said->len > 0)
    {
      g_printerr ("%s", said->str);
      return EXIT_ERROR;
    }
  if (signet_service_query (SIGNET_SERVICE_MSG_STATUS, &reply) != 0)
    {
      g_printerr ("signet service: %s\n", _("The Signet service did not start."));
      return EXIT_ERROR;
    }
  return EXIT_VALID;
}

static int
cmd_service (int argc, char **argv)
{
  SignetServiceMessage reply;

  if (argc == 2 && g_str_equal (argv[1], "status"))
    {
      if (signet_service_query (SIGNET_SERVICE_MSG_STATUS, &reply) != 0)
        {
          g_print ("%s\n", _("The Signet service is not running."));
          return EXIT_UNSIGNED;
        }
      print_service_running (&reply);
      return EXIT_VALID;
    }
  if (argc == 2 && g_str_equal (argv[1], "stop"))
    {
      /* Not running is stopped too. */
      signet_service_query (SIGNET_SERVICE_MSG_STOP, &reply);
      return EXIT_VALID;
    }
  if (argc >= 2 && g_str_equal (argv[1], "start"))
    {
      const char *idle_timeout = NULL;

      if (argc == 4 && g_str_equal (argv[2], "--idle-timeout"))
        idle_timeout = argv[3];
      else if (argc == 3 && g_str_has_prefix (argv[2], "--idle-timeout="))
        idle_timeout = argv[2] + strlen ("--idle-timeout=");
      else if (argc != 2)
        {
          service_usage ();
          return EXIT_ERROR;
        }
      return service_start (idle_timeout);
    }
  service_usage ();
  return argc == 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")) ? EXIT_VALID : EXIT_ERROR;
}

int signet_cli_main (int argc, char **argv);

/* What `signet-cli` (and a child of the service) runs. */
int
signet_cli_main (int argc, char **argv)
{
  /* SIGNET_LOCALEDIR overrides where the translations are (tests run the
   * tool from the build tree); signet_init() honours it too. */
  const char *localedir = g_getenv ("SIGNET_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  signet_init ();

  if (argc < 2)
    {
      usage ();
      return EXIT_ERROR;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("signet %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (argv[1], "verify"))
    return cmd_verify (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "check"))
    return cmd_check (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import"))
    return signet_cli_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export"))
    return signet_cli_export (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return signet_cli_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return signet_cli_show (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "remove"))
    return signet_cli_remove (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "recipient"))
    return signet_cli_recipient (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "request"))
    return signet_cli_request (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "directory"))
    return signet_cli_directory (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "attribute-certs"))
    return signet_cli_attribute_certs (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "trust"))
    return signet_cli_trust (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "crl"))
    return signet_cli_crl (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "service"))
    return cmd_service (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage ();
      return 0;
    }
  signet_strings_printerr (SIGNET_STRING_CLI_UNKNOWN_COMMAND, argv[1]);
  usage ();
  return EXIT_ERROR;
}

/* Whether the service may run @argv in its warm worker, one command after
 * another in one process: `verify` and `check` only, and not with an
 * option that makes GLib's option parser exit() (--help, -h, -?,
 * --help-all, …: any short option and any --help*), nor --interactive
 * (it reads the terminal). Everything else these commands do returns to
 * signet_cli_main(); a crash takes only the worker down. */
static int
warm_eligible (int argc, char **argv)
{
  if (argc < 2 || (strcmp (argv[1], "verify") != 0 && strcmp (argv[1], "check") != 0))
    return 0;
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        break;
      if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0')
        return 0;
      if (g_str_has_prefix (arg, "--help") || g_str_has_prefix (arg, "--interactive"))
        return 0;
    }
  return 1;
}

static void
warm_begin (void)
{
  warm_stores = g_ptr_array_new_with_free_func (warm_store_free);
  warm_files = g_ptr_array_new_with_free_func (warm_file_free);
}

static void
warm_end (void)
{
  g_clear_pointer (&warm_stores, g_ptr_array_unref);
  g_clear_pointer (&warm_files, g_ptr_array_unref);
}

int
main (int argc, char **argv)
{
  static const SignetServiceCli cli = { signet_cli_main, warm_eligible, warm_begin, warm_end };

  /* The service starts before anything reads the environment. */
  if (argc >= 2 && strcmp (argv[1], "--service") == 0)
    return signet_service_main (argc, argv, &cli);
  return signet_cli_main (argc, argv);
}
