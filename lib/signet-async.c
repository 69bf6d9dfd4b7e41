/* signet-async.c: GTask wrappers running blocking operations in a worker
 * thread. The store serialises access with its own lock, the verifier is
 * safe to use from several threads once configured, and SignetTrust keeps
 * its session decisions under a lock and writes through the store, and the
 * built-in anchor loaders take turns with the PKCS#11 modules, so the
 * blocking functions are safe to call from any thread.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-async.h"

#include <gio/gunixinputstream.h>

#include "signet-error.h"
#include "signet-limits.h"

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
  g_task_set_name (task, "signet store operation");
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
 * Returns: (transfer container) (element-type SignetStoreRecord): the
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

/* The other operations share one task data and one result type: each
 * operation picks the fields it needs. */

typedef enum
{
  OP_CERTIFICATE_LIST_FROM_FILE,
  OP_CRL_LIST_FROM_FILE,
  OP_STORE_OPEN,
  OP_FIND_BY_SUBJECT,
  OP_FIND_BY_ISSUER_SERIAL,
  OP_FIND_BY_SUBJECT_KEY_ID,
  OP_LOOKUP,
  OP_LIST_CRLS,
  OP_FIND_CRLS_BY_ISSUER,
  OP_RECORD_SIGNER,
  OP_GET_LAST_SIGNER,
  OP_LOOKUP_VERDICT,
  OP_ADD_TRUST,
  OP_LIST_TRUST,
  OP_REMOVE_TRUST,
  OP_CHECK_CERTIFICATE,
  OP_TRUST_NEW,
  OP_TRUST_LIST,
  OP_TRUST_UNDO,
  OP_TRUST_APPLY,
  OP_LOOKUP_RECORD,
  OP_FIND_REVOCATIONS,
  OP_RECORD_VERDICT,
  OP_TRUST_ADD_ANCHOR,
  OP_RESOLVE_FINGERPRINT,
  OP_RECORD_OCSP,
  OP_LOOKUP_OCSP,
  OP_TRUST_REMOVE_ANCHOR,
  OP_TRUST_DISTRUST,
  OP_TRUST_PIN,
  OP_TRUST_UNDO_CERTIFICATE,
  OP_TRUST_GET_BUILTIN_ANCHORS,
  OP_TRUST_GET_ANCHORS,
  OP_TRUST_IS_ANCHOR,
  OP_TRUST_IS_DISTRUSTED,
  OP_TRUST_GET_PIN,
  OP_TRUST_IS_PINNED,
  OP_TRUST_REVIEW_SIGNATURE,
  OP_ANCHORS_LOAD_MOZILLA,
  OP_ANCHORS_LOAD_SYSTEM,
  OP_ANCHORS_LOAD,
  OP_PROMPT_NEW_FOR_SIGNATURE,
} OpKind;

typedef struct
{
  OpKind kind;
  char *text1;
  char *text2;
  char *text3;
  GBytes *bytes1;
  GBytes *bytes2;
  GObject *object1;
  GObject *object2;
  SignetStoreTrustRecord *record;
  gint64 number;
  gint64 number2;
  gint64 number3;
  guint flags;
} OpData;

typedef struct
{
  gpointer value;
  GDestroyNotify value_free;
  gint64 number;
  char *text; /* a second result (the OCSP responder URL) */
} OpResult;

static void
op_data_free (OpData *data)
{
  g_free (data->text1);
  g_free (data->text2);
  g_free (data->text3);
  g_clear_pointer (&data->bytes1, g_bytes_unref);
  g_clear_pointer (&data->bytes2, g_bytes_unref);
  g_clear_object (&data->object1);
  g_clear_object (&data->object2);
  g_clear_pointer (&data->record, signet_store_trust_record_free);
  g_free (data);
}

static void
op_result_free (OpResult *result)
{
  if (result->value && result->value_free)
    result->value_free (result->value);
  g_free (result->text);
  g_free (result);
}

/* Returns a new task whose data the caller fills in, then runs op_run(). */
static GTask *
op_task_new (gpointer source,
             gpointer source_tag,
             const char *name,
             OpKind kind,
             GCancellable *cancellable,
             GAsyncReadyCallback callback,
             gpointer user_data,
             OpData **data_out)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  OpData *data = g_new0 (OpData, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  data->kind = kind;
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  *data_out = data;
  return task;
}

