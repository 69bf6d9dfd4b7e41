/* signet-evolution-render.c: Signet's report as HTML for Evolution's reader.
 *
 * Every visible sentence comes from Signet's catalogue (ui-strings/) or is
 * marked for translation in Signet's text domain here; every value taken
 * from a certificate or message is escaped.
 *
 * The buttons carry what a click needs in their `value` (see
 * signet-evolution-display.c): a token naming the signature shown
 * (signet_evolution_checker_remember()) and, for a trust choice, the
 * choice's id. Each kind of button has a border colour of its own that
 * nothing else on the page uses, so that the end-to-end test can find it
 * on a screenshot.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-evolution-render.h"

#include <glib/gi18n-lib.h>

#include "signet-evolution-checker.h"
#include "signet-strings.h"

#include <string.h>

typedef struct
{
  const char *background;
  const char *border;
  const char *symbol;
} VerdictStyle;

static VerdictStyle
verdict_style (SignetVerdict verdict)
{
  switch (verdict)
    {
    case SIGNET_VERDICT_VALID:
      return (VerdictStyle){ "#e6f4ea", "#188038", "\u2714" };
    case SIGNET_VERDICT_WARNING:
      return (VerdictStyle){ "#fef7e0", "#b06000", "\u26a0" };
    case SIGNET_VERDICT_INVALID:
      return (VerdictStyle){ "#fce8e6", "#c5221f", "\u2716" };
    case SIGNET_VERDICT_UNSIGNED:
    case SIGNET_VERDICT_ERROR:
    default:
      return (VerdictStyle){ "#f1f3f4", "#5f6368", "?" };
    }
}

/* A button of Signet's box: plain, with a border of @colour. */
#define BUTTON_STYLE                                                                               \
  "-webkit-appearance:none;appearance:none;margin:2px 0;padding:3px 10px;border-radius:0;"         \
  "background:#ffffff;color:#202124;font:inherit;cursor:pointer;border:3px solid "

static void
append_escaped (GString *html, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (html, escaped);
}

/* A label cell and a value cell; @value is plain text. */
static void
append_row (GString *html, const char *label, const char *value)
{
  g_string_append (html, "<tr><td style=\"padding:1px 12px 1px 0;vertical-align:top;"
                         "white-space:nowrap;color:#3c4043\">");
  append_escaped (html, label);
  g_string_append (html, "</td><td style=\"padding:1px 0;vertical-align:top\">");
  append_escaped (html, value);
  g_string_append (html, "</td></tr>");
}

static const char *
revocation_label (const char *state)
{
  if (g_strcmp0 (state, "good") == 0)
    return C_ ("revocation", "Not revoked");
  if (g_strcmp0 (state, "revoked") == 0)
    return C_ ("revocation", "Revoked");
  if (g_strcmp0 (state, "pending") == 0)
    return C_ ("revocation", "Being checked");
  if (g_strcmp0 (state, "unknown") == 0)
    return C_ ("revocation", "Could not be checked");
  return C_ ("revocation", "Not checked");
}

static char *
format_time (gint64 t)
{
  g_autoptr (GDateTime) dt = t >= 0 ? g_date_time_new_from_unix_utc (t) : NULL;

  /* Translators: a date and time in UTC, see g_date_time_format(). */
  return dt ? g_date_time_format (dt, _ ("%Y-%m-%d %H:%M UTC")) : g_strdup (C_ ("time", "unknown"));
}

