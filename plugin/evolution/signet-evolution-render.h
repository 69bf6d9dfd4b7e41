/* signet-evolution-render.h: Signet's report as HTML for Evolution's reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-report.h"

G_BEGIN_DECLS

char *signet_evolution_render_verdict_line (SignetReport *report);
void signet_evolution_render_report (SignetReport *report, GString *html);
void signet_evolution_render_prompt (SignetReport *report, GString *html);

G_END_DECLS