static void
op_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OpData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autofree OpResult *result = g_new0 (OpResult, 1);
  gboolean ok = TRUE;
  gboolean flag = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (data->kind)
    {
    case OP_CERTIFICATE_LIST_FROM_FILE:
      result->value = signet_certificate_list_from_file (data->text1, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_CRL_LIST_FROM_FILE:
      result->value = signet_crl_list_from_file (data->text1, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_STORE_OPEN:
      result->value = signet_store_open_full (data->text1, (SignetStoreFlags) data->flags, &error);
      result->value_free = g_object_unref;
      ok = result->value != NULL;
      break;
    case OP_FIND_BY_SUBJECT:
      result->value = signet_store_find_by_subject (source, data->bytes1, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_FIND_BY_ISSUER_SERIAL:
      result->value =
          signet_store_find_by_issuer_serial (source, data->bytes1, data->bytes2, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_FIND_BY_SUBJECT_KEY_ID:
      result->value = signet_store_find_by_subject_key_id (source, data->bytes1, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_LOOKUP:
      /* NULL without an error: not in the store */
      result->value = signet_store_lookup (source, data->text1, &error);
      result->value_free = g_object_unref;
      ok = error == NULL;
      break;
    case OP_LIST_CRLS:
      result->value = signet_store_list_crls (source, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_FIND_CRLS_BY_ISSUER:
      result->value = signet_store_find_crls_by_issuer (source, data->bytes1, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_RECORD_SIGNER:
      ok = signet_store_record_signer (source, data->text1, SIGNET_CERTIFICATE (data->object1),
                                       data->number, &error);
      break;
    case OP_GET_LAST_SIGNER:
      result->value = signet_store_get_last_signer (source, data->text1, &result->number, &error);
      result->value_free = g_object_unref;
      ok = error == NULL;
      break;
    case OP_LOOKUP_VERDICT:
      result->value =
          signet_store_lookup_verdict (source, data->text1, data->text2, &result->number, &error);
      result->value_free = g_free;
      ok = error == NULL;
      break;
    case OP_ADD_TRUST:
      ok = signet_store_add_trust (source, data->record,
                                   data->object1 ? SIGNET_CERTIFICATE (data->object1) : NULL,
                                   &result->number, &error);
      break;
    case OP_LIST_TRUST:
      result->value = signet_store_list_trust (source, data->text1, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_REMOVE_TRUST:
      ok = signet_store_remove_trust (source, data->number, &flag, &error);
      result->number = flag;
      break;
    case OP_CHECK_CERTIFICATE:
      result->value = signet_verifier_check_certificate (source, SIGNET_CERTIFICATE (data->object1),
                                                         data->text1);
      result->value_free = g_object_unref;
      ok = result->value != NULL;
      if (!ok)
        g_set_error_literal (&error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                             "The certificate could not be checked");
      break;
    case OP_TRUST_NEW:
      {
        SignetTrust *trust = signet_trust_new (data->object1 ? SIGNET_STORE (data->object1) : NULL,
                                               (SignetTrustSource) data->flags);
        /* Load the built-in anchors now, in this thread: the slow part. */
        g_autoptr (GPtrArray) anchors = signet_trust_get_builtin_anchors (trust);

        result->value = trust;
        result->value_free = g_object_unref;
      }
      break;
    case OP_TRUST_LIST:
      result->value = signet_trust_list (source, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_TRUST_UNDO:
      ok = signet_trust_undo (source, data->text1, &flag, &error);
      result->number = flag;
      break;
    case OP_TRUST_APPLY:
      ok = signet_trust_apply (source, SIGNET_PROMPT (data->object1), data->text1, &error);
      break;
    case OP_LOOKUP_RECORD:
      result->value = signet_store_lookup_record (source, data->text1, &error);
      result->value_free = (GDestroyNotify) signet_store_record_free;
      ok = error == NULL;
      break;
    case OP_FIND_REVOCATIONS:
      result->value = signet_store_find_revocations (source, data->bytes1, data->bytes2, &error);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      ok = result->value != NULL;
      break;
    case OP_RECORD_VERDICT:
      ok = signet_store_record_verdict (source, data->text1, data->text2, data->text3, data->number,
                                        &error);
      break;
    case OP_TRUST_ADD_ANCHOR:
      result->value = signet_trust_add_anchor (source, SIGNET_CERTIFICATE (data->object1),
                                               (SignetTrustScope) data->flags, data->text1, &error);
      result->value_free = g_free;
      ok = result->value != NULL;
      break;
    case OP_RESOLVE_FINGERPRINT:
      /* NULL without an error: no certificate matches */
      result->value = signet_store_resolve_fingerprint (source, data->text1, &error);
      result->value_free = g_free;
      ok = error == NULL;
      break;
    case OP_RECORD_OCSP:
      ok = signet_store_record_ocsp (source, data->text1, data->bytes1, data->bytes2, data->number,
                                     data->number2, data->text2, data->number3, &error);
      break;
    case OP_LOOKUP_OCSP:
      /* NULL without an error: no usable answer is stored */
      result->value = signet_store_lookup_ocsp (source, data->text1, data->bytes1, data->number,
                                                &result->text, &error);
      result->value_free = (GDestroyNotify) g_bytes_unref;
      ok = error == NULL;
      break;
    case OP_TRUST_REMOVE_ANCHOR:
      result->value = signet_trust_remove_anchor (source, SIGNET_CERTIFICATE (data->object1),
                                                  data->text1, &error);
      result->value_free = g_free;
      ok = result->value != NULL;
      break;
    case OP_TRUST_DISTRUST:
      result->value =
          signet_trust_distrust (source, data->object1 ? SIGNET_CERTIFICATE (data->object1) : NULL,
                                 data->text2, (SignetTrustScope) data->flags, data->text1, &error);
      result->value_free = g_free;
      ok = result->value != NULL;
      break;
    case OP_TRUST_PIN:
      result->value = signet_trust_pin (source, SIGNET_CERTIFICATE (data->object1), data->text2,
                                        (SignetTrustScope) data->flags, data->text1, &error);
      result->value_free = g_free;
      ok = result->value != NULL;
      break;
    case OP_TRUST_UNDO_CERTIFICATE:
      result->number = signet_trust_undo_certificate (source, data->text1, &error);
      ok = error == NULL;
      break;
    case OP_TRUST_GET_BUILTIN_ANCHORS:
      result->value = signet_trust_get_builtin_anchors (source);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      break;
    case OP_TRUST_GET_ANCHORS:
      result->value = signet_trust_get_anchors (source);
      result->value_free = (GDestroyNotify) g_ptr_array_unref;
      break;
    case OP_TRUST_IS_ANCHOR:
      result->number = signet_trust_is_anchor (source, SIGNET_CERTIFICATE (data->object1));
      break;
    case OP_TRUST_IS_DISTRUSTED:
      result->number = signet_trust_is_distrusted (source, SIGNET_CERTIFICATE (data->object1));
      break;
    case OP_TRUST_GET_PIN:
      result->value = signet_trust_get_pin (source, data->text1);
      result->value_free = g_object_unref;
      break;
    case OP_TRUST_IS_PINNED:
      result->number =
          signet_trust_is_pinned (source, data->text1, SIGNET_CERTIFICATE (data->object1));
      break;
    case OP_TRUST_REVIEW_SIGNATURE:
      signet_trust_review_signature (source, SIGNET_SIGNATURE (data->object1));
      break;
    case OP_ANCHORS_LOAD_MOZILLA:
      result->value = signet_trust_anchors_load_mozilla (data->text1, &error);
      result->value_free = (GDestroyNotify) signet_trust_anchors_free;
      ok = result->value != NULL;
      break;
    case OP_ANCHORS_LOAD_SYSTEM:
      result->value = signet_trust_anchors_load_system (data->text1, &error);
      result->value_free = (GDestroyNotify) signet_trust_anchors_free;
      ok = result->value != NULL;
      break;
    case OP_ANCHORS_LOAD:
      result->value = signet_trust_anchors_load ((SignetTrustSource) data->flags);
      result->value_free = (GDestroyNotify) signet_trust_anchors_free;
      break;
    case OP_PROMPT_NEW_FOR_SIGNATURE:
      /* NULL: nothing to ask */
      result->value = signet_prompt_new_for_signature (
          SIGNET_SIGNATURE (data->object1), data->object2 ? SIGNET_TRUST (data->object2) : NULL);
      result->value_free = g_object_unref;
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      /* an error without a message cannot happen; be safe anyway */
      if (error == NULL)
        g_set_error_literal (&error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "The operation failed");
      g_clear_pointer (&result, op_result_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) op_result_free);
}

/* Takes the result's value (transfer full), its number and its text
 * (transfer full); %FALSE with @error set on failure. */
static gboolean
op_finish_full (GAsyncResult *result, gpointer *value, gint64 *number, char **text, GError **error)
{
  OpResult *r = g_task_propagate_pointer (G_TASK (result), error);

  if (value)
    *value = NULL;
  if (number)
    *number = 0;
  if (text)
    *text = NULL;
  if (r == NULL)
    return FALSE;
  if (value)
    *value = g_steal_pointer (&r->value);
  if (number)
    *number = r->number;
  if (text)
    *text = g_steal_pointer (&r->text);
  op_result_free (r);
  return TRUE;
}

static gboolean
op_finish (GAsyncResult *result, gpointer *value, gint64 *number, GError **error)
{
  return op_finish_full (result, value, number, NULL, error);
}

#define OP_CHECK(self, result, tag, val)                                                           \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_return_val_if_fail (g_task_is_valid ((result), (self)), (val));                              \
    g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (tag), (val));                \
  }                                                                                                \
  G_STMT_END

/* Files */

/**
 * signet_certificate_list_from_file_async:
 * @path: (type filename): a file holding a DER certificate or a PEM bundle
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_certificate_list_from_file() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_certificate_list_from_file_async (const char *path,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (path != NULL);

  task = op_task_new (NULL, signet_certificate_list_from_file_async,
                      "signet_certificate_list_from_file_async", OP_CERTIFICATE_LIST_FROM_FILE,
                      cancellable, callback, user_data, &data);
  data->text1 = g_strdup (path);
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_certificate_list_from_file_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_certificate_list_from_file_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates, or %NULL with @error set (%SIGNET_ERROR_IO,
 *   %SIGNET_ERROR_PARSE, %SIGNET_ERROR_LIMIT or %G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
GPtrArray *
signet_certificate_list_from_file_finish (GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (NULL, result, signet_certificate_list_from_file_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_crl_list_from_file_async:
 * @path: (type filename): a file holding DER or PEM CRLs
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_crl_list_from_file() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_crl_list_from_file_async (const char *path,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (path != NULL);

  task = op_task_new (NULL, signet_crl_list_from_file_async, "signet_crl_list_from_file_async",
                      OP_CRL_LIST_FROM_FILE, cancellable, callback, user_data, &data);
  data->text1 = g_strdup (path);
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_crl_list_from_file_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_crl_list_from_file_async().
 *
 * Returns: (transfer container) (element-type SignetCrl): the CRLs, or %NULL
 *   with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_crl_list_from_file_finish (GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (NULL, result, signet_crl_list_from_file_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/* SignetStore */

/**
 * signet_store_open_async:
 * @directory: (type filename) (nullable): the store's directory, %NULL for
 *   the default one
 * @flags: how to open it
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_open_full() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_open_async (const char *directory,
                         SignetStoreFlags flags,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  task = op_task_new (NULL, signet_store_open_async, "signet_store_open_async", OP_STORE_OPEN,
                      cancellable, callback, user_data, &data);
  data->text1 = g_strdup (directory);
  data->flags = flags;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_store_open_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_open_async().
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetStore *
signet_store_open_finish (GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (NULL, result, signet_store_open_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

static void
store_op_run (SignetStore *self,
              gpointer tag,
              const char *name,
              OpKind kind,
              const char *text1,
              const char *text2,
              GBytes *bytes1,
              GBytes *bytes2,
              gpointer object1,
              gint64 number,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  task = op_task_new (self, tag, name, kind, cancellable, callback, user_data, &data);
  data->text1 = g_strdup (text1);
  data->text2 = g_strdup (text2);
  data->bytes1 = bytes1 ? g_bytes_ref (bytes1) : NULL;
  data->bytes2 = bytes2 ? g_bytes_ref (bytes2) : NULL;
  data->object1 = object1 ? g_object_ref (object1) : NULL;
  data->number = number;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_store_find_by_subject_async:
 * @self: a store
 * @raw_subject: the DER subject name
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_find_by_subject() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_find_by_subject_async (SignetStore *self,
                                    GBytes *raw_subject,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (raw_subject != NULL);

  store_op_run (self, signet_store_find_by_subject_async, "signet_store_find_by_subject_async",
                OP_FIND_BY_SUBJECT, NULL, NULL, raw_subject, NULL, NULL, 0, cancellable, callback,
                user_data);
}

/**
 * signet_store_find_by_subject_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_find_by_subject_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates (maybe none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_subject_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_find_by_subject_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_find_by_issuer_serial_async:
 * @self: a store
 * @raw_issuer: the DER issuer name
 * @serial: the serial number's bytes
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_find_by_issuer_serial() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_find_by_issuer_serial_async (SignetStore *self,
                                          GBytes *raw_issuer,
                                          GBytes *serial,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (raw_issuer != NULL);
  g_return_if_fail (serial != NULL);

  store_op_run (self, signet_store_find_by_issuer_serial_async,
                "signet_store_find_by_issuer_serial_async", OP_FIND_BY_ISSUER_SERIAL, NULL, NULL,
                raw_issuer, serial, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_find_by_issuer_serial_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_find_by_issuer_serial_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates (maybe none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_issuer_serial_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_find_by_issuer_serial_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_find_by_subject_key_id_async:
 * @self: a store
 * @ski: the subject key identifier
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_find_by_subject_key_id() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_find_by_subject_key_id_async (SignetStore *self,
                                           GBytes *ski,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (ski != NULL);

  store_op_run (self, signet_store_find_by_subject_key_id_async,
                "signet_store_find_by_subject_key_id_async", OP_FIND_BY_SUBJECT_KEY_ID, NULL, NULL,
                ski, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_find_by_subject_key_id_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_find_by_subject_key_id_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates (maybe none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_subject_key_id_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_find_by_subject_key_id_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_lookup_async:
 * @self: a store
 * @sha256: the SHA-256 fingerprint (lower-case hex)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_lookup() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_lookup_async (SignetStore *self,
                           const char *sha256,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (sha256 != NULL);

  store_op_run (self, signet_store_lookup_async, "signet_store_lookup_async", OP_LOOKUP, sha256,
                NULL, NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_lookup_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_lookup_async().
 *
 * Returns: (transfer full) (nullable): the certificate, or %NULL: with
 *   @error set on failure, with @error unset when the store does not hold it
 *
 * Since: 0.1
 */
SignetCertificate *
signet_store_lookup_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_lookup_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_list_crls_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_list_crls() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_list_crls_async (SignetStore *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));

  store_op_run (self, signet_store_list_crls_async, "signet_store_list_crls_async", OP_LIST_CRLS,
                NULL, NULL, NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_list_crls_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_list_crls_async().
 *
 * Returns: (transfer container) (element-type SignetStoreCrlRecord): the
 *   stored CRLs, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_list_crls_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_list_crls_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_find_crls_by_issuer_async:
 * @self: a store
 * @raw_issuer: the DER issuer name
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_find_crls_by_issuer() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_find_crls_by_issuer_async (SignetStore *self,
                                        GBytes *raw_issuer,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (raw_issuer != NULL);

  store_op_run (self, signet_store_find_crls_by_issuer_async,
                "signet_store_find_crls_by_issuer_async", OP_FIND_CRLS_BY_ISSUER, NULL, NULL,
                raw_issuer, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_find_crls_by_issuer_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_find_crls_by_issuer_async().
 *
 * Returns: (transfer container) (element-type SignetCrl): the CRLs (maybe
 *   none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_crls_by_issuer_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_find_crls_by_issuer_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_record_signer_async:
 * @self: a store
 * @address: the sender's address
 * @certificate: the certificate that signed for it
 * @when: the time of the signature (Unix time)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_record_signer() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_record_signer_async (SignetStore *self,
                                  const char *address,
                                  SignetCertificate *certificate,
                                  gint64 when,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (address != NULL);
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  store_op_run (self, signet_store_record_signer_async, "signet_store_record_signer_async",
                OP_RECORD_SIGNER, address, NULL, NULL, NULL, certificate, when, cancellable,
                callback, user_data);
}

/**
 * signet_store_record_signer_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_record_signer_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_record_signer_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_store_record_signer_async, FALSE);
  return op_finish (result, NULL, NULL, error);
}

/**
 * signet_store_get_last_signer_async:
 * @self: a store
 * @address: the sender's address
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_get_last_signer() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_get_last_signer_async (SignetStore *self,
                                    const char *address,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (address != NULL);

  store_op_run (self, signet_store_get_last_signer_async, "signet_store_get_last_signer_async",
                OP_GET_LAST_SIGNER, address, NULL, NULL, NULL, NULL, 0, cancellable, callback,
                user_data);
}

/**
 * signet_store_get_last_signer_finish:
 * @self: a store
 * @result: the result given to the callback
 * @last_signed: (out) (optional): when it last signed (Unix time), 0 when
 *   there is none
 * @error: return location for a #GError
 *
 * Finishes signet_store_get_last_signer_async().
 *
 * Returns: (transfer full) (nullable): the latest certificate that signed
 *   for the address, or %NULL: with @error set on failure, with @error
 *   unset when none is known
 *
 * Since: 0.1
 */
SignetCertificate *
signet_store_get_last_signer_finish (SignetStore *self,
                                     GAsyncResult *result,
                                     gint64 *last_signed,
                                     GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_get_last_signer_async, NULL);
  op_finish (result, &value, last_signed, error);
  return value;
}

/**
 * signet_store_lookup_verdict_async:
 * @self: a store
 * @message_id: the message's Message-ID
 * @signature_digest: the digest of the signature
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_lookup_verdict() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_lookup_verdict_async (SignetStore *self,
                                   const char *message_id,
                                   const char *signature_digest,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (message_id != NULL);
  g_return_if_fail (signature_digest != NULL);

  store_op_run (self, signet_store_lookup_verdict_async, "signet_store_lookup_verdict_async",
                OP_LOOKUP_VERDICT, message_id, signature_digest, NULL, NULL, NULL, 0, cancellable,
                callback, user_data);
}

/**
 * signet_store_lookup_verdict_finish:
 * @self: a store
 * @result: the result given to the callback
 * @first_verified: (out) (optional): when the verdict was first recorded
 *   (Unix time), 0 when there is none
 * @error: return location for a #GError
 *
 * Finishes signet_store_lookup_verdict_async().
 *
 * Returns: (transfer full) (nullable): the recorded verdict, or %NULL:
 *   with @error set on failure, with @error unset when none is recorded
 *
 * Since: 0.1
 */
char *
signet_store_lookup_verdict_finish (SignetStore *self,
                                    GAsyncResult *result,
                                    gint64 *first_verified,
                                    GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_lookup_verdict_async, NULL);
  op_finish (result, &value, first_verified, error);
  return value;
}

/**
 * signet_store_add_trust_async:
 * @self: a store
 * @record: the decision (copied; its id is ignored)
 * @certificate: (nullable): the certificate, stored with the decision
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_add_trust() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_add_trust_async (SignetStore *self,
                              const SignetStoreTrustRecord *record,
                              SignetCertificate *certificate,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (record != NULL);
  g_return_if_fail (certificate == NULL || SIGNET_IS_CERTIFICATE (certificate));

  task = op_task_new (self, signet_store_add_trust_async, "signet_store_add_trust_async",
                      OP_ADD_TRUST, cancellable, callback, user_data, &data);
  data->record = signet_store_trust_record_copy (record);
  data->object1 = certificate ? g_object_ref (G_OBJECT (certificate)) : NULL;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_store_add_trust_finish:
 * @self: a store
 * @result: the result given to the callback
 * @id: (out) (optional): the new decision's row id
 * @error: return location for a #GError
 *
 * Finishes signet_store_add_trust_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_add_trust_finish (SignetStore *self, GAsyncResult *result, gint64 *id, GError **error)
{
  OP_CHECK (self, result, signet_store_add_trust_async, FALSE);
  return op_finish (result, NULL, id, error);
}

/**
 * signet_store_list_trust_async:
 * @self: a store
 * @sha256: (nullable): only the decisions about this certificate
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_list_trust() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_list_trust_async (SignetStore *self,
                               const char *sha256,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));

  store_op_run (self, signet_store_list_trust_async, "signet_store_list_trust_async", OP_LIST_TRUST,
                sha256, NULL, NULL, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_list_trust_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_list_trust_async().
 *
 * Returns: (transfer container) (element-type SignetStoreTrustRecord): the
 *   decisions, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_list_trust_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_list_trust_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_remove_trust_async:
 * @self: a store
 * @id: the decision's row id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_remove_trust() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_remove_trust_async (SignetStore *self,
                                 gint64 id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));

  store_op_run (self, signet_store_remove_trust_async, "signet_store_remove_trust_async",
                OP_REMOVE_TRUST, NULL, NULL, NULL, NULL, NULL, id, cancellable, callback,
                user_data);
}

/**
 * signet_store_remove_trust_finish:
 * @self: a store
 * @result: the result given to the callback
 * @removed: (out) (optional): whether the store held the decision
 * @error: return location for a #GError
 *
 * Finishes signet_store_remove_trust_async().
 *
 * Returns: %TRUE on success (also when there was nothing to remove),
 *   %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_remove_trust_finish (SignetStore *self,
                                  GAsyncResult *result,
                                  gboolean *removed,
                                  GError **error)
{
  gint64 n = 0;
  gboolean ok;

  OP_CHECK (self, result, signet_store_remove_trust_async, FALSE);
  ok = op_finish (result, NULL, &n, error);
  if (removed)
    *removed = n != 0;
  return ok;
}

/* SignetVerifier */

#define READ_CHUNK 65536

typedef struct
{
  GByteArray *buffer;
  GInputStream *stream;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_object (&data->stream);
  g_free (data);
}

static void
verify_file_verified (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  SignetReport *report = signet_verifier_verify_finish (SIGNET_VERIFIER (source), result, &error);

  if (report)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void verify_file_read (GObject *source, GAsyncResult *result, gpointer user_data);

static void
verify_file_read_more (GTask *task)
{
  ReadData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), verify_file_read, task);
}

static void
verify_file_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr (GBytes) message = NULL;
  SignetVerifier *self;
  GCancellable *cancellable;

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_IO, "%s", error->message);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (data->buffer->len + g_bytes_get_size (chunk) > SIGNET_MAX_MESSAGE_SIZE)
        {
          g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                                   "The message is larger than %d MiB",
                                   SIGNET_MAX_MESSAGE_SIZE / (1024 * 1024));
          return;
        }
      g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      verify_file_read_more (g_steal_pointer (&task));
      return;
    }

  /* end of file */
  message = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  self = g_task_get_source_object (task);
  cancellable = g_task_get_cancellable (task);
  signet_verifier_verify_async (self, message, cancellable, verify_file_verified,
                                g_steal_pointer (&task));
}

static void
verify_file_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  data->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (source), result, &error));
  if (data->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SIGNET_ERROR, SIGNET_ERROR_IO, "%s", error->message);
      return;
    }
  verify_file_read_more (g_steal_pointer (&task));
}

