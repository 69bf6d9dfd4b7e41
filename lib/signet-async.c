/* signet-async.c: GTask wrappers running SignetStore operations in a
 * worker thread. The store serialises access with its own lock, so the
 * blocking functions are safe to call from any thread.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-async.h"

#include "signet-error.h"

typedef struct
{
  char *text;   /* path, address or fingerprint */
  char *origin; /* origin or fetched-from URL */
  SignetCrl *crl;
  gint64 when;
} StoreTaskData;

static void
store_task_data_free (StoreTaskData *data)
{
  g_free (data->text);
  g_free (data->origin);
  g_clear_object (&data->crl);
  g_free (data);
}

static GTask *
store_task_new (SignetStore *self,
                gpointer source_tag,
                const char *text,
                const char *origin,
                SignetCrl *crl,
                gint64 when,
                GCancellable *cancellable,
                GAsyncReadyCallback callback,
                gpointer user_data)
{
  GTask *task;
  StoreTaskData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  data = g_new0 (StoreTaskData, 1);
  data->text = g_strdup (text);
  data->origin = g_strdup (origin);
  data->crl = crl ? g_object_ref (crl) : NULL;
  data->when = when;
  g_task_set_task_data (task, data, (GDestroyNotify) store_task_data_free);
  return task;
}

/* Import */

static void
import_file_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StoreTaskData *data = task_data;
  g_autoptr (GPtrArray) certificates = NULL;
  GError *error = NULL;
  guint n_added = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  certificates = signet_certificate_list_from_file (data->text, &error);
  if (certificates == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (signet_store_add_certificates (SIGNET_STORE (source), certificates, data->origin, data->when,
                                     &n_added, &error))
    g_task_return_int (task, n_added);
  else
    g_task_return_error (task, error);
}

/**
 * signet_store_import_file_async:
 * @self: a store
 * @path: (type filename): a file holding a DER certificate or a PEM bundle
 * @origin: (nullable): where the certificates come from, recorded with
 *   them (for example the file name)
 * @when: the time to record as first/last seen (Unix time)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the store's transaction started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Reads the certificates of @path and adds them to the store in one
 * transaction, in a worker thread: the asynchronous form of
 * signet_certificate_list_from_file() followed by
 * signet_store_add_certificates().
 *
 * Since: 0.1
 */
void
signet_store_import_file_async (SignetStore *self,
                                const char *path,
                                const char *origin,
                                gint64 when,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (path != NULL);

  task = store_task_new (self, signet_store_import_file_async, path, origin, NULL, when,
                         cancellable, callback, user_data);
  g_task_run_in_thread (task, import_file_thread);
}

/**
 * signet_store_import_file_finish:
 * @self: a store
 * @result: the result given to the callback
 * @n_added: (out) (optional): how many certificates were new to the store
 * @error: return location for a #GError
 *
 * Finishes signet_store_import_file_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set (%SIGNET_ERROR_IO,
 *   %SIGNET_ERROR_PARSE, %SIGNET_ERROR_LIMIT or %G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
gboolean
signet_store_import_file_finish (SignetStore *self,
                                 GAsyncResult *result,
                                 guint *n_added,
                                 GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_store_import_file_async,
                        FALSE);

  if (n_added)
    *n_added = 0;
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_added)
    *n_added = (guint) n;
  return TRUE;
}

/* List */

static void
list_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StoreTaskData *data = task_data;
  GPtrArray *records;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  records = signet_store_list (SIGNET_STORE (source), data->text, &error);
  if (records)
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * signet_store_list_async:
 * @self: a store
 * @address: (nullable): only the certificates of this address
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_list() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_list_async (SignetStore *self,
                         const char *address,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_STORE (self));

  task = store_task_new (self, signet_store_list_async, address, NULL, NULL, 0, cancellable,
                         callback, user_data);
  g_task_run_in_thread (task, list_thread);
}

/**
 * signet_store_list_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_list_async().
 *
 * Returns: (transfer full) (element-type SignetStoreRecord): the
 *   records, ordered by subject, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_list_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_store_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Remove */

static void
remove_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StoreTaskData *data = task_data;
  GError *error = NULL;
  gboolean removed = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (signet_store_remove (SIGNET_STORE (source), data->text, &removed, &error))
    g_task_return_int (task, removed ? 1 : 0);
  else
    g_task_return_error (task, error);
}

/**
 * signet_store_remove_async:
 * @self: a store
 * @sha256: the SHA-256 fingerprint (lower-case hex) of the certificate
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_remove() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_remove_async (SignetStore *self,
                           const char *sha256,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (sha256 != NULL);

  task = store_task_new (self, signet_store_remove_async, sha256, NULL, NULL, 0, cancellable,
                         callback, user_data);
  g_task_run_in_thread (task, remove_thread);
}

/**
 * signet_store_remove_finish:
 * @self: a store
 * @result: the result given to the callback
 * @removed: (out) (optional): whether the store held the certificate
 * @error: return location for a #GError
 *
 * Finishes signet_store_remove_async().
 *
 * Returns: %TRUE on success (also when there was nothing to remove),
 *   %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_remove_finish (SignetStore *self,
                            GAsyncResult *result,
                            gboolean *removed,
                            GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_store_remove_async,
                        FALSE);

  if (removed)
    *removed = FALSE;
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (removed)
    *removed = n > 0;
  return TRUE;
}

/* CRLs */

static void
add_crl_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StoreTaskData *data = task_data;
  GError *error = NULL;
  SignetStoreCrlResult result = SIGNET_STORE_CRL_ADDED;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (signet_store_add_crl (SIGNET_STORE (source), data->crl, data->origin, data->when, &result,
                            &error))
    g_task_return_int (task, result);
  else
    g_task_return_error (task, error);
}

/**
 * signet_store_add_crl_async:
 * @self: a store
 * @crl: the CRL
 * @fetched_from: (nullable): the URL it was fetched from, %NULL when it
 *   came with a message or was imported
 * @when: the time to record (Unix time)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the store's transaction started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_add_crl() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_add_crl_async (SignetStore *self,
                            SignetCrl *crl,
                            const char *fetched_from,
                            gint64 when,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (SIGNET_IS_CRL (crl));

  task = store_task_new (self, signet_store_add_crl_async, NULL, fetched_from, crl, when,
                         cancellable, callback, user_data);
  g_task_run_in_thread (task, add_crl_thread);
}

/**
 * signet_store_add_crl_finish:
 * @self: a store
 * @result: the result given to the callback
 * @result_out: (out) (optional): what the store did with the CRL
 * @error: return location for a #GError
 *
 * Finishes signet_store_add_crl_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_add_crl_finish (SignetStore *self,
                             GAsyncResult *result,
                             SignetStoreCrlResult *result_out,
                             GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_store_add_crl_async,
                        FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (result_out)
    *result_out = (SignetStoreCrlResult) n;
  return TRUE;
}
