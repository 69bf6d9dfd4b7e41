/* signet-error.h: the error domain for operational failures.
 *
 * Validation outcomes (bad signature, expired, revoked, ...) are never
 * errors: they are warnings in a #SignetReport.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SIGNET_ERROR:
 *
 * Error domain for Signet's operational failures. Errors in this domain are
 * from the #SignetError enumeration.
 *
 * Since: 0.1
 */
#define SIGNET_ERROR (signet_error_quark ())

/**
 * SignetError:
 * @SIGNET_ERROR_FAILED: a failure with no more specific code
 * @SIGNET_ERROR_PARSE: the input is not well-formed (MIME, DER, PEM, base64)
 * @SIGNET_ERROR_IO: the input could not be read or the output written
 * @SIGNET_ERROR_LIMIT: the input exceeds one of Signet's limits
 * @SIGNET_ERROR_UNSUPPORTED: the input uses something Signet does not implement
 * @SIGNET_ERROR_CANCELLED: the operation was cancelled
 *
 * Operational failures. None of them says anything about whether a
 * signature or a certificate is valid.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_ERROR_FAILED,
  SIGNET_ERROR_PARSE,
  SIGNET_ERROR_IO,
  SIGNET_ERROR_LIMIT,
  SIGNET_ERROR_UNSUPPORTED,
  SIGNET_ERROR_CANCELLED,
} SignetError;

GQuark signet_error_quark (void);

G_END_DECLS