/**
 * signet_verifier_verify_file_async:
 * @self: a verifier
 * @path: (type filename): the message file (a local path, a URI, or `-`
 *   for the standard input)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Reads @path asynchronously (at most %SIGNET_MAX_MESSAGE_SIZE bytes), then
 * verifies it with signet_verifier_verify_async(): the asynchronous form of
 * signet_verifier_verify_file().
 *
 * Since: 0.1
 */
void
signet_verifier_verify_file_async (SignetVerifier *self,
                                   const char *path,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_verifier_verify_file_async);
  g_task_set_name (task, "signet_verifier_verify_file_async");
  data = g_new0 (ReadData, 1);
  data->buffer = g_byte_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (g_strcmp0 (path, "-") == 0)
    {
      data->stream = g_unix_input_stream_new (0, FALSE);
      verify_file_read_more (g_steal_pointer (&task));
    }
  else
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);

      g_file_read_async (file, G_PRIORITY_DEFAULT, cancellable, verify_file_opened,
                         g_steal_pointer (&task));
    }
}

/**
 * signet_verifier_verify_file_finish:
 * @self: a verifier
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_verify_file_async().
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 *   (%SIGNET_ERROR_IO, %SIGNET_ERROR_LIMIT, %SIGNET_ERROR_PARSE or
 *   %G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
SignetReport *
signet_verifier_verify_file_finish (SignetVerifier *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_verifier_verify_file_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_verifier_check_certificate_async:
 * @self: a verifier
 * @certificate: the certificate to check
 * @address: (nullable): the address it should be for
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the check started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_verifier_check_certificate() in a worker thread (it may read
 * the store and, unless the verifier is offline, fetch from the network).
 * Do not change the verifier's configuration while it runs.
 *
 * Since: 0.1
 */
