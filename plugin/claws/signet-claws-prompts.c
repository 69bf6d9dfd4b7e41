/* signet-claws-prompts.c: Signet's trust prompts in the full information.
 *
 * Claws 4.1 shows the full information of a signature as plain text in
 * the message view and offers a privacy system no way to put a button
 * there (nor any callback from it). So the text shows each prompt with its
 * facts and numbered choices and points to the plugin's trust window
 * (Tools menu, signet-claws-window.c), where the same choices are buttons;
 * each choice that lasts also comes with the `signet trust` command line
 * that records it in the user's store (the same store the plugin reads).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "signet-claws.h"
#include "signet-prompt.h"
#include "signet-signature.h"

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
 * signet_claws_prompt_command:
 * @prompt: a prompt
 * @choice: the id of one of its choices
 *
 * Returns: (transfer full) (nullable): the `signet trust` command line that
 *   records @choice, or %NULL when it cannot be recorded from another
 *   program (a decision for this session only)
 */
char *
signet_claws_prompt_command (SignetPrompt *prompt, const char *choice)
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
append_prompt (GString *out, SignetPrompt *prompt)
{
  guint n_choices = signet_prompt_get_n_choices (prompt);

  g_string_append_printf (out, "\n%s\n", signet_prompt_get_title (prompt));
  if (signet_prompt_get_explanation (prompt) != NULL)
    g_string_append_printf (out, "%s\n", signet_prompt_get_explanation (prompt));
  if (signet_prompt_get_advice (prompt) != NULL)
    g_string_append_printf (out, "%s\n", signet_prompt_get_advice (prompt));

  for (guint i = 0; i < signet_prompt_get_n_facts (prompt); i++)
    {
      const char *value = signet_prompt_get_fact_value (prompt, i);
      g_auto (GStrv) lines = NULL;

      if (value == NULL || *value == '\0')
        continue;
      /* The label on its own line, the value (a grouped fingerprint
       * spans two lines) indented under it. */
      lines = g_strsplit (value, "\n", -1);
      /* Translators: a fact of a trust question, before its value. */
      g_string_append_printf (out, _ ("  %s:\n"), signet_prompt_get_fact_label (prompt, i));
      for (guint j = 0; lines[j] != NULL; j++)
        g_string_append_printf (out, "    %s\n", lines[j]);
    }

  if (n_choices == 0)
    return;
  g_string_append_printf (out, "\n%s\n",
                          /* Translators: the menu path and the shortcut of the plugin's
                           * trust window; keep them as the menu shows them. */
                          _ ("Your choices: answer in Tools → Signet: Trust Questions… "
                             "(Shift+Ctrl+K), or record a lasting one in a terminal with "
                             "its command:"));
  for (guint i = 0; i < n_choices; i++)
    {
      const char *id = signet_prompt_get_choice_id (prompt, i);
      g_autofree char *command = signet_claws_prompt_command (prompt, id);

      g_string_append_printf (out, "  %u. %s\n", i + 1, signet_prompt_get_choice_label (prompt, i));
      if (command != NULL)
        g_string_append_printf (out, "      $ %s\n", command);
      else
        g_string_append_printf (out, "      %s\n",
                                _ ("(for this session only: in the Trust Questions window)"));
    }
}

/**
 * signet_claws_prompt_signatures:
 * @report: the report of the message
 * @part_path: (nullable): the signed part Claws shows
 *
 * Returns: (transfer container) (element-type SignetSignature): the
 *   signatures of @part_path, or all signatures of @report when none is
 *   of @part_path
 */
GPtrArray *
signet_claws_prompt_signatures (SignetReport *report, const char *part_path)
{
  GPtrArray *all = signet_report_get_signatures (report);
  GPtrArray *mine = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (signet_signature_get_part (g_ptr_array_index (all, i)), part_path) == 0)
      g_ptr_array_add (mine, g_object_ref (g_ptr_array_index (all, i)));
  if (mine->len == 0)
    for (guint i = 0; i < all->len; i++)
      g_ptr_array_add (mine, g_object_ref (g_ptr_array_index (all, i)));
  return mine;
}

/**
 * signet_claws_prompts_new:
 * @report: the report of the message
 * @part_path: (nullable): the signed part Claws shows, %NULL for all
 *
 * Returns: (transfer full) (element-type SignetPrompt): the prompts of the
 *   signatures of @part_path that have one (all signatures when none is
 *   of @part_path), asked with the plugin's trust model
 */
GPtrArray *
signet_claws_prompts_new (SignetReport *report, const char *part_path)
{
  g_autoptr (GPtrArray) mine = signet_claws_prompt_signatures (report, part_path);
  SignetVerifier *verifier = signet_claws_get_verifier ();
  SignetTrust *trust = verifier != NULL ? signet_verifier_get_trust (verifier) : NULL;
  g_autoptr (GPtrArray) prompts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < mine->len; i++)
    {
      SignetSignature *sig = g_ptr_array_index (mine, i);
      SignetPrompt *prompt;

      prompt = signet_prompt_new_for_signature (sig, trust);
      if (prompt != NULL)
        g_ptr_array_add (prompts, prompt);
    }
  return g_steal_pointer (&prompts);
}

/**
 * signet_claws_prompts_append:
 * @report: the report of the message
 * @part_path: the signed part Claws shows
 * @out: the full information text being built
 *
 * Adds the trust prompt of every signature of @part_path that has one
 * (trust this root, accept a changed certificate, ...): its title,
 * explanation, facts, and its choices, each with the `signet trust`
 * command line that records it.
 *
 * Returns: (transfer full) (nullable): the first prompt added, %NULL
 *   when none was
 */
SignetPrompt *
signet_claws_prompts_append (SignetReport *report, const char *part_path, GString *out)
{
  g_autoptr (GPtrArray) prompts = NULL;

  g_return_val_if_fail (SIGNET_IS_REPORT (report), NULL);
  g_return_val_if_fail (out != NULL, NULL);

  prompts = signet_claws_prompts_new (report, part_path);
  for (guint i = 0; i < prompts->len; i++)
    append_prompt (out, g_ptr_array_index (prompts, i));
  if (prompts->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (prompts, 0));
}
