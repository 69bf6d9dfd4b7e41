/* signet-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-error.h"

/**
 * signet_error_quark:
 *
 * Gets the error domain of Signet's operational failures.
 *
 * Returns: the quark of the %SIGNET_ERROR domain
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (signet-error-quark, signet_error)