void
signet_verifier_check_certificate_async (SignetVerifier *self,
                                         SignetCertificate *certificate,
                                         const char *address,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  task = op_task_new (self, signet_verifier_check_certificate_async,
                      "signet_verifier_check_certificate_async", OP_CHECK_CERTIFICATE, cancellable,
                      callback, user_data, &data);
  data->object1 = g_object_ref (G_OBJECT (certificate));
  data->text1 = g_strdup (address);
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_verifier_check_certificate_finish:
 * @self: a verifier
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_check_certificate_async().
 *
 * Returns: (transfer full): the outcome, as a signature without a message
 *   (see signet_verifier_check_certificate()), or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
SignetSignature *
signet_verifier_check_certificate_finish (SignetVerifier *self,
                                          GAsyncResult *result,
                                          GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_verifier_check_certificate_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

typedef enum
{
  ADD_ANCHORS,
  ADD_CERTIFICATES,
  ADD_CRLS,
} AddKind;

/* Runs in the caller's context: the verifier is changed there, not in the
 * worker thread that read the file. */
static void
add_from_file_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SignetVerifier *self = g_task_get_source_object (task);
  AddKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr (GPtrArray) items = NULL;
  GError *error = NULL;

  if (kind == ADD_CRLS)
    items = signet_crl_list_from_file_finish (result, &error);
  else
    items = signet_certificate_list_from_file_finish (result, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (kind == ADD_ANCHORS)
        signet_verifier_add_anchor (self, item);
      else if (kind == ADD_CERTIFICATES)
        signet_verifier_add_certificate (self, item);
      else
        signet_verifier_add_crl (self, item);
    }
  g_task_return_boolean (task, TRUE);
}

static void
add_from_file_async (SignetVerifier *self,
                     gpointer tag,
                     const char *name,
                     AddKind kind,
                     const char *path,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  if (kind == ADD_CRLS)
    signet_crl_list_from_file_async (path, cancellable, add_from_file_done, task);
  else
    signet_certificate_list_from_file_async (path, cancellable, add_from_file_done, task);
}

/**
 * signet_verifier_add_anchors_from_file_async:
 * @self: a verifier
 * @path: (type filename): a file holding a DER certificate or a PEM bundle
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Reads @path in a worker thread, then adds its certificates as trust
 * anchors in the thread-default main context of the caller, before
 * @callback runs: the asynchronous form of
 * signet_verifier_add_anchors_from_file().
 *
 * Since: 0.1
 */
void
signet_verifier_add_anchors_from_file_async (SignetVerifier *self,
                                             const char *path,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (path != NULL);

  add_from_file_async (self, signet_verifier_add_anchors_from_file_async,
                       "signet_verifier_add_anchors_from_file_async", ADD_ANCHORS, path,
                       cancellable, callback, user_data);
}

/**
 * signet_verifier_add_anchors_from_file_finish:
 * @self: a verifier
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_add_anchors_from_file_async().
 *
 * Returns: %TRUE when the certificates were added, %FALSE with @error set
 *   (nothing was added then)
 *
 * Since: 0.1
 */
gboolean
signet_verifier_add_anchors_from_file_finish (SignetVerifier *self,
                                              GAsyncResult *result,
                                              GError **error)
{
  OP_CHECK (self, result, signet_verifier_add_anchors_from_file_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * signet_verifier_add_certificates_from_file_async:
 * @self: a verifier
 * @path: (type filename): a file holding a DER certificate or a PEM bundle
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Reads @path in a worker thread, then adds its certificates as
 * intermediate certificates in the caller's context, before @callback
 * runs: the asynchronous form of
 * signet_verifier_add_certificates_from_file().
 *
 * Since: 0.1
 */
void
signet_verifier_add_certificates_from_file_async (SignetVerifier *self,
                                                  const char *path,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (path != NULL);

  add_from_file_async (self, signet_verifier_add_certificates_from_file_async,
                       "signet_verifier_add_certificates_from_file_async", ADD_CERTIFICATES, path,
                       cancellable, callback, user_data);
}

/**
 * signet_verifier_add_certificates_from_file_finish:
 * @self: a verifier
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_add_certificates_from_file_async().
 *
 * Returns: %TRUE when the certificates were added, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_verifier_add_certificates_from_file_finish (SignetVerifier *self,
                                                   GAsyncResult *result,
                                                   GError **error)
{
  OP_CHECK (self, result, signet_verifier_add_certificates_from_file_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * signet_verifier_add_crls_from_file_async:
 * @self: a verifier
 * @path: (type filename): a file holding DER or PEM CRLs
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Reads @path in a worker thread, then adds its CRLs in the caller's
 * context, before @callback runs: the asynchronous form of
 * signet_verifier_add_crls_from_file().
 *
 * Since: 0.1
 */
void
signet_verifier_add_crls_from_file_async (SignetVerifier *self,
                                          const char *path,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (path != NULL);

  add_from_file_async (self, signet_verifier_add_crls_from_file_async,
                       "signet_verifier_add_crls_from_file_async", ADD_CRLS, path, cancellable,
                       callback, user_data);
}

/**
 * signet_verifier_add_crls_from_file_finish:
 * @self: a verifier
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_add_crls_from_file_async().
 *
 * Returns: %TRUE when the CRLs were added, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_verifier_add_crls_from_file_finish (SignetVerifier *self,
                                           GAsyncResult *result,
                                           GError **error)
{
  OP_CHECK (self, result, signet_verifier_add_crls_from_file_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* SignetTrust */

/**
 * signet_trust_new_async:
 * @store: (nullable): the store keeping permanent decisions
 * @source: where the built-in anchors come from
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Creates a trust model like signet_trust_new() and loads its built-in
 * anchors (from PKCS#11 modules, which can be slow) in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_new_async (SignetStore *store,
                        SignetTrustSource source,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (store == NULL || SIGNET_IS_STORE (store));

  task = op_task_new (NULL, signet_trust_new_async, "signet_trust_new_async", OP_TRUST_NEW,
                      cancellable, callback, user_data, &data);
  data->object1 = store ? g_object_ref (G_OBJECT (store)) : NULL;
  data->flags = source;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_trust_new_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_new_async().
 *
 * Returns: (transfer full): the trust model, or %NULL with @error set
 *   (only %G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
SignetTrust *
signet_trust_new_finish (GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (NULL, result, signet_trust_new_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

static void
trust_op_run (SignetTrust *self,
              gpointer tag,
              const char *name,
              OpKind kind,
              const char *text1,
              gpointer object1,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  task = op_task_new (self, tag, name, kind, cancellable, callback, user_data, &data);
  data->text1 = g_strdup (text1);
  data->object1 = object1 ? g_object_ref (object1) : NULL;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_trust_list_async:
 * @self: a trust model
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_list() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_list_async (SignetTrust *self,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));

  trust_op_run (self, signet_trust_list_async, "signet_trust_list_async", OP_TRUST_LIST, NULL, NULL,
                cancellable, callback, user_data);
}

/**
 * signet_trust_list_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_list_async().
 *
 * Returns: (transfer container) (element-type SignetTrustDecision): the
 *   decisions, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_trust_list_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_trust_list_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_trust_undo_async:
 * @self: a trust model
 * @id: the decision's id (see #SignetTrustDecision)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_undo() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_undo_async (SignetTrust *self,
                         const char *id,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (id != NULL);

  trust_op_run (self, signet_trust_undo_async, "signet_trust_undo_async", OP_TRUST_UNDO, id, NULL,
                cancellable, callback, user_data);
}

/**
 * signet_trust_undo_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @found: (out) (optional): whether the decision existed
 * @error: return location for a #GError
 *
 * Finishes signet_trust_undo_async().
 *
 * Returns: %TRUE on success (also when nothing was found), %FALSE with
 *   @error set
 *
 * Since: 0.1
 */
gboolean
signet_trust_undo_finish (SignetTrust *self, GAsyncResult *result, gboolean *found, GError **error)
{
  gint64 n = 0;
  gboolean ok;

  OP_CHECK (self, result, signet_trust_undo_async, FALSE);
  ok = op_finish (result, NULL, &n, error);
  if (found)
    *found = n != 0;
  return ok;
}

/**
 * signet_trust_apply_async:
 * @trust: a trust model
 * @prompt: the prompt the user answered
 * @choice: the id of the choice the user made
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_apply() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_apply_async (SignetTrust *trust,
                          SignetPrompt *prompt,
                          const char *choice,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (trust));
  g_return_if_fail (SIGNET_IS_PROMPT (prompt));
  g_return_if_fail (choice != NULL);

  trust_op_run (trust, signet_trust_apply_async, "signet_trust_apply_async", OP_TRUST_APPLY, choice,
                prompt, cancellable, callback, user_data);
}

/**
 * signet_trust_apply_finish:
 * @trust: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_apply_async().
 *
 * Returns: %TRUE when recorded, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_trust_apply_finish (SignetTrust *trust, GAsyncResult *result, GError **error)
{
  OP_CHECK (trust, result, signet_trust_apply_async, FALSE);
  return op_finish (result, NULL, NULL, error);
}

/**
 * signet_store_lookup_record_async:
 * @self: a store
 * @sha256: the SHA-256 fingerprint (lower-case hex)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_lookup_record() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_lookup_record_async (SignetStore *self,
                                  const char *sha256,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (sha256 != NULL);

  store_op_run (self, signet_store_lookup_record_async, "signet_store_lookup_record_async",
                OP_LOOKUP_RECORD, sha256, NULL, NULL, NULL, NULL, 0, cancellable, callback,
                user_data);
}

/**
 * signet_store_lookup_record_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_lookup_record_async().
 *
 * Returns: (transfer full) (nullable): the record, or %NULL: with @error
 *   set on failure, with @error unset when the store does not hold it
 *
 * Since: 0.1
 */
SignetStoreRecord *
signet_store_lookup_record_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_lookup_record_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_find_revocations_async:
 * @self: a store
 * @raw_issuer: the DER Name of the certificate's issuer
 * @serial: the certificate's serial
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_find_revocations() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_find_revocations_async (SignetStore *self,
                                     GBytes *raw_issuer,
                                     GBytes *serial,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (raw_issuer != NULL);
  g_return_if_fail (serial != NULL);

  store_op_run (self, signet_store_find_revocations_async, "signet_store_find_revocations_async",
                OP_FIND_REVOCATIONS, NULL, NULL, raw_issuer, serial, NULL, 0, cancellable, callback,
                user_data);
}

/**
 * signet_store_find_revocations_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_find_revocations_async().
 *
 * Returns: (transfer container) (element-type SignetStoreRevocation): the
 *   entries (maybe none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_revocations_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_find_revocations_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_record_verdict_async:
 * @self: a store
 * @message_id: the message's Message-ID
 * @signature_digest: an identifier of the signature
 * @verdict: the verdict, as signet_verdict_to_string() writes it
 * @when: when it was verified (Unix time)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_record_verdict() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_record_verdict_async (SignetStore *self,
                                   const char *message_id,
                                   const char *signature_digest,
                                   const char *verdict,
                                   gint64 when,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (message_id != NULL);
  g_return_if_fail (signature_digest != NULL);
  g_return_if_fail (verdict != NULL);

  task = op_task_new (self, signet_store_record_verdict_async, "signet_store_record_verdict_async",
                      OP_RECORD_VERDICT, cancellable, callback, user_data, &data);
  data->text1 = g_strdup (message_id);
  data->text2 = g_strdup (signature_digest);
  data->text3 = g_strdup (verdict);
  data->number = when;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_store_record_verdict_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_record_verdict_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_record_verdict_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_store_record_verdict_async, FALSE);
  return op_finish (result, NULL, NULL, error);
}

/**
 * signet_trust_add_anchor_async:
 * @self: a trust model
 * @certificate: the certificate to trust as an anchor
 * @scope: how long the decision lasts
 * @reason: (nullable): why
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_add_anchor() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_add_anchor_async (SignetTrust *self,
                               SignetCertificate *certificate,
                               SignetTrustScope scope,
                               const char *reason,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  task = op_task_new (self, signet_trust_add_anchor_async, "signet_trust_add_anchor_async",
                      OP_TRUST_ADD_ANCHOR, cancellable, callback, user_data, &data);
  data->object1 = g_object_ref (G_OBJECT (certificate));
  data->text1 = g_strdup (reason);
  data->flags = scope;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_trust_add_anchor_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_add_anchor_async().
 *
 * Returns: (transfer full): the decision's id, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
signet_trust_add_anchor_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_trust_add_anchor_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/* Fingerprints and OCSP answers */

/**
 * signet_store_resolve_fingerprint_async:
 * @self: a store
 * @text: a SHA-256 fingerprint as a user typed it (see
 *   signet_store_resolve_fingerprint())
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_resolve_fingerprint() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_resolve_fingerprint_async (SignetStore *self,
                                        const char *text,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (text != NULL);

  store_op_run (self, signet_store_resolve_fingerprint_async,
                "signet_store_resolve_fingerprint_async", OP_RESOLVE_FINGERPRINT, text, NULL, NULL,
                NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * signet_store_resolve_fingerprint_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_resolve_fingerprint_async().
 *
 * Returns: (transfer full) (nullable): the fingerprint in lower-case hex;
 *   %NULL with @error unset when no certificate matches; %NULL with @error
 *   set when the text is not a fingerprint (%SIGNET_ERROR_PARSE), matches
 *   several certificates (%SIGNET_ERROR_FAILED), the store fails or the
 *   operation was cancelled (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
char *
signet_store_resolve_fingerprint_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_store_resolve_fingerprint_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_store_record_ocsp_async:
 * @self: a store
 * @issuer_sha256: the SHA-256 fingerprint of the certificate's issuer
 * @serial: the certificate's serial
 * @response: the OCSPResponse (DER) as received, already judged usable
 * @this_update: thisUpdate of the SingleResponse about the certificate
 * @next_update: its nextUpdate, -1 when absent
 * @fetched_from: (nullable): the responder URL
 * @when: now (Unix time)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_record_ocsp() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_record_ocsp_async (SignetStore *self,
                                const char *issuer_sha256,
                                GBytes *serial,
                                GBytes *response,
                                gint64 this_update,
                                gint64 next_update,
                                const char *fetched_from,
                                gint64 when,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (issuer_sha256 != NULL);
  g_return_if_fail (serial != NULL);
  g_return_if_fail (response != NULL);

  task = op_task_new (self, signet_store_record_ocsp_async, "signet_store_record_ocsp_async",
                      OP_RECORD_OCSP, cancellable, callback, user_data, &data);
  data->text1 = g_strdup (issuer_sha256);
  data->text2 = g_strdup (fetched_from);
  data->bytes1 = g_bytes_ref (serial);
  data->bytes2 = g_bytes_ref (response);
  data->number = this_update;
  data->number2 = next_update;
  data->number3 = when;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_store_record_ocsp_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_record_ocsp_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_record_ocsp_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_store_record_ocsp_async, FALSE);
  return op_finish (result, NULL, NULL, error);
}

/**
 * signet_store_lookup_ocsp_async:
 * @self: a store
 * @issuer_sha256: the SHA-256 fingerprint of the certificate's issuer
 * @serial: the certificate's serial
 * @now: the validation time (Unix time)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_lookup_ocsp() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_lookup_ocsp_async (SignetStore *self,
                                const char *issuer_sha256,
                                GBytes *serial,
                                gint64 now,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (issuer_sha256 != NULL);
  g_return_if_fail (serial != NULL);

  store_op_run (self, signet_store_lookup_ocsp_async, "signet_store_lookup_ocsp_async",
                OP_LOOKUP_OCSP, issuer_sha256, NULL, serial, NULL, NULL, now, cancellable, callback,
                user_data);
}

/**
 * signet_store_lookup_ocsp_finish:
 * @self: a store
 * @result: the result given to the callback
 * @fetched_from: (out) (optional) (nullable) (transfer full): the responder URL
 * @error: return location for a #GError
 *
 * Finishes signet_store_lookup_ocsp_async().
 *
 * Returns: (transfer full) (nullable): the stored OCSP response when it is
 *   still valid at the time asked for; %NULL with @error unset when there
 *   is none; %NULL with @error set on failure
 *
 * Since: 0.1
 */
GBytes *
signet_store_lookup_ocsp_finish (SignetStore *self,
                                 GAsyncResult *result,
                                 char **fetched_from,
                                 GError **error)
{
  gpointer value;
  g_autofree char *url = NULL;

  if (fetched_from)
    *fetched_from = NULL;
  OP_CHECK (self, result, signet_store_lookup_ocsp_async, NULL);
  op_finish_full (result, &value, NULL, &url, error);
  if (fetched_from)
    *fetched_from = g_steal_pointer (&url);
  return value;
}

/* Trust decisions */

static void
trust_decision_run (SignetTrust *self,
                    gpointer tag,
                    const char *name,
                    OpKind kind,
                    SignetCertificate *certificate,
                    const char *reason,
                    const char *text,
                    SignetTrustScope scope,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  task = op_task_new (self, tag, name, kind, cancellable, callback, user_data, &data);
  data->object1 = certificate ? g_object_ref (G_OBJECT (certificate)) : NULL;
  data->text1 = g_strdup (reason);
  data->text2 = g_strdup (text);
  data->flags = scope;
  g_task_run_in_thread (task, op_thread);
}

static char *
trust_decision_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_trust_remove_anchor_async:
 * @self: a trust model
 * @certificate: a built-in anchor
 * @reason: (nullable): why
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_remove_anchor() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_remove_anchor_async (SignetTrust *self,
                                  SignetCertificate *certificate,
                                  const char *reason,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  trust_decision_run (self, signet_trust_remove_anchor_async, "signet_trust_remove_anchor_async",
                      OP_TRUST_REMOVE_ANCHOR, certificate, reason, NULL,
                      SIGNET_TRUST_SCOPE_PERMANENT, cancellable, callback, user_data);
}

/**
 * signet_trust_remove_anchor_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_remove_anchor_async().
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_remove_anchor_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_trust_remove_anchor_async, NULL);
  return trust_decision_finish (self, result, error);
}

/**
 * signet_trust_distrust_async:
 * @self: a trust model
 * @certificate: (nullable): the certificate
 * @sha256: (nullable): or only its SHA-256 fingerprint (64 hex digits),
 *   when the certificate itself is not at hand
 * @scope: permanent or for this session
 * @reason: (nullable): why
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_distrust() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_distrust_async (SignetTrust *self,
                             SignetCertificate *certificate,
                             const char *sha256,
                             SignetTrustScope scope,
                             const char *reason,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (certificate == NULL || SIGNET_IS_CERTIFICATE (certificate));

  trust_decision_run (self, signet_trust_distrust_async, "signet_trust_distrust_async",
                      OP_TRUST_DISTRUST, certificate, reason, sha256, scope, cancellable, callback,
                      user_data);
}

/**
 * signet_trust_distrust_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_distrust_async().
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_distrust_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_trust_distrust_async, NULL);
  return trust_decision_finish (self, result, error);
}

/**
 * signet_trust_pin_async:
 * @self: a trust model
 * @certificate: a certificate
 * @address: the e-mail address it belongs to
 * @scope: permanent or for this session
 * @reason: (nullable): why
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the write started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_pin() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_pin_async (SignetTrust *self,
                        SignetCertificate *certificate,
                        const char *address,
                        SignetTrustScope scope,
                        const char *reason,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));
  g_return_if_fail (address != NULL);

  trust_decision_run (self, signet_trust_pin_async, "signet_trust_pin_async", OP_TRUST_PIN,
                      certificate, reason, address, scope, cancellable, callback, user_data);
}

/**
 * signet_trust_pin_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_pin_async().
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_pin_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_trust_pin_async, NULL);
  return trust_decision_finish (self, result, error);
}

/**
 * signet_trust_undo_certificate_async:
 * @self: a trust model
 * @sha256: a SHA-256 fingerprint (lower- or upper-case hex)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the writes started
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_undo_certificate() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_undo_certificate_async (SignetTrust *self,
                                     const char *sha256,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (sha256 != NULL);

  trust_op_run (self, signet_trust_undo_certificate_async, "signet_trust_undo_certificate_async",
                OP_TRUST_UNDO_CERTIFICATE, sha256, NULL, cancellable, callback, user_data);
}

/**
 * signet_trust_undo_certificate_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_undo_certificate_async().
 *
 * Returns: how many decisions were undone; 0 with @error set on failure
 *
 * Since: 0.1
 */
guint
signet_trust_undo_certificate_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gint64 n = 0;

  OP_CHECK (self, result, signet_trust_undo_certificate_async, 0);
  op_finish (result, NULL, &n, error);
  return (guint) n;
}

/* Trust questions: they read the store's decisions and the built-in
 * anchors, and cannot fail; the asynchronous forms fail only when
 * cancelled. */

/**
 * signet_trust_get_builtin_anchors_async:
 * @self: a trust model
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_get_builtin_anchors() in a worker thread: the first
 * call loads the anchors from PKCS#11 modules, which can be slow.
 *
 * Since: 0.1
 */
void
signet_trust_get_builtin_anchors_async (SignetTrust *self,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));

  trust_op_run (self, signet_trust_get_builtin_anchors_async,
                "signet_trust_get_builtin_anchors_async", OP_TRUST_GET_BUILTIN_ANCHORS, NULL, NULL,
                cancellable, callback, user_data);
}

