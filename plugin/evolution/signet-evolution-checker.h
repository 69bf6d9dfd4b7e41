/* signet-evolution-checker.h: the Signet core as the Evolution module uses it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-prompt.h"
#include "signet-report.h"
#include "signet-store.h"
#include "signet-trust.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_EVOLUTION_CHECKER (signet_evolution_checker_get_type ())
G_DECLARE_FINAL_TYPE (
    SignetEvolutionChecker, signet_evolution_checker, SIGNET, EVOLUTION_CHECKER, GObject)

SignetEvolutionChecker *signet_evolution_checker_get_default (void);

SignetReport *signet_evolution_checker_verify (SignetEvolutionChecker *self,
                                               GBytes *message,
                                               gboolean online,
                                               GCancellable *cancellable,
                                               guint *generation);

SignetTrust *signet_evolution_checker_dup_trust (SignetEvolutionChecker *self);

void signet_evolution_checker_log_result (SignetEvolutionChecker *self,
                                          const char *message_id,
                                          const char *subject,
                                          SignetReport *report,
                                          const char *rendered_line,
                                          SignetPrompt *prompt,
                                          gboolean host_smime_signed);

void signet_evolution_checker_log_event (SignetEvolutionChecker *self,
                                         const char *event,
                                         const char *message_id,
                                         gboolean ok,
                                         const char *first_key,
                                         ...) G_GNUC_NULL_TERMINATED;

char *signet_evolution_checker_remember (SignetEvolutionChecker *self,
                                         SignetSignature *signature,
                                         SignetPrompt *prompt,
                                         const char *message_id);
gboolean signet_evolution_checker_lookup (SignetEvolutionChecker *self,
                                          const char *token,
                                          SignetSignature **signature,
                                          SignetPrompt **prompt,
                                          char **message_id);

guint signet_evolution_checker_get_generation (SignetEvolutionChecker *self);
gboolean signet_evolution_checker_apply (SignetEvolutionChecker *self,
                                         SignetPrompt *prompt,
                                         const char *choice,
                                         GError **error);
SignetStore *signet_evolution_checker_dup_store (SignetEvolutionChecker *self);

G_END_DECLS
