/* signet-evolution-part.h: the mail part carrying Signet's report.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "signet-evolution-autocleanups.h"

#include "signet-report.h"

G_BEGIN_DECLS

/* The MIME type of the part, which the formatter extension renders. */
#define SIGNET_EVOLUTION_PART_MIME_TYPE "application/vnd.signet.report"

#define SIGNET_TYPE_EVOLUTION_PART (signet_evolution_part_get_type ())
G_DECLARE_FINAL_TYPE (SignetEvolutionPart, signet_evolution_part, SIGNET, EVOLUTION_PART, EMailPart)

void signet_evolution_part_type_register (GTypeModule *type_module);

EMailPart *signet_evolution_part_new (CamelMimePart *mime_part,
                                      const char *id,
                                      SignetReport *report,
                                      guint generation,
                                      GBytes *checked,
                                      gboolean online,
                                      const char *message_id,
                                      const char *subject);

SignetReport *signet_evolution_part_dup_report (SignetEvolutionPart *self, guint *generation);
void signet_evolution_part_set_report (SignetEvolutionPart *self,
                                       SignetReport *report,
                                       guint generation);
GBytes *signet_evolution_part_get_checked (SignetEvolutionPart *self);
gboolean signet_evolution_part_get_online (SignetEvolutionPart *self);
const char *signet_evolution_part_get_message_id (SignetEvolutionPart *self);
const char *signet_evolution_part_get_subject (SignetEvolutionPart *self);

G_END_DECLS