/**
 * signet_trust_get_builtin_anchors_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_get_builtin_anchors_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the built-in
 *   anchors, or %NULL with @error set (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
GPtrArray *
signet_trust_get_builtin_anchors_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_trust_get_builtin_anchors_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_trust_get_anchors_async:
 * @self: a trust model
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_get_anchors() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_get_anchors_async (SignetTrust *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));

  trust_op_run (self, signet_trust_get_anchors_async, "signet_trust_get_anchors_async",
                OP_TRUST_GET_ANCHORS, NULL, NULL, cancellable, callback, user_data);
}

/**
 * signet_trust_get_anchors_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_get_anchors_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the anchors,
 *   or %NULL with @error set (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
GPtrArray *
signet_trust_get_anchors_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_trust_get_anchors_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_trust_is_anchor_async:
 * @self: a trust model
 * @certificate: a certificate
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_is_anchor() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_is_anchor_async (SignetTrust *self,
                              SignetCertificate *certificate,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  trust_op_run (self, signet_trust_is_anchor_async, "signet_trust_is_anchor_async",
                OP_TRUST_IS_ANCHOR, NULL, certificate, cancellable, callback, user_data);
}

/**
 * signet_trust_is_anchor_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_is_anchor_async().
 *
 * Returns: whether the certificate is one of signet_trust_get_anchors();
 *   %FALSE with @error set when the operation was cancelled
 *   (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
gboolean
signet_trust_is_anchor_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gint64 n = 0;

  OP_CHECK (self, result, signet_trust_is_anchor_async, FALSE);
  op_finish (result, NULL, &n, error);
  return n != 0;
}

/**
 * signet_trust_is_distrusted_async:
 * @self: a trust model
 * @certificate: a certificate
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_is_distrusted() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_is_distrusted_async (SignetTrust *self,
                                  SignetCertificate *certificate,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  trust_op_run (self, signet_trust_is_distrusted_async, "signet_trust_is_distrusted_async",
                OP_TRUST_IS_DISTRUSTED, NULL, certificate, cancellable, callback, user_data);
}

/**
 * signet_trust_is_distrusted_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_is_distrusted_async().
 *
 * Returns: whether the user or the built-in list distrusts the
 *   certificate; %FALSE with @error set when the operation was cancelled
 *   (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
gboolean
signet_trust_is_distrusted_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gint64 n = 0;

  OP_CHECK (self, result, signet_trust_is_distrusted_async, FALSE);
  op_finish (result, NULL, &n, error);
  return n != 0;
}

/**
 * signet_trust_get_pin_async:
 * @self: a trust model
 * @address: an e-mail address
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_get_pin() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_get_pin_async (SignetTrust *self,
                            const char *address,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (address != NULL);

  trust_op_run (self, signet_trust_get_pin_async, "signet_trust_get_pin_async", OP_TRUST_GET_PIN,
                address, NULL, cancellable, callback, user_data);
}

/**
 * signet_trust_get_pin_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_get_pin_async().
 *
 * Returns: (transfer full) (nullable): the certificate most recently
 *   pinned for the address that is not distrusted; %NULL with @error
 *   unset when there is none; %NULL with @error set when the operation was
 *   cancelled (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
SignetCertificate *
signet_trust_get_pin_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (self, result, signet_trust_get_pin_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_trust_is_pinned_async:
 * @self: a trust model
 * @address: an e-mail address
 * @certificate: a certificate
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_is_pinned() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_is_pinned_async (SignetTrust *self,
                              const char *address,
                              SignetCertificate *certificate,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (address != NULL);
  g_return_if_fail (SIGNET_IS_CERTIFICATE (certificate));

  trust_op_run (self, signet_trust_is_pinned_async, "signet_trust_is_pinned_async",
                OP_TRUST_IS_PINNED, address, certificate, cancellable, callback, user_data);
}

/**
 * signet_trust_is_pinned_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_is_pinned_async().
 *
 * Returns: whether the user said the certificate belongs to the address
 *   (and it is not distrusted); %FALSE with @error set when the operation
 *   was cancelled (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
gboolean
signet_trust_is_pinned_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  gint64 n = 0;

  OP_CHECK (self, result, signet_trust_is_pinned_async, FALSE);
  op_finish (result, NULL, &n, error);
  return n != 0;
}

/**
 * signet_trust_review_signature_async:
 * @self: a trust model
 * @signature: a signature the verifier has just checked
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_review_signature() in a worker thread. @signature is
 * changed in that thread: do not use it until @callback runs.
 *
 * Since: 0.1
 */
