/* signet-evolution-display.h: the buttons of Signet's box and the alert bar.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libedataserver/libedataserver.h>

G_BEGIN_DECLS

#define SIGNET_TYPE_EVOLUTION_DISPLAY (signet_evolution_display_get_type ())
G_DECLARE_FINAL_TYPE (
    SignetEvolutionDisplay, signet_evolution_display, SIGNET, EVOLUTION_DISPLAY, EExtension)

void signet_evolution_display_type_register (GTypeModule *type_module);

G_END_DECLS
