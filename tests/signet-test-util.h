/* signet-test-util.h: small helpers shared by the test programs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends to @out (element-type filename, owned) the path of every
 * regular file below @dir, recursively, whose name @want accepts (every
 * file when @want is NULL). A folder that cannot be read adds nothing. */
void signet_test_collect_files (const char *dir, gboolean (*want) (const char *name), GPtrArray *out);

G_END_DECLS