void
signet_trust_review_signature_async (SignetTrust *self,
                                     SignetSignature *signature,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_SIGNATURE (signature));

  trust_op_run (self, signet_trust_review_signature_async, "signet_trust_review_signature_async",
                OP_TRUST_REVIEW_SIGNATURE, NULL, signature, cancellable, callback, user_data);
}

/**
 * signet_trust_review_signature_finish:
 * @self: a trust model
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_review_signature_async().
 *
 * Returns: %TRUE when the signature was reviewed, %FALSE with @error set
 *   when the operation was cancelled before (%G_IO_ERROR_CANCELLED; the
 *   signature is then unchanged)
 *
 * Since: 0.1
 */
gboolean
signet_trust_review_signature_finish (SignetTrust *self, GAsyncResult *result, GError **error)
{
  OP_CHECK (self, result, signet_trust_review_signature_async, FALSE);
  return op_finish (result, NULL, NULL, error);
}

/* Built-in anchors */

static void
anchors_op_run (gpointer tag,
                const char *name,
                OpKind kind,
                const char *text,
                SignetTrustSource source,
                GCancellable *cancellable,
                GAsyncReadyCallback callback,
                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  task = op_task_new (NULL, tag, name, kind, cancellable, callback, user_data, &data);
  data->text1 = g_strdup (text);
  data->flags = source;
  g_task_run_in_thread (task, op_thread);
}

