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

/* The classes of the buttons of Signet's box, which the display extension
 * listens to, and the border colours that set them apart on screen. */
#define SIGNET_EVOLUTION_CLASS_CHOICE "signet-choice"
#define SIGNET_EVOLUTION_CLASS_IMPORT "signet-import"
#define SIGNET_EVOLUTION_CLASS_EXPORT "signet-export"
#define SIGNET_EVOLUTION_COLOUR_CHOICE "#3b1f8e"
#define SIGNET_EVOLUTION_COLOUR_IMPORT "#1e7b6f"
#define SIGNET_EVOLUTION_COLOUR_EXPORT "#8e1f5a"

char *signet_evolution_render_verdict_line (SignetReport *report);
GPtrArray *signet_evolution_render_report (SignetReport *report,
                                           SignetTrust *trust,
                                           const char *message_id,
                                           gboolean interactive,
                                           GString *html);
char *signet_evolution_render_prompt_command (SignetPrompt *prompt, const char *choice);

G_END_DECLS
