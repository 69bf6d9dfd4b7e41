/* signet-store-cli.h: the store subcommands of the signet tool.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the arguments after "signet" (argv[0] is the subcommand) and
 * returns the exit status: 0 success, 4 error. */
int signet_cli_import (int argc, char **argv);
int signet_cli_export (int argc, char **argv);
int signet_cli_list (int argc, char **argv);
int signet_cli_show (int argc, char **argv);
int signet_cli_remove (int argc, char **argv);

G_END_DECLS
