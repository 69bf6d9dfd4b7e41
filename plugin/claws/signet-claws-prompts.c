/* signet-claws-prompts.c: where trust decisions will be offered.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-claws.h"

/**
 * signet_claws_prompts_append:
 * @report: the report of the message
 * @part_path: the signed part Claws shows
 * @out: the full information text being built
 *
 * The single place where the facts and choices of Signet's trust prompts
 * (trust this root, accept a changed certificate, ...) are added to the
 * full information of a signed part. The library does not produce prompts
 * yet, so nothing is added: the plugin shows only what the report holds
 * and never invents a choice.
 *
 * Returns: whether anything was added
 */
gboolean
signet_claws_prompts_append (SignetReport *report, const char *part_path, GString *out)
{
  g_return_val_if_fail (SIGNET_IS_REPORT (report), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return FALSE;
}