static void
render_signature (SignetSignature *sig, const char *token, guint number, guint count, GString *html)
{
  SignetCertificate *signer = signet_signature_get_signer (sig);
  GPtrArray *warnings = signet_signature_get_warnings (sig);
  GPtrArray *chain = signet_signature_get_chain (sig);
  const char *verdict = signet_verdict_to_string (signet_signature_get_verdict (sig));

  g_string_append (html, "<div style=\"margin-top:6px\">");
  if (count > 1)
    {
      g_autofree char *summary = signet_signature_get_summary (sig);
      /* Translators: "Signature 1: Valid signature". */
      g_autofree char *heading =
          g_strdup_printf (_ ("Signature %u: %s"), number, signet_strings_verdict_title (verdict));

      g_string_append (html, "<div style=\"font-weight:bold\">");
      append_escaped (html, heading);
      g_string_append (html, "</div><div>");
      append_escaped (html, summary);
      g_string_append (html, "</div>");
    }

  /* Warnings first: they are what the reader must see. */
  g_string_append (html, "<ul class=\"signet-warnings\" style=\"margin:4px 0;padding-left:20px\">");
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);

      if (signet_warning_get_severity (w) == SIGNET_SEVERITY_INFO)
        continue;
      g_string_append_printf (html, "<li data-code=\"%s\">", signet_warning_get_code (w));
      append_escaped (html, signet_warning_get_message (w));
      g_string_append (html, "</li>");
    }
  g_string_append (html, "</ul>");

  g_string_append (html, "<table style=\"border-collapse:collapse;font-size:90%\">");
  if (signer != NULL)
    {
      const char *const *emails = signet_certificate_get_emails (signer);
      g_autofree char *addresses = g_strjoinv (", ", (char **) emails);
      g_autofree char *fingerprint = signet_certificate_format_fingerprint (signer);
      g_autofree char *signed_on = format_time (signet_signature_get_signing_time (sig));

      append_row (html, _ ("Signer:"), signet_certificate_get_display_name (signer));
      if (*addresses != '\0')
        append_row (html, _ ("Addresses:"), addresses);
      append_row (html, _ ("Signed on:"), signed_on);
      g_strdelimit (fingerprint, "\n", ' ');
      append_row (html, _ ("Fingerprint (SHA-256):"), fingerprint);
    }
  append_row (html, _ ("Revocation:"), revocation_label (signet_signature_get_revocation (sig)));
  if (chain->len > 0)
    {
      g_string_append (html, "<tr><td style=\"padding:1px 12px 1px 0;vertical-align:top;"
                             "white-space:nowrap;color:#3c4043\">");
      append_escaped (html, _ ("Chain:"));
      g_string_append (html, "</td><td style=\"padding:1px 0\">");
      for (guint i = 0; i < chain->len; i++)
        {
          g_string_append_printf (html, "<div style=\"padding-left:%upx\">%s", 14 * i,
                                  i > 0 ? "\u2514 " : "");
          append_escaped (html, signet_certificate_get_display_name (g_ptr_array_index (chain, i)));
          g_string_append (html, "</div>");
        }
      g_string_append (html, "</td></tr>");
    }
  g_string_append (html, "</table>");
  if (signer != NULL && token != NULL)
    {
      g_string_append_printf (html,
                              "<div><button type=\"button\" class=\"%s\" value=\"%s\" "
                              "style=\"" BUTTON_STYLE "%s\">",
                              SIGNET_EVOLUTION_CLASS_IMPORT, token, SIGNET_EVOLUTION_COLOUR_IMPORT);
      append_escaped (html, _ ("Import the sender’s certificate"));
      g_string_append (html, "</button></div>");
    }
  g_string_append (html, "</div>");
}

/**
 * signet_evolution_render_verdict_line:
 * @report: a report
 *
 * Returns: (transfer full): the one sentence shown as the verdict
 */
char *
signet_evolution_render_verdict_line (SignetReport *report)
{
  g_return_val_if_fail (SIGNET_IS_REPORT (report), NULL);
  return signet_report_get_summary (report);
}

/* Quotes @word for a POSIX shell when it holds anything but safe
 * characters. */
static char *
shell_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("@._+-=:/", *p) == NULL)
      return g_shell_quote (word);
  return g_strdup (word);
}

/**
 * signet_evolution_render_prompt_command:
 * @prompt: a prompt
 * @choice: the id of one of its choices
 *
 * Returns: (transfer full) (nullable): the `signet trust` command line that
 *   records @choice in the user's store, or %NULL when it cannot be
 *   recorded from another program (a decision for this session only)
 */