static SignetTrustAnchors *
anchors_op_finish (GAsyncResult *result, GError **error)
{
  gpointer value;

  op_finish (result, &value, NULL, error);
  return value;
}

/**
 * signet_trust_anchors_load_mozilla_async:
 * @module_path: (type filename) (nullable): the path of libnssckbi.so, or
 *   %NULL to search with signet_trust_anchors_find_mozilla_module()
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_anchors_load_mozilla() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_anchors_load_mozilla_async (const char *module_path,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  anchors_op_run (signet_trust_anchors_load_mozilla_async,
                  "signet_trust_anchors_load_mozilla_async", OP_ANCHORS_LOAD_MOZILLA, module_path,
                  SIGNET_TRUST_SOURCE_MOZILLA, cancellable, callback, user_data);
}

/**
 * signet_trust_anchors_load_mozilla_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_anchors_load_mozilla_async().
 *
 * Returns: (transfer full): the anchors, or %NULL with @error set
 *   (%SIGNET_ERROR_IO when the module is missing or fails,
 *   %SIGNET_ERROR_UNSUPPORTED when it is not NSS's built-in token,
 *   %G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_load_mozilla_finish (GAsyncResult *result, GError **error)
{
  OP_CHECK (NULL, result, signet_trust_anchors_load_mozilla_async, NULL);
  return anchors_op_finish (result, error);
}

/**
 * signet_trust_anchors_load_system_async:
 * @paths: (nullable): colon-separated folders or files for p11-kit's trust
 *   module to read instead of its configured ones, or %NULL for the
 *   system's trust
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_anchors_load_system() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_anchors_load_system_async (const char *paths,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  anchors_op_run (signet_trust_anchors_load_system_async, "signet_trust_anchors_load_system_async",
                  OP_ANCHORS_LOAD_SYSTEM, paths, SIGNET_TRUST_SOURCE_SYSTEM, cancellable, callback,
                  user_data);
}

/**
 * signet_trust_anchors_load_system_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_anchors_load_system_async().
 *
 * Returns: (transfer full): the anchors, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_load_system_finish (GAsyncResult *result, GError **error)
{
  OP_CHECK (NULL, result, signet_trust_anchors_load_system_async, NULL);
  return anchors_op_finish (result, error);
}

/**
 * signet_trust_anchors_load_async:
 * @source: the wanted source
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_trust_anchors_load() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_trust_anchors_load_async (SignetTrustSource source,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (source <= SIGNET_TRUST_SOURCE_NONE);

  anchors_op_run (signet_trust_anchors_load_async, "signet_trust_anchors_load_async",
                  OP_ANCHORS_LOAD, NULL, source, cancellable, callback, user_data);
}

/**
 * signet_trust_anchors_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_trust_anchors_load_async().
 *
 * Returns: (transfer full): the anchors, or %NULL with @error set (only
 *   %G_IO_ERROR_CANCELLED: loading itself falls back instead of failing)
 *
 * Since: 0.1
 */
