/* signet-strings.h: every sentence Signet shows a person.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *signet_strings_warning_message (const char *code, GVariant *details);
const char *signet_strings_verdict_title (const char *verdict);
char *signet_strings_verdict_line (const char *verdict, const char *signer, const char *address);

G_END_DECLS
