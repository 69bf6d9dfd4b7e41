/* signet-evolution-render.h: Signet's report as HTML for Evolution's reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-prompt.h"
#include "signet-report.h"
#include "signet-trust.h"

G_BEGIN_DECLS

char *signet_evolution_render_verdict_line (SignetReport *report);
GPtrArray *signet_evolution_render_report (SignetReport *report, SignetTrust *trust, GString *html);
GPtrArray *signet_evolution_render_prompt (SignetReport *report, SignetTrust *trust, GString *html);
char *signet_evolution_render_prompt_command (SignetPrompt *prompt, const char *choice);

G_END_DECLS
