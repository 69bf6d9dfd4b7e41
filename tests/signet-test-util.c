/* signet-test-util.c: see signet-test-util.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-test-util.h"

void
signet_test_collect_files (const char *dir, gboolean (*want) (const char *name), GPtrArray *out)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        signet_test_collect_files (path, want, out);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && (want == NULL || want (name)))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}
