/* signet-claws-format.c: what Claws shows for a Signet report.
 *
 * The signature bar gets one plain sentence from the library
 * (signet_report_get_summary() / signet_signature_get_summary()) and the
 * Claws status whose icon fits the verdict. "View full information" gets
 * every signer, the certificate chain, each warning sentence, the
 * revocation state and the fingerprint. Every sentence about a signature
 * comes from the library; this file only lays the facts out.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-claws.h"

#include <glib/gi18n-lib.h>

#include "privacy.h"

#include "signet-certificate.h"
#include "signet-signature.h"
#include "signet-warning.h"
#include "signet-strings.h"

void
signet_claws_result_free (SignetClawsResult *result)
{
  if (result == NULL)
    return;
  g_free (result->info_short);
  g_free (result->info_full);
  g_free (result->prompt_title);
  g_strfreev (result->prompt_choices);
  g_free (result);
}

static int
status_for_verdict (SignetVerdict verdict)
{
  switch (verdict)
    {
    case SIGNET_VERDICT_VALID:
      return SIGNATURE_OK;
    case SIGNET_VERDICT_WARNING:
      return SIGNATURE_WARN;
    case SIGNET_VERDICT_INVALID:
      return SIGNATURE_INVALID;
    case SIGNET_VERDICT_UNSIGNED:
      /* A part that looked signed but holds no signature (certs-only). */
      return SIGNATURE_CHECK_FAILED;
    case SIGNET_VERDICT_ERROR:
    default:
      return SIGNATURE_CHECK_ERROR;
    }
}

/* How bad a verdict is, to pick the worst of several signatures. */
static int
verdict_rank (SignetVerdict verdict)
{
  switch (verdict)
    {
    case SIGNET_VERDICT_VALID:
      return 0;
    case SIGNET_VERDICT_UNSIGNED:
      return 1;
    case SIGNET_VERDICT_WARNING:
      return 2;
    case SIGNET_VERDICT_ERROR:
      return 3;
    case SIGNET_VERDICT_INVALID:
    default:
      return 4;
    }
}

static char *
format_date (gint64 when)
{
  g_autoptr (GDateTime) dt = when >= 0 ? g_date_time_new_from_unix_utc (when) : NULL;

  if (dt == NULL)
    return g_strdup (C_ ("date", "an unknown date"));
  /* Translators: a date as shown in warnings; see g_date_time_format(). */
  return g_date_time_format (dt, _ ("%-d %B %Y"));
}

static const char *
revocation_text (const char *state)
{
  if (state == NULL)
    return C_ ("revocation", "not checked");
  if (g_str_equal (state, "good"))
    return C_ ("revocation", "not revoked");
  if (g_str_equal (state, "revoked"))
    return C_ ("revocation", "revoked");
  return C_ ("revocation", "unknown (no current revocation information)");
}

static void
append_indented (GString *out, const char *indent, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s%s\n", indent, lines[i]);
}

static void
append_certificate (GString *out, SignetCertificate *cert, const char *indent)
{
  const char *const *emails = signet_certificate_get_emails (cert);
  g_autofree char *fingerprint = signet_certificate_format_fingerprint (cert);
  g_autofree char *from = format_date (signet_certificate_get_not_before (cert));
  g_autofree char *until = format_date (signet_certificate_get_not_after (cert));
  g_autofree char *more_indent = g_strconcat (indent, "    ", NULL);

  if (emails != NULL && emails[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) emails);

      g_string_append_printf (out, "%s%s <%s>\n", indent,
                              signet_certificate_get_display_name (cert), joined);
    }
  else
    {
      g_string_append_printf (out, "%s%s\n", indent, signet_certificate_get_display_name (cert));
    }
  g_string_append_printf (out, "%s  %s %s\n", indent, _ ("Subject:"),
                          signet_certificate_get_subject (cert));
  g_string_append_printf (out, "%s  %s %s\n", indent, _ ("Issuer:"),
                          signet_certificate_get_issuer (cert));
  /* Translators: the validity period of a certificate, two dates. */
  g_string_append_printf (out, "%s  ", indent);
  g_string_append_printf (out, _ ("Valid from %s to %s"), from, until);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s  %s\n", indent, _ ("Fingerprint (SHA-256):"));
  append_indented (out, more_indent, fingerprint);
}

