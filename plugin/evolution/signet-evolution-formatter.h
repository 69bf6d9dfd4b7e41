/* signet-evolution-formatter.h: renders Signet's part in the reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "signet-evolution-autocleanups.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_EVOLUTION_FORMATTER (signet_evolution_formatter_get_type ())
G_DECLARE_FINAL_TYPE (SignetEvolutionFormatter,
                      signet_evolution_formatter,
                      SIGNET,
                      EVOLUTION_FORMATTER,
                      EMailFormatterExtension)

void signet_evolution_formatter_type_register (GTypeModule *type_module);

G_END_DECLS
