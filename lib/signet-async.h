/* signet-async.h: asynchronous forms of the SignetStore operations that
 * touch the disk and have no _async variant in signet-store.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-crl.h"
#include "signet-store.h"

G_BEGIN_DECLS

void signet_store_import_file_async (SignetStore *self,
                                     const char *path,
                                     const char *origin,
                                     gint64 when,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean signet_store_import_file_finish (SignetStore *self,
                                          GAsyncResult *result,
                                          guint *n_added,
                                          GError **error);

void signet_store_list_async (SignetStore *self,
                              const char *address,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
GPtrArray *signet_store_list_finish (SignetStore *self,
                                     GAsyncResult *result,
                                     GError **error);

void signet_store_remove_async (SignetStore *self,
                                const char *sha256,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
gboolean signet_store_remove_finish (SignetStore *self,
                                     GAsyncResult *result,
                                     gboolean *removed,
                                     GError **error);

void signet_store_add_crl_async (SignetStore *self,
                                 SignetCrl *crl,
                                 const char *fetched_from,
                                 gint64 when,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean signet_store_add_crl_finish (SignetStore *self,
                                      GAsyncResult *result,
                                      SignetStoreCrlResult *result_out,
                                      GError **error);

G_END_DECLS
