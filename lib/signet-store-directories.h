/* signet-store-directories.h: the directories the user configured (LDAP,
 * DANE), kept in the certificate store (table "directories", store schema
 * version 2). Implemented in signet-store.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "signet-store.h"

G_BEGIN_DECLS

/**
 * SignetStoreDirectory:
 * @name: the user's name for the directory (unique)
 * @kind: "ldap" or "dane"
 * @url: an `ldap://` / `ldaps://` URL (host, port, base DN, scope,
 *   filter), or for DANE `dns:` / `dns://RESOLVER[:PORT]`
 * @timeout: seconds a lookup may take
 * @size_limit: most entries (LDAP) or records (DANE) read per lookup
 * @position: lookup order (ascending)
 * @added: when it was configured (Unix time)
 *
 * One configured directory.
 */
typedef struct
{
  char *name;
  char *kind;
  char *url;
  guint timeout;
  guint size_limit;
  gint64 position;
  gint64 added;
} SignetStoreDirectory;

void signet_store_directory_free (SignetStoreDirectory *directory);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetStoreDirectory, signet_store_directory_free)

gboolean signet_store_add_directory (SignetStore *self,
                                     const SignetStoreDirectory *directory,
                                     GError **error);
GPtrArray *signet_store_list_directories (SignetStore *self, GError **error);
gboolean signet_store_remove_directory (SignetStore *self,
                                        const char *name,
                                        gboolean *removed,
                                        GError **error);

G_END_DECLS
