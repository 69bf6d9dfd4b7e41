/* signet-crl-cli.h: `signet crl fetch|list|import`.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes the arguments after "signet" (argv[0] is "crl") and returns the
 * exit status: 0 success, 4 error. */
int signet_cli_crl (int argc, char **argv);

G_END_DECLS