char *
signet_evolution_render_prompt_command (SignetPrompt *prompt, const char *choice)
{
  SignetCertificate *signer = signet_prompt_get_signer (prompt);
  SignetCertificate *subject = signet_prompt_get_subject (prompt);
  const char *address = signet_prompt_get_address (prompt);
  g_autofree char *quoted = address != NULL ? shell_word (address) : NULL;

  if (signer == NULL || subject == NULL)
    return NULL;
  if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_TRUST_AUTHORITY))
    return g_strdup_printf ("signet trust add %s", signet_certificate_get_sha256 (subject));
  if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_DISTRUST_AUTHORITY))
    return g_strdup_printf ("signet trust distrust %s", signet_certificate_get_sha256 (subject));
  if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_DISTRUST) ||
      g_str_equal (choice, SIGNET_PROMPT_CHOICE_REJECT_NEW))
    return g_strdup_printf ("signet trust distrust %s", signet_certificate_get_sha256 (signer));
  if ((g_str_equal (choice, SIGNET_PROMPT_CHOICE_TRUST_SENDER) ||
       g_str_equal (choice, SIGNET_PROMPT_CHOICE_ACCEPT_NEW) ||
       g_str_equal (choice, SIGNET_PROMPT_CHOICE_PIN_ADDRESS)) &&
      quoted != NULL)
    return g_strdup_printf ("signet trust add --for-address %s %s", quoted,
                            signet_certificate_get_sha256 (signer));
  return NULL;
}

static void
render_one_prompt (SignetPrompt *prompt, const char *token, GString *html)
{
  g_string_append_printf (html,
                          "<div class=\"signet-prompt\" data-kind=\"%s\" style=\""
                          "margin-top:8px;padding-top:6px;border-top:1px solid #dadce0\">",
                          signet_prompt_kind_to_string (signet_prompt_get_kind (prompt)));
  g_string_append (html, "<div class=\"signet-prompt-title\" style=\"font-weight:bold\">");
  append_escaped (html, signet_prompt_get_title (prompt));
  g_string_append (html, "</div>");
  if (signet_prompt_get_explanation (prompt) != NULL)
    {
      g_string_append (html, "<div class=\"signet-prompt-explanation\">");
      append_escaped (html, signet_prompt_get_explanation (prompt));
      g_string_append (html, "</div>");
    }
  if (signet_prompt_get_advice (prompt) != NULL)
    {
      g_string_append (html, "<div class=\"signet-prompt-advice\" style=\"font-style:italic\">");
      append_escaped (html, signet_prompt_get_advice (prompt));
      g_string_append (html, "</div>");
    }

  g_string_append (html, "<table class=\"signet-prompt-facts\" "
                         "style=\"border-collapse:collapse;font-size:90%;margin:4px 0\">");
  for (guint i = 0; i < signet_prompt_get_n_facts (prompt); i++)
    {
      const char *value = signet_prompt_get_fact_value (prompt, i);
      g_autofree char *flat = NULL;

      if (value == NULL || *value == '\0')
        continue;
      flat = g_strdelimit (g_strdup (value), "\n", ' ');
      append_row (html, signet_prompt_get_fact_label (prompt, i), flat);
    }
  g_string_append (html, "</table>");

  if (signet_prompt_get_n_choices (prompt) > 0)
    g_string_append (html, "<div class=\"signet-prompt-choices\">");
  for (guint i = 0; i < signet_prompt_get_n_choices (prompt); i++)
    {
      const char *id = signet_prompt_get_choice_id (prompt, i);
      g_autofree char *command = signet_evolution_render_prompt_command (prompt, id);

      if (token != NULL)
        g_string_append_printf (html,
                                "<div><button type=\"button\" class=\"%s\" "
                                "data-choice=\"%s\" value=\"%s %s\" style=\"" BUTTON_STYLE "%s\"",
                                SIGNET_EVOLUTION_CLASS_CHOICE, id, token, id,
                                SIGNET_EVOLUTION_COLOUR_CHOICE);
      else
        g_string_append_printf (html,
                                "<div><button type=\"button\" data-choice=\"%s\" disabled "
                                "style=\"" BUTTON_STYLE "#5f6368\"",
                                id);
      /* The same decision from a terminal, as a tooltip. */
      if (command != NULL)
        {
          g_string_append (html, " title=\"");
          append_escaped (html, command);
          g_string_append_c (html, '"');
        }
      g_string_append_c (html, '>');
      append_escaped (html, signet_prompt_get_choice_label (prompt, i));
      g_string_append (html, "</button></div>");
    }
  if (signet_prompt_get_n_choices (prompt) > 0)
    g_string_append (html, "</div>");
  g_string_append (html, "</div>");
}

