/* signet-evolution-checker.h: the Signet core as the Evolution module uses it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-prompt.h"
#include "signet-report.h"
#include "signet-trust.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_EVOLUTION_CHECKER (signet_evolution_checker_get_type ())
G_DECLARE_FINAL_TYPE (
    SignetEvolutionChecker, signet_evolution_checker, SIGNET, EVOLUTION_CHECKER, GObject)

SignetEvolutionChecker *signet_evolution_checker_get_default (void);

SignetReport *signet_evolution_checker_verify (SignetEvolutionChecker *self,
                                               GBytes *message,
                                               gboolean online,
                                               GCancellable *cancellable);

SignetTrust *signet_evolution_checker_dup_trust (SignetEvolutionChecker *self);

void signet_evolution_checker_log_result (SignetEvolutionChecker *self,
                                          const char *message_id,
                                          const char *subject,
                                          SignetReport *report,
                                          const char *rendered_line,
                                          SignetPrompt *prompt,
                                          gboolean host_smime_signed);

G_END_DECLS
