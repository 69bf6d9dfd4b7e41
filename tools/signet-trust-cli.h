/* signet-trust-cli.h: `signet trust` and the interactive trust question.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-prompt.h"
#include "signet-trust.h"

G_BEGIN_DECLS

/* `signet trust list|add|remove|distrust`; argv[0] is "trust". Returns the
 * exit status: 0 success, 4 error. */
int signet_cli_trust (int argc, char **argv);

/* Shows @prompt on standard output and, when standard input is a
 * terminal, reads the answer (a choice number; an empty line or end of
 * input answers nothing) and records it with signet_trust_apply(). When
 * standard input is not a terminal it only shows the prompt. Returns 0
 * (answered or skipped) or 4 (the answer could not be recorded). */
int signet_cli_ask_prompt (SignetPrompt *prompt, SignetTrust *trust);

G_END_DECLS