/**
 * signet_evolution_render_report:
 * @report: a report
 * @trust: (nullable): the trust model the report was made with
 * @message_id: (nullable): the Message-ID of the message
 * @interactive: whether the box is shown in the reader (with working
 *   buttons) rather than printed
 * @html: where to append HTML
 *
 * Appends a self-contained box: the verdict title and sentence, the
 * warnings, then for each signature the signer, fingerprint, revocation
 * state and chain and a button importing the signer's certificate, then
 * the trust prompt of each signature that has one (trusting a new root,
 * accepting a changed certificate, ...) with its choices as buttons, then
 * a button exporting the user's own certificate. Each signature shown is
 * remembered by the default #SignetEvolutionChecker for its buttons. When
 * not @interactive, there are no import and export buttons and the choices
 * are shown as disabled buttons.
 *
 * Returns: (transfer full) (element-type SignetPrompt): the prompts shown
 */
GPtrArray *
signet_evolution_render_report (SignetReport *report,
                                SignetTrust *trust,
                                const char *message_id,
                                gboolean interactive,
                                GString *html)
{
  SignetVerdict verdict;
  VerdictStyle style;
  GPtrArray *signatures;
  const GError *error;
  g_autofree char *line = NULL;

  g_autoptr (GPtrArray) prompts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) prompt_tokens = g_ptr_array_new_with_free_func (g_free);
  SignetEvolutionChecker *checker = signet_evolution_checker_get_default ();

  g_return_val_if_fail (SIGNET_IS_REPORT (report), NULL);
  g_return_val_if_fail (html != NULL, NULL);

  verdict = signet_report_get_verdict (report);
  style = verdict_style (verdict);
  signatures = signet_report_get_signatures (report);
  error = signet_report_get_error (report);
  line = signet_evolution_render_verdict_line (report);

  g_string_append_printf (html,
                          "<div class=\"signet-report\" data-verdict=\"%s\" style=\""
                          "margin:6px 0;padding:8px 12px;border:1px solid %s;"
                          "border-left:6px solid %s;border-radius:4px;"
                          "background:%s;color:#202124;font-family:sans-serif\">",
                          signet_verdict_to_string (verdict), style.border, style.border,
                          style.background);
  g_string_append_printf (html, "<div style=\"font-weight:bold;font-size:110%%;color:%s\">%s ",
                          style.border, style.symbol);
  /* Translators: the name of the program, before its verdict. */
  append_escaped (html, C_ ("evolution", "Signet:"));
  g_string_append_c (html, ' ');
  append_escaped (html, signet_strings_verdict_title (signet_verdict_to_string (verdict)));
  g_string_append (html, "</div><div class=\"signet-line\">");
  append_escaped (html, line);
  g_string_append (html, "</div>");

  if (error != NULL)
    {
      g_string_append (html, "<div style=\"font-size:90%\">");
      append_escaped (html, error->message);
      g_string_append (html, "</div>");
    }

  for (guint i = 0; i < signatures->len; i++)
    {
      SignetSignature *sig = g_ptr_array_index (signatures, i);
      SignetPrompt *prompt = signet_prompt_new_for_signature (sig, trust);
      g_autofree char *token =
          interactive ? signet_evolution_checker_remember (checker, sig, prompt, message_id) : NULL;

      render_signature (sig, token, i + 1, signatures->len, html);
      if (prompt != NULL)
        {
          g_ptr_array_add (prompts, prompt);
          g_ptr_array_add (prompt_tokens, g_steal_pointer (&token));
        }
    }

  for (guint i = 0; i < prompts->len; i++)
    render_one_prompt (g_ptr_array_index (prompts, i), g_ptr_array_index (prompt_tokens, i), html);

  if (interactive)
    {
      g_string_append_printf (html,
                              "<div style=\"margin-top:8px\"><button type=\"button\" class=\"%s\" "
                              "value=\"export\" style=\"" BUTTON_STYLE "%s\">",
                              SIGNET_EVOLUTION_CLASS_EXPORT, SIGNET_EVOLUTION_COLOUR_EXPORT);
      append_escaped (html, _ ("Export my certificate…"));
      g_string_append (html, "</button></div>");
    }

  g_string_append (html, "</div>");
  return g_steal_pointer (&prompts);
}
