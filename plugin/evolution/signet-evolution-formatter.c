/* signet-evolution-formatter.c: renders Signet's part in the reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-evolution-formatter.h"

#include <glib/gi18n-lib.h>

#include "signet-evolution-checker.h"
#include "signet-evolution-parser.h"
#include "signet-evolution-part.h"
#include "signet-evolution-render.h"

/**
 * SignetEvolutionFormatter:
 *
 * An #EMailFormatterExtension for %SIGNET_EVOLUTION_PART_MIME_TYPE: writes
 * the HTML box of signet_evolution_render_report() where the part sits,
 * right under the message headers, and notes what it showed in the result
 * log (see #SignetEvolutionChecker).
 */
struct _SignetEvolutionFormatter
{
  EMailFormatterExtension parent_instance;
};

G_DEFINE_DYNAMIC_TYPE_EXTENDED (SignetEvolutionFormatter,
                                signet_evolution_formatter,
                                E_TYPE_MAIL_FORMATTER_EXTENSION,
                                G_TYPE_FLAG_FINAL,
                                {})

static const char *formatter_mime_types[] = { SIGNET_EVOLUTION_PART_MIME_TYPE, NULL };

static gboolean
signet_evolution_formatter_format (EMailFormatterExtension *extension,
                                   EMailFormatter *formatter,
                                   EMailFormatterContext *context,
                                   EMailPart *part,
                                   GOutputStream *stream,
                                   GCancellable *cancellable)
{
  SignetEvolutionPart *signet_part;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GString) html = NULL;
  g_autoptr (SignetTrust) trust = NULL;
  g_autoptr (GPtrArray) prompts = NULL;
  g_autofree char *line = NULL;

  if (!SIGNET_IS_EVOLUTION_PART (part))
    return FALSE;

  /* Nothing to show in a message's source or in a raw part. */
  if (context->mode == E_MAIL_FORMATTER_MODE_SOURCE || context->mode == E_MAIL_FORMATTER_MODE_RAW)
    return TRUE;

  signet_part = SIGNET_EVOLUTION_PART (part);
  /* A trust decision made since the message was parsed (from this or
   * another message's box): check again, from what is known already, as
   * this may run on the main thread. */
  signet_evolution_parser_refresh_part (signet_part, FALSE, cancellable);
  report = signet_evolution_part_dup_report (signet_part, NULL);
  html = g_string_new (NULL);
  trust = signet_evolution_checker_dup_trust (signet_evolution_checker_get_default ());
  prompts = signet_evolution_render_report (report, trust,
                                            signet_evolution_part_get_message_id (signet_part),
                                            context->mode != E_MAIL_FORMATTER_MODE_PRINTING, html);
  if (!g_output_stream_write_all (stream, html->str, html->len, NULL, cancellable, NULL))
    return FALSE;

  line = signet_evolution_render_verdict_line (report);
  signet_evolution_checker_log_result (
      signet_evolution_checker_get_default (), signet_evolution_part_get_message_id (signet_part),
      signet_evolution_part_get_subject (signet_part), report, line,
      prompts->len > 0 ? g_ptr_array_index (prompts, 0) : NULL,
      (e_mail_part_get_validity_flags (part) &
       (E_MAIL_PART_VALIDITY_SMIME | E_MAIL_PART_VALIDITY_SIGNED)) ==
          (E_MAIL_PART_VALIDITY_SMIME | E_MAIL_PART_VALIDITY_SIGNED));
  return TRUE;
}

static void
signet_evolution_formatter_class_init (SignetEvolutionFormatterClass *klass)
{
  EMailFormatterExtensionClass *extension_class = E_MAIL_FORMATTER_EXTENSION_CLASS (klass);

  extension_class->display_name = C_ ("evolution", "Signet");
  extension_class->description =
      C_ ("evolution", "What Signet found in the message's S/MIME signatures");
  extension_class->mime_types = formatter_mime_types;
  extension_class->format = signet_evolution_formatter_format;
}

static void
signet_evolution_formatter_class_finalize (SignetEvolutionFormatterClass *klass)
{
}

static void
signet_evolution_formatter_init (SignetEvolutionFormatter *self)
{
}

/**
 * signet_evolution_formatter_type_register:
 * @type_module: the module
 *
 * Registers the type with @type_module (from e_module_load()).
 */
void
signet_evolution_formatter_type_register (GTypeModule *type_module)
{
  signet_evolution_formatter_register_type (type_module);
}