SignetTrustAnchors *
signet_trust_anchors_load_finish (GAsyncResult *result, GError **error)
{
  OP_CHECK (NULL, result, signet_trust_anchors_load_async, NULL);
  return anchors_op_finish (result, error);
}

/* Prompts */

/**
 * signet_prompt_new_for_signature_async:
 * @signature: a verified signature
 * @trust: (nullable): the trust model, to leave out what the user already
 *   decided
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Runs signet_prompt_new_for_signature() in a worker thread (it reads the
 * trust decisions from the store).
 *
 * Since: 0.1
 */
void
signet_prompt_new_for_signature_async (SignetSignature *signature,
                                       SignetTrust *trust,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  OpData *data;

  g_return_if_fail (SIGNET_IS_SIGNATURE (signature));
  g_return_if_fail (trust == NULL || SIGNET_IS_TRUST (trust));

  task = op_task_new (NULL, signet_prompt_new_for_signature_async,
                      "signet_prompt_new_for_signature_async", OP_PROMPT_NEW_FOR_SIGNATURE,
                      cancellable, callback, user_data, &data);
  data->object1 = g_object_ref (G_OBJECT (signature));
  data->object2 = trust ? g_object_ref (G_OBJECT (trust)) : NULL;
  g_task_run_in_thread (task, op_thread);
}

/**
 * signet_prompt_new_for_signature_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_prompt_new_for_signature_async().
 *
 * Returns: (transfer full) (nullable): the prompt; %NULL with @error unset
 *   when there is nothing to ask; %NULL with @error set when the operation
 *   was cancelled (%G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
SignetPrompt *
signet_prompt_new_for_signature_finish (GAsyncResult *result, GError **error)
{
  gpointer value;

  OP_CHECK (NULL, result, signet_prompt_new_for_signature_async, NULL);
  op_finish (result, &value, NULL, error);
  return value;
}
