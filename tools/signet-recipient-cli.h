/* signet-recipient-cli.h: `signet recipient`, `signet request`,
 * `signet directory` and `signet attribute-certs`.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of `signet recipient`. */
#define SIGNET_CLI_RECIPIENT_OK 0       /* a usable certificate was chosen */
#define SIGNET_CLI_RECIPIENT_OVERRIDE 2 /* an unusable one was chosen by --override */
#define SIGNET_CLI_RECIPIENT_NONE 3     /* no usable certificate */
#define SIGNET_CLI_RECIPIENT_ERROR 4

/* Each takes the arguments after "signet" (argv[0] is the subcommand) and
 * returns the exit status. */
int signet_cli_recipient (int argc, char **argv);
int signet_cli_request (int argc, char **argv);
int signet_cli_directory (int argc, char **argv);
int signet_cli_attribute_certs (int argc, char **argv);

G_END_DECLS