static void
append_signature (GString *out, SignetSignature *sig, guint index, guint count)
{
  SignetVerdict verdict = signet_signature_get_verdict (sig);
  SignetCertificate *signer = signet_signature_get_signer (sig);
  GPtrArray *chain = signet_signature_get_chain (sig);
  GPtrArray *warnings = signet_signature_get_warnings (sig);
  g_autofree char *summary = signet_signature_get_summary (sig);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (count > 1)
    /* Translators: a heading, e.g. "Signature 1 of 2: Valid signature". */
    g_string_append_printf (out, _ ("Signature %u of %u: %s"), index + 1, count,
                            signet_strings_verdict_title (signet_verdict_to_string (verdict)));
  else
    g_string_append (out, signet_strings_verdict_title (signet_verdict_to_string (verdict)));
  g_string_append_c (out, '\n');
  /* With one signature, the first line of the text already says it. */
  if (count > 1)
    g_string_append_printf (out, "%s\n", summary);
  g_string_append_c (out, '\n');

  if (signer != NULL)
    {
      g_string_append_printf (out, "%s\n", _ ("Signer:"));
      append_certificate (out, signer, "  ");
    }
  else
    {
      g_string_append_printf (out, "%s %s\n", _ ("Signer:"),
                              _ ("the signer’s certificate is not available"));
    }

  if (signet_signature_get_signing_time (sig) >= 0)
    {
      g_autofree char *when = format_date (signet_signature_get_signing_time (sig));

      g_string_append_printf (out, "%s %s\n", _ ("Signed on:"), when);
    }
  g_string_append_printf (out, "%s %s\n", _ ("Revocation:"),
                          revocation_text (signet_signature_get_revocation (sig)));
  if (signet_signature_get_digest_algorithm (sig) != NULL)
    g_string_append_printf (out, "%s %s, %s\n", _ ("Algorithms:"),
                            signet_signature_get_digest_algorithm (sig),
                            signet_signature_get_signature_algorithm (sig) != NULL
                                ? signet_signature_get_signature_algorithm (sig)
                                : "?");

  if (chain != NULL && chain->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _ ("Certificate chain (signer first):"));
      for (guint i = 0; i < chain->len; i++)
        {
          SignetCertificate *cert = g_ptr_array_index (chain, i);
          g_autofree char *indent = g_strdup_printf ("  %u. ", i + 1);

          g_string_append_printf (out, "%s%s\n", indent,
                                  signet_certificate_get_display_name (cert));
          {
            g_autofree char *fingerprint = signet_certificate_format_fingerprint (cert);

            append_indented (out, "       ", fingerprint);
          }
        }
    }

  if (warnings != NULL && warnings->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _ ("Warnings:"));
      for (guint i = 0; i < warnings->len; i++)
        {
          const char *message = signet_warning_get_message (g_ptr_array_index (warnings, i));

          /* The same sentence for two certificates is shown once. */
          if (message == NULL || !g_hash_table_add (seen, (gpointer) message))
            continue;
          g_string_append_printf (out, "  • %s\n", message);
        }
    }
}

/**
 * signet_claws_format_report:
 * @report: the report for the message
 * @part_path: the path of the signed part Claws asked about
 *
 * A message may hold several signed parts (a forwarded signed message
 * inside a signed one); Claws asks about one at a time, so only the
 * signatures of @part_path count.
 *
 * Returns: (transfer full): what to show
 */
SignetClawsResult *
signet_claws_format_report (SignetReport *report, const char *part_path)
{
  g_autoptr (SignetClawsResult) result = g_new0 (SignetClawsResult, 1);
  GPtrArray *all = signet_report_get_signatures (report);
  g_autoptr (GPtrArray) mine = g_ptr_array_new ();
  g_autoptr (GString) full = g_string_new (NULL);
  SignetSignature *worst = NULL;
  g_autoptr (SignetPrompt) prompt = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      SignetSignature *sig = g_ptr_array_index (all, i);

      if (g_strcmp0 (signet_signature_get_part (sig), part_path) == 0)
        g_ptr_array_add (mine, sig);
    }

  if (mine->len == 0 || mine->len == all->len)
    {
      /* Every signature is this part's (the usual case), or the library
       * found none for it: the report speaks for the message. */
      result->verdict = signet_report_get_verdict (report);
      result->info_short = signet_report_get_summary (report);
      if (mine->len == 0)
        g_ptr_array_extend (mine, all, NULL, NULL);
    }
  else
    {
      for (guint i = 0; i < mine->len; i++)
        {
          SignetSignature *sig = g_ptr_array_index (mine, i);

          if (worst == NULL || verdict_rank (signet_signature_get_verdict (sig)) >
                                   verdict_rank (signet_signature_get_verdict (worst)))
            worst = sig;
        }
      result->verdict = signet_signature_get_verdict (worst);
      result->info_short = signet_signature_get_summary (worst);
    }
  result->status = status_for_verdict (result->verdict);

  g_string_append_printf (full, "%s\n\n", result->info_short);
  for (guint i = 0; i < mine->len; i++)
    {
      if (i > 0)
        g_string_append (full, "\n");
      append_signature (full, g_ptr_array_index (mine, i), i, mine->len);
    }
  if (mine->len == 0 && signet_report_get_error (report) != NULL)
    g_string_append_printf (full, "%s\n", signet_report_get_error (report)->message);

  /* The trust prompts: their facts and choices. */
  prompt = signet_claws_prompts_append (report, part_path, full);
  if (prompt != NULL)
    {
      GStrvBuilder *choices = g_strv_builder_new ();

      result->prompt_title = g_strdup (signet_prompt_get_title (prompt));
      for (guint i = 0; i < signet_prompt_get_n_choices (prompt); i++)
        g_strv_builder_add (choices, signet_prompt_get_choice_id (prompt, i));
      result->prompt_choices = g_strv_builder_end (choices);
      g_strv_builder_unref (choices);
    }

  g_string_append_printf (full, "\n%s\n", _ ("Checked by Signet."));
  result->info_full = g_string_free (g_steal_pointer (&full), FALSE);
  return g_steal_pointer (&result);
}

/**
 * signet_claws_format_error:
 * @error: (nullable): why there is no report
 *
 * Returns: (transfer full): what to show when the message could not be
 *   checked at all
 */
SignetClawsResult *
signet_claws_format_error (const GError *error)
{
  g_autoptr (GError) fallback = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetClawsResult) result = g_new0 (SignetClawsResult, 1);

  if (error == NULL)
    error = fallback = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Unknown error");
  report = signet_report_new_for_error (error);
  result->verdict = signet_report_get_verdict (report);
  result->status = status_for_verdict (result->verdict);
  result->info_short = signet_report_get_summary (report);
  result->info_full = g_strdup_printf ("%s\n\n%s\n", result->info_short, error->message);
  return g_steal_pointer (&result);
}
