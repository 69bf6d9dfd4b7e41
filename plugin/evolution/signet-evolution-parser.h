/* signet-evolution-parser.h: runs Signet on S/MIME signed parts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "signet-evolution-autocleanups.h"
#include "signet-evolution-part.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_EVOLUTION_PARSER (signet_evolution_parser_get_type ())
G_DECLARE_FINAL_TYPE (
    SignetEvolutionParser, signet_evolution_parser, SIGNET, EVOLUTION_PARSER, EMailParserExtension)

void signet_evolution_parser_type_register (GTypeModule *type_module);

gboolean signet_evolution_parser_refresh_part (SignetEvolutionPart *part,
                                               gboolean allow_online,
                                               GCancellable *cancellable);

G_END_DECLS
