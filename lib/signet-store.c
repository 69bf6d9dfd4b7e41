/* signet-store.c: the persistent store of certificates, CRLs, signers and
 * verdicts.
 *
 * One SQLite database, signet.db, in $XDG_DATA_HOME/signet by default. The
 * database runs in WAL mode so that a mail client and the command-line tool
 * can read and write it at the same time; writers wait up to
 * SIGNET_STORE_BUSY_TIMEOUT_MS for each other. synchronous=NORMAL: in WAL
 * mode that keeps every committed transaction across a crash of the
 * process (the commit is in the WAL file once COMMIT returns) and keeps the
 * database consistent across a power failure, which may only lose the last
 * transactions before it. Everything the store holds can be learnt again
 * from the next message, so fsync on every commit (FULL) is not worth its
 * cost for a mail client importing the certificates of every message it
 * shows.
 *
 * Threads: a SignetStore owns ONE connection, opened with
 * SQLITE_OPEN_NOMUTEX, and every function takes the store's mutex for the
 * whole operation (statement cache included). The async variants run the
 * synchronous code in a GTask thread, so they serialise with the other
 * calls on the same store; another process (or another SignetStore) works
 * in parallel through SQLite's file locking.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-store.h"
#include "signet-certificate-private.h"
#include "signet-crl-private.h"
#include "signet-store-private.h"
#include "signet-store-directories.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "signet-address.h"
#include "signet-der.h"
#include "signet-error.h"

#define SIGNET_STORE_BUSY_TIMEOUT_MS 5000
#define SIGNET_STORE_MAX_RESULTS     1000 /* certificates returned by one find_* call */
#define SIGNET_STORE_FILE_NAME       "signet.db"

/**
 * SignetStore:
 *
 * The persistent store (an SQLite database in one folder): certificates seen
 * in signed mail and imported ones, CRLs and OCSP answers, the last signer
 * of each address (to notice a changed certificate), first verdicts of
 * messages and the user's trust decisions. Every function may be called from
 * any thread: the store serialises access with its own lock. The functions
 * that touch the disk have `_async` forms for the main thread of a mail
 * client.
 *
 * Since: 0.1
 */
struct _SignetStore
{
  GObject parent_instance;

  GMutex lock;
  sqlite3 *db;
  char *path;
  gboolean read_only;
  int schema_version;
  GHashTable *statements;      /* const char *sql (static) -> sqlite3_stmt * */
};

G_DEFINE_FINAL_TYPE (SignetStore, signet_store, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (SignetStoreRecord,
                     signet_store_record,
                     signet_store_record_copy,
                     signet_store_record_free)
G_DEFINE_BOXED_TYPE (SignetStoreRevocation,
                     signet_store_revocation,
                     signet_store_revocation_copy,
                     signet_store_revocation_free)
G_DEFINE_BOXED_TYPE (SignetStoreCrlRecord,
                     signet_store_crl_record,
                     signet_store_crl_record_copy,
                     signet_store_crl_record_free)
G_DEFINE_BOXED_TYPE (SignetStoreTrustRecord,
                     signet_store_trust_record,
                     signet_store_trust_record_copy,
                     signet_store_trust_record_free)

/* ---- schema -------------------------------------------------------------- */

/* Migration N (1-based) brings PRAGMA user_version from N-1 to N. Never
 * edit a migration that has shipped: append a new one. */
static const char *const migrations[] = {
  /* 1 */
  "CREATE TABLE certificates ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"           /* lower-case hex of the DER */
  "  der BLOB NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  issuer TEXT NOT NULL,"
  "  raw_subject BLOB NOT NULL,"
  "  raw_issuer BLOB NOT NULL,"
  "  serial BLOB NOT NULL,"                       /* leading zero octets stripped */
  "  ski BLOB,"
  "  aki BLOB,"
  "  not_before INTEGER NOT NULL,"
  "  not_after INTEGER NOT NULL,"
  "  is_ca INTEGER NOT NULL,"
  "  first_seen INTEGER NOT NULL,"
  "  last_seen INTEGER NOT NULL,"
  "  origin TEXT"
  ");"
  "CREATE INDEX certificates_raw_subject ON certificates (raw_subject);"
  "CREATE INDEX certificates_issuer_serial ON certificates (raw_issuer, serial);"
  "CREATE INDEX certificates_ski ON certificates (ski);"
  "CREATE TABLE certificate_addresses ("
  "  sha256 TEXT NOT NULL REFERENCES certificates (sha256) ON DELETE CASCADE,"
  "  address TEXT NOT NULL,"                      /* signet_address_normalize() */
  "  PRIMARY KEY (sha256, address)"
  ") WITHOUT ROWID;"
  "CREATE INDEX certificate_addresses_address ON certificate_addresses (address);"
  "CREATE TABLE crls ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  der BLOB NOT NULL,"
  "  raw_issuer BLOB NOT NULL,"
  "  aki BLOB,"
  "  crl_number BLOB,"                            /* INTEGER contents, zeros stripped */
  "  this_update INTEGER NOT NULL,"
  "  next_update INTEGER NOT NULL,"               /* -1 when absent */
  "  is_delta INTEGER NOT NULL,"
  "  scope TEXT NOT NULL,"                        /* sha256 hex of the IDP value, or '' */
  "  fetched_from TEXT,"
  "  added INTEGER NOT NULL"
  ");"
  "CREATE INDEX crls_issuer ON crls (raw_issuer, aki, scope, is_delta);"
  "CREATE TABLE crl_entries ("
  "  crl_id INTEGER NOT NULL REFERENCES crls (id) ON DELETE CASCADE,"
  "  serial BLOB NOT NULL,"                       /* zeros stripped */
  "  cert_issuer BLOB NOT NULL,"                  /* x'' = the CRL issuer (direct entries) */
  "  revocation_time INTEGER NOT NULL,"
  "  reason INTEGER NOT NULL,"                    /* SignetCrlReason */
  "  invalidity_date INTEGER NOT NULL,"
  "  PRIMARY KEY (crl_id, serial, cert_issuer)"
  ") WITHOUT ROWID;"
  "CREATE INDEX crl_entries_serial ON crl_entries (serial);"
  "CREATE TABLE signers ("
  "  address TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL REFERENCES certificates (sha256) ON DELETE CASCADE,"
  "  first_signed INTEGER NOT NULL,"
  "  last_signed INTEGER NOT NULL,"
  "  PRIMARY KEY (address, sha256)"
  ") WITHOUT ROWID;"
  "CREATE INDEX signers_sha256 ON signers (sha256);"
  "CREATE TABLE verdicts ("
  "  message_id TEXT NOT NULL,"
  "  signature_digest TEXT NOT NULL,"
  "  verdict TEXT NOT NULL,"
  "  first_verified INTEGER NOT NULL,"
  "  PRIMARY KEY (message_id, signature_digest)"
  ") WITHOUT ROWID;"
  "CREATE TABLE trust ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  sha256 TEXT,"
  "  address TEXT,"
  "  scope TEXT,"
  "  decision TEXT NOT NULL,"
  "  reason TEXT,"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE INDEX trust_sha256 ON trust (sha256);"
  "CREATE INDEX trust_address ON trust (address);",
  /* 2: OCSP answers, one per certificate (issuer and serial). */
  "CREATE TABLE ocsp_responses ("
  "  issuer_sha256 TEXT NOT NULL,"                /* of the issuer certificate */
  "  serial BLOB NOT NULL,"                       /* zeros stripped */
  "  response BLOB NOT NULL,"                     /* the OCSPResponse DER */
  "  this_update INTEGER NOT NULL,"
  "  valid_until INTEGER NOT NULL,"               /* nextUpdate, or thisUpdate + 7 days */
  "  fetched_from TEXT,"
  "  added INTEGER NOT NULL,"
  "  PRIMARY KEY (issuer_sha256, serial)"
  ") WITHOUT ROWID;",
  /* 3: directories the user configured (signet-store-directories.h). */
  "CREATE TABLE directories ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  kind TEXT NOT NULL,"                         /* 'ldap' or 'dane' */
  "  url TEXT NOT NULL,"
  "  timeout INTEGER NOT NULL,"                   /* seconds */
  "  size_limit INTEGER NOT NULL,"                /* entries or records */
  "  position INTEGER NOT NULL,"                  /* lookup order */
  "  added INTEGER NOT NULL"
  ");",
};

#define SIGNET_STORE_SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* ---- errors -------------------------------------------------------------- */

/* Sets @error from the connection's last failure (or @rc). Every SQLite or
 * disk failure becomes SIGNET_ERROR_IO with a sentence a user can act on. */
static gboolean
set_db_error (SignetStore *self, sqlite3 *db, int rc, GError **error)
{
  const char *path = self->path;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the path of the certificate store. */
                   _("The certificate store “%s” is full: there is no space left on the disk."),
                   path);
      break;
    case SQLITE_READONLY:
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the path of the certificate store. */
                   _("The certificate store “%s” is read-only, so nothing can be saved in it."),
                   path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the path of the certificate store. */
                   _("The certificate store “%s” is busy: another program kept it locked for too long."),
                   path);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the path of the certificate store. */
                   _("The certificate store “%s” is damaged or is not a certificate store."),
                   path);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the path of the certificate store,
                    * the second %s a technical detail in English. */
                   _("The certificate store “%s” cannot be opened (%s)."), path, detail);
      break;
    default:
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                   /* Translators: %s is the path of the certificate store,
                    * the second %s a technical detail in English. */
                   _("The certificate store “%s” could not be read or written (%s)."), path,
                   detail);
      break;
    }
  return FALSE;
}

/* ---- small SQLite helpers (called with the lock held) --------------------- */

static gboolean
exec (SignetStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (self, self->db, rc, error);
  return TRUE;
}

/* Returns a cached, reset statement for @sql, which must be a string
 * literal (the cache is keyed by its address). Transfer none. */
static sqlite3_stmt *
prepare (SignetStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* sqlite3_bind_blob() binds NULL for a NULL pointer even with length 0:
 * an empty value must be a zero-length blob, not NULL. */
static void
bind_blob (sqlite3_stmt *stmt, int i, const void *data, gsize len)
{
  if (len == 0)
    sqlite3_bind_zeroblob (stmt, i, 0);
  else
    sqlite3_bind_blob64 (stmt, i, data, len, SQLITE_TRANSIENT);
}

static void
bind_bytes (sqlite3_stmt *stmt, int i, GBytes *bytes)
{
  gsize len;
  const void *data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, i);
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  bind_blob (stmt, i, data, len);
}

/* INTEGER contents without leading zero octets (serials, CRL numbers). */
static void
bind_integer_bytes (sqlite3_stmt *stmt, int i, GBytes *bytes)
{
  gsize len;
  const guint8 *data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, i);
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  while (len > 0 && *data == 0)
    {
      data++;
      len--;
    }
  bind_blob (stmt, i, data, len);
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

static GBytes *
column_bytes (sqlite3_stmt *stmt, int i)
{
  const void *data = sqlite3_column_blob (stmt, i);
  int len = sqlite3_column_bytes (stmt, i);

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (data, (gsize) len);
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (SignetStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Write transactions start IMMEDIATE: taking the write lock up front lets
 * the busy timeout handle a concurrent writer (a deferred transaction that
 * upgrades to a write in WAL mode would fail with SQLITE_BUSY at once). */
static gboolean
begin (SignetStore *self, GError **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (SignetStore *self, GError **error)
{
  return exec (self, "COMMIT", error);
}

static void
rollback (SignetStore *self)
{
  /* After SQLITE_FULL and some I/O errors SQLite has already rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Parses the certificates in the first column of @stmt's rows. Rows whose
 * DER no longer parses (a damaged row) are skipped. */
static GPtrArray *
collect_certificates (SignetStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GBytes) der = column_bytes (stmt, 0);
      SignetCertificate *cert = der ? _signet_certificate_new_shared (der) : NULL;

      if (cert != NULL)
        g_ptr_array_add (out, cert);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- object -------------------------------------------------------------- */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
signet_store_finalize (GObject *object)
{
  SignetStore *self = SIGNET_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (signet_store_parent_class)->finalize (object);
}

static void
signet_store_class_init (SignetStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_store_finalize;
}

static void
signet_store_init (SignetStore *self)
{
  g_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

/**
 * signet_store_record_copy:
 * @record: a record
 *
 * Copies @record; the copy holds a new reference to the certificate.
 *
 * Returns: (transfer full): a copy of @record
 *
 * Since: 0.1
 */
SignetStoreRecord *
signet_store_record_copy (const SignetStoreRecord *record)
{
  SignetStoreRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_new0 (SignetStoreRecord, 1);
  copy->certificate = record->certificate ? g_object_ref (record->certificate) : NULL;
  copy->origin = g_strdup (record->origin);
  copy->first_seen = record->first_seen;
  copy->last_seen = record->last_seen;
  copy->addresses = g_strdupv (record->addresses);
  return copy;
}

/**
 * signet_store_record_free:
 * @record: (transfer full) (nullable): a record
 *
 * Frees @record and what it holds.
 *
 * Since: 0.1
 */
void
signet_store_record_free (SignetStoreRecord *record)
{
  if (record == NULL)
    return;
  g_clear_object (&record->certificate);
  g_free (record->origin);
  g_strfreev (record->addresses);
  g_free (record);
}

/**
 * signet_store_revocation_copy:
 * @revocation: a revocation entry
 *
 * Copies @revocation.
 *
 * Returns: (transfer full): a copy of @revocation
 *
 * Since: 0.1
 */
SignetStoreRevocation *
signet_store_revocation_copy (const SignetStoreRevocation *revocation)
{
  SignetStoreRevocation *copy;

  g_return_val_if_fail (revocation != NULL, NULL);

  copy = g_new0 (SignetStoreRevocation, 1);
  *copy = *revocation;
  copy->crl_sha256 = g_strdup (revocation->crl_sha256);
  return copy;
}

/**
 * signet_store_revocation_free:
 * @revocation: (transfer full) (nullable): a revocation entry
 *
 * Frees @revocation.
 *
 * Since: 0.1
 */
void
signet_store_revocation_free (SignetStoreRevocation *revocation)
{
  if (revocation == NULL)
    return;
  g_free (revocation->crl_sha256);
  g_free (revocation);
}

/* ---- opening ------------------------------------------------------------- */

static int
read_user_version (SignetStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  int version = -1;

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    set_db_error (self, self->db, rc, error);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (SignetStore *self, GError **error)
{
  for (;;)
    {
      int version = read_user_version (self, error);
      g_autofree char *set_version = NULL;

      if (version < 0)
        return FALSE;
      if (version > SIGNET_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_UNSUPPORTED,
                       /* Translators: %s is the path of the certificate store. */
                       _("The certificate store “%s” was written by a newer version of Signet and cannot be used by this one."),
                       self->path);
          return FALSE;
        }
      if (version == SIGNET_STORE_SCHEMA_VERSION)
        {
          self->schema_version = version;
          return TRUE;
        }
      if (self->read_only)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                       /* Translators: %s is the path of the certificate store. */
                       _("The certificate store “%s” needs an upgrade, which cannot be done while it is read-only."),
                       self->path);
          return FALSE;
        }

      if (!begin (self, error))
        return FALSE;
      /* Another process may have migrated while we waited for the lock. */
      if (read_user_version (self, NULL) != version)
        {
          rollback (self);
          continue;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!exec (self, migrations[version], error) || !exec (self, set_version, error) ||
          !commit (self, error))
        {
          rollback (self);
          return FALSE;
        }
    }
}

/**
 * signet_store_get_default_directory:
 *
 * The directory signet_store_open() uses when given %NULL; no disk access.
 *
 * Returns: (transfer full): the directory of the default store,
 *   `$XDG_DATA_HOME/signet`
 *
 * Since: 0.1
 */
char *
signet_store_get_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "signet", NULL);
}

/**
 * signet_store_open:
 * @directory: (nullable): the directory of the store, or %NULL for
 *   signet_store_get_default_directory()
 * @error: return location for a #GError
 *
 * Opens the store in @directory for reading and writing, creating the
 * directory (mode 0700) and the database when they do not exist, and
 * bringing an older database up to the current schema.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 *   (%SIGNET_ERROR_IO)
 *
 * Since: 0.1
 */
SignetStore *
signet_store_open (const char *directory, GError **error)
{
  return signet_store_open_full (directory, SIGNET_STORE_FLAGS_NONE, error);
}

/**
 * signet_store_open_full:
 * @directory: (nullable): the directory of the store, or %NULL for the
 *   default one
 * @flags: how to open it
 * @error: return location for a #GError
 *
 * Like signet_store_open(). With %SIGNET_STORE_FLAGS_READ_ONLY the store
 * must exist and already have the current schema; it is opened through
 * SQLite's read-only mode, so every write fails with a
 * %SIGNET_ERROR_IO error saying the store is read-only.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetStore *
signet_store_open_full (const char *directory, SignetStoreFlags flags, GError **error)
{
  g_autoptr (SignetStore) self = g_object_new (SIGNET_TYPE_STORE, NULL);
  g_autofree char *dir = directory ? g_strdup (directory) : signet_store_get_default_directory ();
  int open_flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  self->path = g_build_filename (dir, SIGNET_STORE_FILE_NAME, NULL);
  self->read_only = (flags & SIGNET_STORE_FLAGS_READ_ONLY) != 0;

  if (self->read_only)
    open_flags |= SQLITE_OPEN_READONLY;
  else
    {
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                       /* Translators: the first %s is a directory, the second
                        * the system's explanation. */
                       _("The folder “%s” for the certificate store cannot be created: %s."), dir,
                       g_strerror (saved_errno));
          return NULL;
        }
      /* Create the file ourselves so that it (and the -wal and -shm files
       * SQLite derives from it) is private to the user. */
      fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd >= 0)
        g_close (fd, NULL);
      open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, SIGNET_STORE_BUSY_TIMEOUT_MS);

  if (!exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", error))
    return NULL;
  if (!self->read_only)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean wal = FALSE;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        {
          set_db_error (self, self->db, rc, error);
          return NULL;
        }
      if (!wal)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO,
                       /* Translators: %s is the path of the certificate store. */
                       _("The certificate store “%s” cannot be shared safely between programs on this file system."),
                       self->path);
          return NULL;
        }
    }
  if (!migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * signet_store_get_path:
 * @self: a store
 *
 * The database file of the store; no disk access.
 *
 * Returns: the path of the database file
 *
 * Since: 0.1
 */
const char *
signet_store_get_path (SignetStore *self)
{
  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  return self->path;
}

/**
 * signet_store_get_schema_version:
 * @self: a store
 *
 * The schema version the store was opened with, read when it was opened; no
 * disk access.
 *
 * Returns: the schema version of the database (PRAGMA user_version)
 *
 * Since: 0.1
 */
int
signet_store_get_schema_version (SignetStore *self)
{
  g_return_val_if_fail (SIGNET_IS_STORE (self), -1);
  return self->schema_version;
}

/* ---- certificates -------------------------------------------------------- */

static const char *
nonnull (const char *s)
{
  return s ? s : "";
}

/* Inserts @cert unless present; returns through @added whether it was new.
 * Called inside a transaction, with the lock held. */
static gboolean
insert_certificate (SignetStore *self,
                    SignetCertificate *cert,
                    const char *origin,
                    gint64 when,
                    gboolean *added,
                    GError **error)
{
  static const char insert_sql[] =
    "INSERT OR IGNORE INTO certificates (sha256, der, subject, issuer, raw_subject, raw_issuer,"
    " serial, ski, aki, not_before, not_after, is_ca, first_seen, last_seen, origin)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)";
  static const char touch_sql[] =
    "UPDATE certificates SET last_seen = MAX (last_seen, ?2) WHERE sha256 = ?1";
  static const char address_sql[] =
    "INSERT OR IGNORE INTO certificate_addresses (sha256, address) VALUES (?1, ?2)";
  const char *sha256 = signet_certificate_get_sha256 (cert);
  sqlite3_stmt *stmt;
  gboolean is_ca = FALSE;
  int path_len;
  const char *const *emails;

  *added = FALSE;
  if (!(stmt = prepare (self, insert_sql, error)))
    return FALSE;
  if (!signet_certificate_get_basic_constraints (cert, &is_ca, &path_len))
    is_ca = FALSE;
  bind_text (stmt, 1, sha256);
  bind_bytes (stmt, 2, signet_certificate_get_der (cert));
  bind_text (stmt, 3, nonnull (signet_certificate_get_subject (cert)));
  bind_text (stmt, 4, nonnull (signet_certificate_get_issuer (cert)));
  bind_bytes (stmt, 5, signet_certificate_get_raw_subject (cert));
  bind_bytes (stmt, 6, signet_certificate_get_raw_issuer (cert));
  bind_integer_bytes (stmt, 7, signet_certificate_get_serial (cert));
  bind_bytes (stmt, 8, signet_certificate_get_subject_key_id (cert));
  bind_bytes (stmt, 9, signet_certificate_get_authority_key_id (cert));
  sqlite3_bind_int64 (stmt, 10, signet_certificate_get_not_before (cert));
  sqlite3_bind_int64 (stmt, 11, signet_certificate_get_not_after (cert));
  sqlite3_bind_int (stmt, 12, is_ca ? 1 : 0);
  sqlite3_bind_int64 (stmt, 13, when);
  bind_text (stmt, 14, origin);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      if (!(stmt = prepare (self, touch_sql, error)))
        return FALSE;
      bind_text (stmt, 1, sha256);
      sqlite3_bind_int64 (stmt, 2, when);
      return step_done (self, stmt, error);
    }

  *added = TRUE;
  emails = signet_certificate_get_emails (cert);
  for (gsize i = 0; emails && emails[i]; i++)
    {
      g_autofree char *normalized = signet_address_normalize (emails[i]);

      if (normalized == NULL)
        continue;
      if (!(stmt = prepare (self, address_sql, error)))
        return FALSE;
      bind_text (stmt, 1, sha256);
      bind_text (stmt, 2, normalized);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * signet_store_add_certificates:
 * @self: a store
 * @certificates: (element-type SignetCertificate): the certificates
 * @origin: (nullable): where they come from, e.g. "message", "import:FILE"
 * @when: the time to record as first/last seen (Unix time)
 * @n_added: (out) (optional): how many of them were new
 * @error: return location for a #GError
 *
 * Adds @certificates in one transaction: either all of them are stored or,
 * on error, none. Certificates already present only have their last-seen
 * time updated.
 *
 * Returns: %TRUE on success, %FALSE with @error set (%SIGNET_ERROR_IO)
 *
 * Since: 0.1
 */
gboolean
signet_store_add_certificates (SignetStore *self,
                               GPtrArray *certificates,
                               const char *origin,
                               gint64 when,
                               guint *n_added,
                               GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  guint count = 0;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (certificates != NULL, FALSE);

  if (n_added)
    *n_added = 0;
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; i < certificates->len; i++)
    {
      gboolean added;

      if (!insert_certificate (self, g_ptr_array_index (certificates, i), origin, when, &added,
                               error))
        {
          rollback (self);
          return FALSE;
        }
      if (added)
        count++;
    }
  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if (n_added)
    *n_added = count;
  return TRUE;
}

typedef struct
{
  GPtrArray *certificates;
  char *origin;
  char *address;
  gint64 when;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_pointer (&data->certificates, g_ptr_array_unref);
  g_free (data->origin);
  g_free (data->address);
  g_free (data);
}

static void
add_certificates_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  guint n_added = 0;

  (void) cancellable; /* checked through the task */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (signet_store_add_certificates (SIGNET_STORE (source), data->certificates, data->origin,
                                     data->when, &n_added, &error))
    g_task_return_int (task, n_added);
  else
    g_task_return_error (task, error);
}

/**
 * signet_store_add_certificates_async:
 * @self: a store
 * @certificates: (element-type SignetCertificate): the certificates
 * @origin: (nullable): where they come from
 * @when: the time to record (Unix time)
 * @cancellable: (nullable): a #GCancellable; cancelling only helps before
 *   the transaction started
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_add_certificates() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_add_certificates_async (SignetStore *self,
                                     GPtrArray *certificates,
                                     const char *origin,
                                     gint64 when,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (certificates != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_store_add_certificates_async);
  data = g_new0 (TaskData, 1);
  data->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < certificates->len; i++)
    g_ptr_array_add (data->certificates, g_object_ref (g_ptr_array_index (certificates, i)));
  data->origin = g_strdup (origin);
  data->when = when;
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, add_certificates_thread);
}

/**
 * signet_store_add_certificates_finish:
 * @self: a store
 * @result: the result given to the callback
 * @n_added: (out) (optional): how many certificates were new
 * @error: return location for a #GError
 *
 * Finishes signet_store_add_certificates_async().
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_add_certificates_finish (SignetStore *self,
                                      GAsyncResult *result,
                                      guint *n_added,
                                      GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_added)
    *n_added = (guint) n;
  return TRUE;
}

/**
 * signet_store_find_by_address:
 * @self: a store
 * @address: an e-mail address, in any case, with an IDN or A-label domain
 * @error: return location for a #GError
 *
 * Finds the certificates that name @address (compared with
 * signet_address_normalize()), the latest expiring first.
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates (possibly none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_address (SignetStore *self, const char *address, GError **error)
{
  static const char sql[] =
    "SELECT c.der FROM certificate_addresses a JOIN certificates c ON c.sha256 = a.sha256"
    " WHERE a.address = ?1 ORDER BY c.not_after DESC, c.sha256 LIMIT " G_STRINGIFY (SIGNET_STORE_MAX_RESULTS);
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  normalized = signet_address_normalize (address);
  if (normalized == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, normalized);
  return collect_certificates (self, stmt, error);
}

static void
find_by_address_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  GPtrArray *found;

  (void) cancellable; /* checked through the task */
  if (g_task_return_error_if_cancelled (task))
    return;
  found = signet_store_find_by_address (SIGNET_STORE (source), data->address, &error);
  if (found != NULL)
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * signet_store_find_by_address_async:
 * @self: a store
 * @address: an e-mail address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs signet_store_find_by_address() in a worker thread.
 *
 * Since: 0.1
 */
void
signet_store_find_by_address_async (SignetStore *self,
                                    const char *address,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (SIGNET_IS_STORE (self));
  g_return_if_fail (address != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_store_find_by_address_async);
  data = g_new0 (TaskData, 1);
  data->address = g_strdup (address);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, find_by_address_thread);
}

/**
 * signet_store_find_by_address_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_store_find_by_address_async().
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_address_finish (SignetStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_store_find_by_subject:
 * @self: a store
 * @raw_subject: a DER Name
 * @error: return location for a #GError
 *
 * Finds the certificates whose subject is byte-for-byte @raw_subject: the
 * issuer candidates of a certificate whose raw issuer this is.
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates (possibly none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_subject (SignetStore *self, GBytes *raw_subject, GError **error)
{
  static const char sql[] =
    "SELECT der FROM certificates WHERE raw_subject = ?1"
    " ORDER BY not_after DESC, sha256 LIMIT " G_STRINGIFY (SIGNET_STORE_MAX_RESULTS);
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (raw_subject != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_bytes (stmt, 1, raw_subject);
  return collect_certificates (self, stmt, error);
}

/**
 * signet_store_find_by_issuer_serial:
 * @self: a store
 * @raw_issuer: the DER Name of the issuer
 * @serial: the serial number (INTEGER contents; leading zero octets do not
 *   matter)
 * @error: return location for a #GError
 *
 * Finds certificates by issuer and serial number, as a CMS
 * IssuerAndSerialNumber names its signer.
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates (normally at most one), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_issuer_serial (SignetStore *self, GBytes *raw_issuer, GBytes *serial, GError **error)
{
  static const char sql[] =
    "SELECT der FROM certificates WHERE raw_issuer = ?1 AND serial = ?2"
    " ORDER BY not_after DESC, sha256 LIMIT " G_STRINGIFY (SIGNET_STORE_MAX_RESULTS);
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (raw_issuer != NULL && serial != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_bytes (stmt, 1, raw_issuer);
  bind_integer_bytes (stmt, 2, serial);
  return collect_certificates (self, stmt, error);
}

/**
 * signet_store_find_by_subject_key_id:
 * @self: a store
 * @ski: a subjectKeyIdentifier value
 * @error: return location for a #GError
 *
 * Finds certificates by their subjectKeyIdentifier extension (for a CMS
 * signer named by key identifier, or an issuer named by an
 * authorityKeyIdentifier).
 *
 * Returns: (transfer container) (element-type SignetCertificate): the
 *   certificates, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_by_subject_key_id (SignetStore *self, GBytes *ski, GError **error)
{
  static const char sql[] =
    "SELECT der FROM certificates WHERE ski = ?1"
    " ORDER BY not_after DESC, sha256 LIMIT " G_STRINGIFY (SIGNET_STORE_MAX_RESULTS);
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (ski != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_bytes (stmt, 1, ski);
  return collect_certificates (self, stmt, error);
}

static GStrv
get_addresses (SignetStore *self, const char *sha256, GError **error)
{
  static const char sql[] =
    "SELECT address FROM certificate_addresses WHERE sha256 = ?1 ORDER BY address";
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, sha256);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Reads records from rows (sha256, der, origin, first_seen, last_seen). */
static GPtrArray *
collect_records (SignetStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_store_record_free);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GBytes) der = column_bytes (stmt, 1);
      g_autoptr (SignetCertificate) cert = der ? signet_certificate_new_from_der (der, NULL) : NULL;
      SignetStoreRecord *record;

      if (cert == NULL)
        continue;
      record = g_new0 (SignetStoreRecord, 1);
      record->certificate = g_steal_pointer (&cert);
      record->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->first_seen = sqlite3_column_int64 (stmt, 3);
      record->last_seen = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (out, record);
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  /* The address statement is another cached statement: read them after the
   * record query finished. */
  for (guint i = 0; i < out->len; i++)
    {
      SignetStoreRecord *record = g_ptr_array_index (out, i);

      record->addresses = get_addresses (self, g_ptr_array_index (keys, i), error);
      if (record->addresses == NULL)
        return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * signet_store_lookup:
 * @self: a store
 * @sha256: a SHA-256 fingerprint in lower-case hex (as
 *   signet_certificate_get_sha256() gives it)
 * @error: return location for a #GError
 *
 * Looks a certificate up by its fingerprint.
 *
 * Returns: (transfer full) (nullable): the certificate, or %NULL when the
 *   store does not hold it (@error unset) or on error (@error set)
 *
 * Since: 0.1
 */
SignetCertificate *
signet_store_lookup (SignetStore *self, const char *sha256, GError **error)
{
  static const char sql[] = "SELECT der FROM certificates WHERE sha256 = ?1";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, sha256);
  found = collect_certificates (self, stmt, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * signet_store_lookup_record:
 * @self: a store
 * @sha256: a SHA-256 fingerprint in lower-case hex
 * @error: return location for a #GError
 *
 * Looks a certificate up by its fingerprint, with what the store knows about
 * it.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL when the store
 *   does not hold the certificate (@error unset) or on error (@error set)
 *
 * Since: 0.1
 */
SignetStoreRecord *
signet_store_lookup_record (SignetStore *self, const char *sha256, GError **error)
{
  static const char sql[] =
    "SELECT sha256, der, origin, first_seen, last_seen FROM certificates WHERE sha256 = ?1";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) found = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, sha256);
  found = collect_records (self, stmt, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_ptr_array_steal_index (found, 0);
}

/**
 * signet_store_resolve_fingerprint:
 * @self: a store
 * @text: a SHA-256 fingerprint as a user typed it: hex in any case, with or
 *   without colons or spaces, or a prefix of at least 8 hex digits
 * @error: return location for a #GError
 *
 * Finds the one stored certificate @text designates.
 *
 * Returns: (transfer full) (nullable): its fingerprint in lower-case hex;
 *   %NULL with @error unset when no certificate matches; %NULL with @error
 *   set when @text is not a fingerprint (%SIGNET_ERROR_PARSE), matches
 *   several certificates (%SIGNET_ERROR_FAILED) or the store fails
 *
 * Since: 0.1
 */
char *
signet_store_resolve_fingerprint (SignetStore *self, const char *text, GError **error)
{
  static const char sql[] =
    "SELECT sha256 FROM certificates WHERE sha256 >= ?1 AND sha256 < ?1 || 'g'"
    " ORDER BY sha256 LIMIT 2";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GString) hex = g_string_new (NULL);
  g_autofree char *first = NULL;
  sqlite3_stmt *stmt;
  int rc, n = 0;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == ':' || g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isxdigit (*p) || hex->len >= 64)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                       /* Translators: %s is what the user typed. */
                       _("“%s” is not a SHA-256 fingerprint: it must consist of hexadecimal digits."),
                       text);
          return NULL;
        }
      g_string_append_c (hex, g_ascii_tolower (*p));
    }
  if (hex->len < 8)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   /* Translators: %s is what the user typed. */
                   _("“%s” is too short: give at least 8 hexadecimal digits of the fingerprint."),
                   text);
      return NULL;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, hex->str);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ == 0)
        first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  if (n > 1)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   /* Translators: %s is what the user typed. */
                   _("“%s” matches more than one certificate: give more digits of the fingerprint."),
                   text);
      return NULL;
    }
  return g_steal_pointer (&first);
}

/**
 * signet_store_list:
 * @self: a store
 * @address: (nullable): only the certificates of this address
 * @error: return location for a #GError
 *
 * Lists the stored certificates, ordered by subject.
 *
 * Returns: (transfer container) (element-type SignetStoreRecord): the records,
 *   or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_list (SignetStore *self, const char *address, GError **error)
{
  static const char all_sql[] =
    "SELECT sha256, der, origin, first_seen, last_seen FROM certificates"
    " ORDER BY subject, not_after DESC, sha256";
  static const char address_sql[] =
    "SELECT c.sha256, c.der, c.origin, c.first_seen, c.last_seen"
    " FROM certificate_addresses a JOIN certificates c ON c.sha256 = a.sha256"
    " WHERE a.address = ?1 ORDER BY c.subject, c.not_after DESC, c.sha256";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);

  if (address != NULL)
    {
      normalized = signet_address_normalize (address);
      if (normalized == NULL)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) signet_store_record_free);
    }
  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, normalized ? address_sql : all_sql, error)))
    return NULL;
  if (normalized)
    bind_text (stmt, 1, normalized);
  return collect_records (self, stmt, error);
}

/**
 * signet_store_remove:
 * @self: a store
 * @sha256: the certificate's fingerprint (lower-case hex)
 * @removed: (out) (optional): whether the store held it
 * @error: return location for a #GError
 *
 * Removes a certificate with its addresses and signer records.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_remove (SignetStore *self, const char *sha256, gboolean *removed, GError **error)
{
  static const char sql[] = "DELETE FROM certificates WHERE sha256 = ?1";
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (removed)
    *removed = FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  if (!(stmt = prepare (self, sql, error)))
    {
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, sha256);
  if (!step_done (self, stmt, error))
    {
      rollback (self);
      return FALSE;
    }
  done = sqlite3_changes (self->db) > 0;
  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if (removed)
    *removed = done;
  return TRUE;
}

/* ---- CRLs ---------------------------------------------------------------- */

/* Compares two INTEGER contents (non-negative, big-endian). */
static int
compare_integers (const guint8 *a, gsize alen, const guint8 *b, gsize blen)
{
  while (alen > 0 && *a == 0)
    a++, alen--;
  while (blen > 0 && *b == 0)
    b++, blen--;
  if (alen != blen)
    return alen < blen ? -1 : 1;
  return alen ? memcmp (a, b, alen) : 0;
}

typedef struct
{
  SignetStore *self;
  SignetCrl *crl;
  sqlite3_int64 crl_id;
  GError *error;
} EntryInsert;

static void
insert_entry (GBytes *serial, const SignetCrlEntry *entry, gpointer user_data)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO crl_entries (crl_id, serial, cert_issuer, revocation_time, reason,"
    " invalidity_date) VALUES (?1, ?2, x'', ?3, ?4, ?5)";
  EntryInsert *ins = user_data;
  sqlite3_stmt *stmt;

  if (ins->error != NULL)
    return;
  if (!(stmt = prepare (ins->self, sql, &ins->error)))
    return;
  sqlite3_bind_int64 (stmt, 1, ins->crl_id);
  bind_integer_bytes (stmt, 2, serial);
  sqlite3_bind_int64 (stmt, 3, entry->revocation_time);
  sqlite3_bind_int (stmt, 4, entry->reason);
  sqlite3_bind_int64 (stmt, 5, entry->invalidity_date);
  step_done (ins->self, stmt, &ins->error);
}

/* Until signet_crl_foreach_entry() exists: walk revokedCertificates with
 * the bounded DER reader (the CRL already parsed, so the structure is
 * known to be sound) and take each entry's details from signet_crl_lookup().
 * Entries of an indirect CRL that name another certificate issuer are not
 * found by a lookup without that issuer and stay out of the index. */
static void
foreach_entry_fallback (SignetCrl *crl, SignetCrlEntryFunc func, gpointer user_data)
{
  GBytes *der = signet_crl_get_der (crl);
  gsize len;
  const guint8 *data = g_bytes_get_data (der, &len);
  SignetDerReader reader, tbs_reader, list_reader;
  SignetDerTlv outer, tbs, tlv;

  signet_der_reader_init (&reader, data, len);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &outer))
    return;
  signet_der_reader_init_contents (&reader, &outer);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tbs))
    return;
  signet_der_reader_init_contents (&tbs_reader, &tbs);
  /* version INTEGER OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL */
  if (signet_der_peek (&tbs_reader, &tlv) &&
      signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER))
    signet_der_read (&tbs_reader, &tlv);
  if (!signet_der_read (&tbs_reader, &tlv) || !signet_der_read (&tbs_reader, &tlv) ||
      !signet_der_read (&tbs_reader, &tlv))
    return;
  if (!signet_der_peek (&tbs_reader, &tlv))
    return;
  if (signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_UTC_TIME) ||
      signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_GENERALIZED_TIME))
    signet_der_read (&tbs_reader, &tlv);
  if (!signet_der_read_expect (&tbs_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv))
    return; /* no revokedCertificates */
  signet_der_reader_init_contents (&list_reader, &tlv);
  while (!signet_der_reader_at_end (&list_reader))
    {
      SignetDerReader entry_reader;
      SignetDerTlv entry_tlv, serial_tlv;
      g_autoptr (GBytes) serial = NULL;
      SignetCrlEntry entry;

      if (!signet_der_read_expect (&list_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                   &entry_tlv))
        return;
      signet_der_reader_init_contents (&entry_reader, &entry_tlv);
      if (!signet_der_read_expect (&entry_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER,
                                   &serial_tlv))
        return;
      serial = g_bytes_new (serial_tlv.value, serial_tlv.value_len);
      if (signet_crl_lookup (crl, serial, NULL, &entry))
        func (serial, &entry, user_data);
    }
}

static char *
crl_scope (SignetCrl *crl)
{
  GBytes *idp = signet_crl_get_idp_der (crl);

  if (idp == NULL)
    return g_strdup ("");
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, idp);
}

/**
 * signet_store_add_crl:
 * @self: a store
 * @crl: a parsed CRL (its signature is the caller's business: the store
 *   keeps what it is given)
 * @fetched_from: (nullable): the URL it was fetched from
 * @when: the time to record (Unix time)
 * @result: (out) (optional): what happened
 * @error: return location for a #GError
 *
 * Stores @crl with an index of its entries, in one transaction. A CRL of
 * the same issuer, authorityKeyIdentifier, issuingDistributionPoint and
 * delta-ness replaces the stored one when it is newer (higher cRLNumber;
 * with equal or missing numbers, later thisUpdate) and is ignored when it
 * is not.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_add_crl (SignetStore *self,
                      SignetCrl *crl,
                      const char *fetched_from,
                      gint64 when,
                      SignetStoreCrlResult *result,
                      GError **error)
{
  static const char exists_sql[] = "SELECT 1 FROM crls WHERE sha256 = ?1";
  static const char same_scope_sql[] =
    "SELECT id, crl_number, this_update FROM crls"
    " WHERE raw_issuer = ?1 AND aki IS ?2 AND scope = ?3 AND is_delta = ?4";
  static const char delete_sql[] = "DELETE FROM crls WHERE id = ?1";
  static const char insert_sql[] =
    "INSERT INTO crls (sha256, der, raw_issuer, aki, crl_number, this_update, next_update,"
    " is_delta, scope, fetched_from, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GArray) older = g_array_new (FALSE, FALSE, sizeof (sqlite3_int64));
  g_autofree char *scope = NULL;
  GBytes *number;
  gsize nlen = 0;
  const guint8 *ndata = NULL;
  gint64 this_update;
  gboolean is_delta, superseded = FALSE;
  SignetStoreCrlResult outcome = SIGNET_STORE_CRL_ADDED;
  sqlite3_stmt *stmt;
  EntryInsert ins = { 0 };
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CRL (crl), FALSE);

  scope = crl_scope (crl);
  number = signet_crl_get_number (crl);
  if (number)
    ndata = g_bytes_get_data (number, &nlen);
  this_update = signet_crl_get_this_update (crl);
  is_delta = signet_crl_is_delta (crl, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;

  if (!(stmt = prepare (self, exists_sql, error)))
    goto fail;
  bind_text (stmt, 1, signet_crl_get_sha256 (crl));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      outcome = SIGNET_STORE_CRL_DUPLICATE;
      goto done;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      goto fail;
    }

  if (!(stmt = prepare (self, same_scope_sql, error)))
    goto fail;
  bind_bytes (stmt, 1, signet_crl_get_raw_issuer (crl));
  bind_bytes (stmt, 2, signet_crl_get_authority_key_id (crl));
  bind_text (stmt, 3, scope);
  sqlite3_bind_int (stmt, 4, is_delta ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 id = sqlite3_column_int64 (stmt, 0);
      gboolean old_has_number = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      gint64 old_this_update = sqlite3_column_int64 (stmt, 2);
      int cmp = 0;

      if (number != NULL && old_has_number)
        cmp = compare_integers (ndata, nlen, sqlite3_column_blob (stmt, 1),
                                (gsize) sqlite3_column_bytes (stmt, 1));
      if (cmp == 0)
        cmp = this_update > old_this_update ? 1 : this_update < old_this_update ? -1 : 0;
      if (cmp > 0)
        g_array_append_val (older, id);
      else
        superseded = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      goto fail;
    }
  if (superseded)
    {
      outcome = SIGNET_STORE_CRL_SUPERSEDED;
      goto done;
    }

  for (guint i = 0; i < older->len; i++)
    {
      if (!(stmt = prepare (self, delete_sql, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (older, sqlite3_int64, i));
      if (!step_done (self, stmt, error))
        goto fail;
      outcome = SIGNET_STORE_CRL_REPLACED;
    }

  if (!(stmt = prepare (self, insert_sql, error)))
    goto fail;
  bind_text (stmt, 1, signet_crl_get_sha256 (crl));
  bind_bytes (stmt, 2, signet_crl_get_der (crl));
  bind_bytes (stmt, 3, signet_crl_get_raw_issuer (crl));
  bind_bytes (stmt, 4, signet_crl_get_authority_key_id (crl));
  bind_integer_bytes (stmt, 5, number);
  sqlite3_bind_int64 (stmt, 6, this_update);
  sqlite3_bind_int64 (stmt, 7, signet_crl_get_next_update (crl));
  sqlite3_bind_int (stmt, 8, is_delta ? 1 : 0);
  bind_text (stmt, 9, scope);
  bind_text (stmt, 10, fetched_from);
  sqlite3_bind_int64 (stmt, 11, when);
  if (!step_done (self, stmt, error))
    goto fail;

  ins.self = self;
  ins.crl = crl;
  ins.crl_id = sqlite3_last_insert_rowid (self->db);
  if (signet_crl_foreach_entry != NULL)
    signet_crl_foreach_entry (crl, insert_entry, &ins);
  else
    foreach_entry_fallback (crl, insert_entry, &ins);
  if (ins.error != NULL)
    {
      g_propagate_error (error, ins.error);
      goto fail;
    }

done:
  if (!commit (self, error))
    goto fail;
  if (result)
    *result = outcome;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * signet_store_find_crls_by_issuer:
 * @self: a store
 * @raw_issuer: the DER Name of the CRL issuer
 * @error: return location for a #GError
 *
 * Returns the stored CRLs of @raw_issuer (full CRLs first, newest first),
 * parsed from their DER (or shared from the process-wide cache of parsed
 * CRLs).
 *
 * Returns: (transfer container) (element-type SignetCrl): the CRLs (possibly
 *   none), or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_crls_by_issuer (SignetStore *self, GBytes *raw_issuer, GError **error)
{
  static const char sql[] =
    "SELECT der FROM crls WHERE raw_issuer = ?1 ORDER BY is_delta, this_update DESC, sha256";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (raw_issuer != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_bytes (stmt, 1, raw_issuer);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ders, column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  g_clear_pointer (&locker, g_mutex_locker_free);

  /* Parse outside the lock: big CRLs take a while. */
  for (guint i = 0; i < ders->len; i++)
    {
      SignetCrl *crl = _signet_crl_new_shared (g_ptr_array_index (ders, i));

      if (crl != NULL)
        g_ptr_array_add (out, crl);
    }
  return g_steal_pointer (&out);
}

static const char revocation_sql[] =
  "SELECT c.sha256, c.is_delta, e.revocation_time, e.reason, e.invalidity_date"
  " FROM crl_entries e JOIN crls c ON c.id = e.crl_id"
  " WHERE e.serial = ?2 AND (e.cert_issuer = ?1 OR (e.cert_issuer = x'' AND c.raw_issuer = ?1))"
  " ORDER BY c.is_delta, c.this_update DESC";

/**
 * signet_store_find_revocations:
 * @self: a store
 * @raw_issuer: the DER Name of the certificate's issuer
 * @serial: the certificate's serial (leading zero octets do not matter)
 * @error: return location for a #GError
 *
 * Looks the certificate up in the entries of every stored CRL with one
 * indexed query. An empty result only means "not listed": whether a
 * current CRL covers the certificate at all is the revocation checker's
 * question (signet_store_find_crls_by_issuer()). Entries with reason
 * removeFromCRL in a delta CRL are returned as they are.
 *
 * Returns: (transfer container) (element-type SignetStoreRevocation): the
 *   entries listing the certificate (possibly none), or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_find_revocations (SignetStore *self, GBytes *raw_issuer, GBytes *serial, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (raw_issuer != NULL && serial != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_store_revocation_free);
  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, revocation_sql, error)))
    return NULL;
  bind_bytes (stmt, 1, raw_issuer);
  bind_integer_bytes (stmt, 2, serial);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignetStoreRevocation *r = g_new0 (SignetStoreRevocation, 1);

      r->crl_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      r->crl_is_delta = sqlite3_column_int (stmt, 1) != 0;
      r->revocation_time = sqlite3_column_int64 (stmt, 2);
      r->reason = (SignetCrlReason) sqlite3_column_int (stmt, 3);
      r->invalidity_date = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- signers and verdicts ---------------------------------------------- */

/**
 * signet_store_record_signer:
 * @self: a store
 * @address: the address the message came from
 * @certificate: the certificate that signed it (stored too if new)
 * @when: when the message was signed or shown (Unix time)
 * @error: return location for a #GError
 *
 * Remembers that @address signed with @certificate, for certificate
 * continuity ("this sender used another certificate before").
 *
 * Returns: %TRUE on success, %FALSE with @error set (%SIGNET_ERROR_PARSE
 *   when @address is not an address)
 *
 * Since: 0.1
 */
gboolean
signet_store_record_signer (SignetStore *self,
                            const char *address,
                            SignetCertificate *certificate,
                            gint64 when,
                            GError **error)
{
  static const char sql[] =
    "INSERT INTO signers (address, sha256, first_signed, last_signed) VALUES (?1, ?2, ?3, ?3)"
    " ON CONFLICT (address, sha256) DO UPDATE SET"
    " first_signed = MIN (first_signed, excluded.first_signed),"
    " last_signed = MAX (last_signed, excluded.last_signed)";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;
  gboolean added;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  normalized = signet_address_normalize (address);
  if (normalized == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   /* Translators: %s is what was given as an e-mail address. */
                   _("“%s” is not an e-mail address."), address);
      return FALSE;
    }
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  if (!insert_certificate (self, certificate, "signer", when, &added, error) ||
      !(stmt = prepare (self, sql, error)))
    goto fail;
  bind_text (stmt, 1, normalized);
  bind_text (stmt, 2, signet_certificate_get_sha256 (certificate));
  sqlite3_bind_int64 (stmt, 3, when);
  if (!step_done (self, stmt, error) || !commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * signet_store_get_last_signer:
 * @self: a store
 * @address: an address
 * @last_signed: (out) (optional): when it last signed with it
 * @error: return location for a #GError
 *
 * The certificate a sender signed with last, as signet_store_record_signer()
 * recorded it (certificate continuity).
 *
 * Returns: (transfer full) (nullable): the certificate @address signed
 *   with most recently, or %NULL when none is known (@error unset) or on
 *   error (@error set)
 *
 * Since: 0.1
 */
SignetCertificate *
signet_store_get_last_signer (SignetStore *self, const char *address, gint64 *last_signed, GError **error)
{
  static const char sql[] =
    "SELECT c.der, s.last_signed FROM signers s JOIN certificates c ON c.sha256 = s.sha256"
    " WHERE s.address = ?1 ORDER BY s.last_signed DESC, s.first_signed DESC LIMIT 1";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr (GBytes) der = NULL;
  sqlite3_stmt *stmt;
  gint64 t = 0;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  normalized = signet_address_normalize (address);
  if (normalized == NULL)
    return NULL;
  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, normalized);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      der = column_bytes (stmt, 0);
      t = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  if (der == NULL)
    return NULL;
  if (last_signed)
    *last_signed = t;
  return _signet_certificate_new_shared (der);
}

/**
 * signet_store_record_verdict:
 * @self: a store
 * @message_id: the message's Message-ID
 * @signature_digest: an identifier of the signature (e.g. the SHA-256 of
 *   the SignerInfo's signature value)
 * @verdict: the verdict, as signet_verdict_to_string() writes it
 * @when: when it was verified (Unix time)
 * @error: return location for a #GError
 *
 * Remembers the verdict of the first verification of a signature; later
 * calls for the same message and signature change nothing, so that a
 * certificate expiring or being revoked later does not rewrite history.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_record_verdict (SignetStore *self,
                             const char *message_id,
                             const char *signature_digest,
                             const char *verdict,
                             gint64 when,
                             GError **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO verdicts (message_id, signature_digest, verdict, first_verified)"
    " VALUES (?1, ?2, ?3, ?4)";
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (message_id && signature_digest && verdict, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  bind_text (stmt, 1, message_id);
  bind_text (stmt, 2, signature_digest);
  bind_text (stmt, 3, verdict);
  sqlite3_bind_int64 (stmt, 4, when);
  /* A single statement is its own transaction. */
  return step_done (self, stmt, error);
}

/**
 * signet_store_lookup_verdict:
 * @self: a store
 * @message_id: the message's Message-ID
 * @signature_digest: the signature's identifier
 * @first_verified: (out) (optional): when it was first verified
 * @error: return location for a #GError
 *
 * The verdict signet_store_record_verdict() remembered for a signature of a
 * message.
 *
 * Returns: (transfer full) (nullable): the remembered verdict, or %NULL
 *   when there is none (@error unset) or on error (@error set)
 *
 * Since: 0.1
 */
char *
signet_store_lookup_verdict (SignetStore *self,
                             const char *message_id,
                             const char *signature_digest,
                             gint64 *first_verified,
                             GError **error)
{
  static const char sql[] =
    "SELECT verdict, first_verified FROM verdicts WHERE message_id = ?1 AND signature_digest = ?2";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *verdict = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (message_id && signature_digest, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, message_id);
  bind_text (stmt, 2, signature_digest);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (first_verified)
        *first_verified = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&verdict);
}

/**
 * signet_store_crl_record_copy:
 * @record: a CRL record
 *
 * Copies @record; the copy holds a new reference to the CRL.
 *
 * Returns: (transfer full): a copy of @record
 *
 * Since: 0.1
 */
SignetStoreCrlRecord *
signet_store_crl_record_copy (const SignetStoreCrlRecord *record)
{
  SignetStoreCrlRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_new0 (SignetStoreCrlRecord, 1);
  copy->crl = record->crl ? g_object_ref (record->crl) : NULL;
  copy->fetched_from = g_strdup (record->fetched_from);
  copy->added = record->added;
  return copy;
}

/**
 * signet_store_crl_record_free:
 * @record: (transfer full) (nullable): a CRL record
 *
 * Frees @record and what it holds.
 *
 * Since: 0.1
 */
void
signet_store_crl_record_free (SignetStoreCrlRecord *record)
{
  if (record == NULL)
    return;
  g_clear_object (&record->crl);
  g_free (record->fetched_from);
  g_free (record);
}

/**
 * signet_store_list_crls:
 * @self: a store
 * @error: return location for a #GError
 *
 * Every stored CRL with where it came from, ordered by issuer, full CRLs
 * before delta CRLs, newest first (at most 1000).
 *
 * Returns: (transfer container) (element-type SignetStoreCrlRecord): the CRLs,
 *   or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_list_crls (SignetStore *self, GError **error)
{
  static const char sql[] =
    "SELECT der, fetched_from, added FROM crls ORDER BY raw_issuer, is_delta, this_update DESC, sha256"
    " LIMIT 1000";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_store_crl_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GBytes) der = column_bytes (stmt, 0);
      SignetCrl *crl = signet_crl_new_from_der (der, NULL);
      SignetStoreCrlRecord *record;

      if (crl == NULL)
        continue;
      record = g_new0 (SignetStoreCrlRecord, 1);
      record->crl = crl;
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        record->fetched_from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      record->added = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (out, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- OCSP answers -------------------------------------------------------- */

/**
 * signet_store_record_ocsp:
 * @self: a store
 * @issuer_sha256: the SHA-256 fingerprint of the certificate's issuer
 * @serial: the certificate's serial (leading zero octets do not matter)
 * @response: the OCSPResponse (DER) as received, already judged usable
 * @this_update: thisUpdate of the SingleResponse about the certificate
 * @next_update: its nextUpdate, -1 when absent
 * @fetched_from: (nullable): the responder URL
 * @when: now (Unix time)
 * @error: return location for a #GError
 *
 * Remembers an OCSP answer about one certificate until its nextUpdate, or
 * for %SIGNET_STORE_OCSP_MAX_AGE seconds after its thisUpdate when it has
 * none. An answer replaces the stored one unless that one is newer (later
 * thisUpdate). The answer is stored as received: whoever reads it back
 * judges it again (signet_ocsp_check_response()).
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_record_ocsp (SignetStore *self,
                          const char *issuer_sha256,
                          GBytes *serial,
                          GBytes *response,
                          gint64 this_update,
                          gint64 next_update,
                          const char *fetched_from,
                          gint64 when,
                          GError **error)
{
  static const char sql[] =
    "INSERT INTO ocsp_responses (issuer_sha256, serial, response, this_update, valid_until,"
    " fetched_from, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (issuer_sha256, serial) DO UPDATE SET response = excluded.response,"
    " this_update = excluded.this_update, valid_until = excluded.valid_until,"
    " fetched_from = excluded.fetched_from, added = excluded.added"
    " WHERE excluded.this_update >= ocsp_responses.this_update";
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (issuer_sha256 != NULL && serial != NULL && response != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  bind_text (stmt, 1, issuer_sha256);
  bind_integer_bytes (stmt, 2, serial);
  bind_bytes (stmt, 3, response);
  sqlite3_bind_int64 (stmt, 4, this_update);
  sqlite3_bind_int64 (stmt, 5, next_update >= 0 ? next_update : this_update + SIGNET_STORE_OCSP_MAX_AGE);
  bind_text (stmt, 6, fetched_from);
  sqlite3_bind_int64 (stmt, 7, when);
  return step_done (self, stmt, error);
}

/**
 * signet_store_lookup_ocsp:
 * @self: a store
 * @issuer_sha256: the SHA-256 fingerprint of the certificate's issuer
 * @serial: the certificate's serial
 * @now: the validation time (Unix time)
 * @fetched_from: (out) (optional) (nullable) (transfer full): the responder URL
 * @error: return location for a #GError
 *
 * Looks up the OCSP answer signet_store_record_ocsp() stored about a
 * certificate, if it is still usable at @now.
 *
 * Returns: (transfer full) (nullable): the stored OCSP response about the
 *   certificate when it is still valid at @now, else %NULL (@error unset)
 *   or %NULL on error (@error set)
 *
 * Since: 0.1
 */
GBytes *
signet_store_lookup_ocsp (SignetStore *self,
                          const char *issuer_sha256,
                          GBytes *serial,
                          gint64 now,
                          char **fetched_from,
                          GError **error)
{
  static const char sql[] =
    "SELECT response, fetched_from FROM ocsp_responses"
    " WHERE issuer_sha256 = ?1 AND serial = ?2 AND valid_until >= ?3 AND this_update <= ?3 + ?4";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GBytes) response = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);
  g_return_val_if_fail (issuer_sha256 != NULL && serial != NULL, NULL);

  if (fetched_from)
    *fetched_from = NULL;
  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  bind_text (stmt, 1, issuer_sha256);
  bind_integer_bytes (stmt, 2, serial);
  sqlite3_bind_int64 (stmt, 3, now);
  /* The clock skew tolerated on thisUpdate (SIGNET_OCSP_CLOCK_SKEW). */
  sqlite3_bind_int64 (stmt, 4, 5 * 60);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      response = column_bytes (stmt, 0);
      if (fetched_from && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        *fetched_from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&response);
}

/* ---- test hooks ---------------------------------------------------------- */

/**
 * signet_store_set_max_page_count_for_testing:
 * @self: a store
 * @pages: the most pages the database may have, 0 for no limit
 * @error: return location for a #GError
 *
 * Test hook simulating a full disk (PRAGMA max_page_count).
 *
 * Returns: %TRUE on success
 */
gboolean
signet_store_set_max_page_count_for_testing (SignetStore *self, guint pages, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", pages ? pages : 4294967294u);

  return exec (self, sql, error);
}

/**
 * signet_store_check_integrity_for_testing:
 * @self: a store
 * @error: return location for a #GError
 *
 * Test hook running PRAGMA integrity_check.
 *
 * Returns: (transfer full): its first row, "ok" for a sound database, or
 *   %NULL with @error set
 */
char *
signet_store_check_integrity_for_testing (SignetStore *self, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    set_db_error (self, self->db, rc, error);
  sqlite3_finalize (stmt);
  return out;
}

/**
 * signet_store_explain_revocation_query_for_testing:
 * @self: a store
 *
 * Test hook showing the plan of the revocation query.
 *
 * Returns: (transfer full): the EXPLAIN QUERY PLAN details, one per line
 */
char *
signet_store_explain_revocation_query_for_testing (SignetStore *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", revocation_sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

/* ---- trust decisions ----------------------------------------------------- */

#define SIGNET_STORE_MAX_TRUST 10000 /* decisions returned by signet_store_list_trust() */

/**
 * signet_store_trust_record_copy:
 * @record: a trust record
 *
 * Copies @record.
 *
 * Returns: (transfer full): a copy of @record
 *
 * Since: 0.1
 */
SignetStoreTrustRecord *
signet_store_trust_record_copy (const SignetStoreTrustRecord *record)
{
  SignetStoreTrustRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_new0 (SignetStoreTrustRecord, 1);
  copy->id = record->id;
  copy->kind = g_strdup (record->kind);
  copy->sha256 = g_strdup (record->sha256);
  copy->address = g_strdup (record->address);
  copy->scope = g_strdup (record->scope);
  copy->decision = g_strdup (record->decision);
  copy->reason = g_strdup (record->reason);
  copy->created = record->created;
  return copy;
}

/**
 * signet_store_trust_record_free:
 * @record: (transfer full) (nullable): a trust record
 *
 * Frees @record.
 *
 * Since: 0.1
 */
void
signet_store_trust_record_free (SignetStoreTrustRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->sha256);
  g_free (record->address);
  g_free (record->scope);
  g_free (record->decision);
  g_free (record->reason);
  g_free (record);
}

/**
 * signet_store_add_trust:
 * @self: a store
 * @record: the decision (@record->id is ignored; @record->address is
 *   normalised)
 * @certificate: (nullable): the certificate the decision is about, stored
 *   too (an anchor the user adds must be kept to be used)
 * @id: (out) (optional): the id of the new decision
 * @error: return location for a #GError
 *
 * Records one trust decision, with its certificate, in one transaction.
 *
 * Returns: %TRUE on success, %FALSE with @error set (%SIGNET_ERROR_PARSE
 *   for an address that is not one, %SIGNET_ERROR_IO)
 *
 * Since: 0.1
 */
gboolean
signet_store_add_trust (SignetStore *self,
                        const SignetStoreTrustRecord *record,
                        SignetCertificate *certificate,
                        gint64 *id,
                        GError **error)
{
  static const char sql[] =
    "INSERT INTO trust (kind, sha256, address, scope, decision, reason, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;
  gboolean added;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL && record->kind != NULL && record->decision != NULL, FALSE);
  g_return_val_if_fail (record->sha256 != NULL || certificate != NULL, FALSE);

  if (record->address != NULL)
    {
      normalized = signet_address_normalize (record->address);
      if (normalized == NULL)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                       /* Translators: %s is what was given as an e-mail address. */
                       _("“%s” is not an e-mail address."), record->address);
          return FALSE;
        }
    }
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  if (certificate != NULL && !insert_certificate (self, certificate, "trust", record->created, &added, error))
    goto fail;
  if (!(stmt = prepare (self, sql, error)))
    goto fail;
  bind_text (stmt, 1, record->kind);
  bind_text (stmt, 2, certificate ? signet_certificate_get_sha256 (certificate) : record->sha256);
  bind_text (stmt, 3, normalized);
  bind_text (stmt, 4, record->scope);
  bind_text (stmt, 5, record->decision);
  bind_text (stmt, 6, record->reason);
  sqlite3_bind_int64 (stmt, 7, record->created);
  if (!step_done (self, stmt, error))
    goto fail;
  if (id)
    *id = sqlite3_last_insert_rowid (self->db);
  if (!commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

static char *
column_text (sqlite3_stmt *stmt, int i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/**
 * signet_store_list_trust:
 * @self: a store
 * @sha256: (nullable): only the decisions about this certificate
 *   (lower-case hex), or %NULL for all
 * @error: return location for a #GError
 *
 * The recorded trust decisions, oldest first (at most 10000).
 *
 * Returns: (transfer container) (element-type SignetStoreTrustRecord): the
 *   decisions, or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_store_list_trust (SignetStore *self, const char *sha256, GError **error)
{
  static const char all_sql[] =
    "SELECT id, kind, sha256, address, scope, decision, reason, created FROM trust"
    " ORDER BY id LIMIT " G_STRINGIFY (SIGNET_STORE_MAX_TRUST);
  static const char one_sql[] =
    "SELECT id, kind, sha256, address, scope, decision, reason, created FROM trust"
    " WHERE sha256 = ?1 ORDER BY id LIMIT " G_STRINGIFY (SIGNET_STORE_MAX_TRUST);
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_store_trust_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sha256 ? one_sql : all_sql, error)))
    return NULL;
  if (sha256 != NULL)
    bind_text (stmt, 1, sha256);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignetStoreTrustRecord *record = g_new0 (SignetStoreTrustRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->kind = column_text (stmt, 1);
      record->sha256 = column_text (stmt, 2);
      record->address = column_text (stmt, 3);
      record->scope = column_text (stmt, 4);
      record->decision = column_text (stmt, 5);
      record->reason = column_text (stmt, 6);
      record->created = sqlite3_column_int64 (stmt, 7);
      if (record->kind == NULL || record->decision == NULL || record->sha256 == NULL)
        {
          signet_store_trust_record_free (record); /* a damaged row */
          continue;
        }
      g_ptr_array_add (out, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * signet_store_remove_trust:
 * @self: a store
 * @id: the id of a decision
 * @removed: (out) (optional): whether there was such a decision
 * @error: return location for a #GError
 *
 * Undoes one trust decision. The certificate stays in the store.
 *
 * Returns: %TRUE on success (also when nothing was removed), %FALSE with
 *   @error set
 *
 * Since: 0.1
 */
gboolean
signet_store_remove_trust (SignetStore *self, gint64 id, gboolean *removed, GError **error)
{
  static const char sql[] = "DELETE FROM trust WHERE id = ?1";
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);

  if (removed)
    *removed = FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (removed)
    *removed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* ---- configured directories ---------------------------------------------- */

/**
 * signet_store_directory_free:
 * @directory: (transfer full) (nullable): a directory
 *
 * Frees @directory.
 */
void
signet_store_directory_free (SignetStoreDirectory *directory)
{
  if (directory == NULL)
    return;
  g_free (directory->name);
  g_free (directory->kind);
  g_free (directory->url);
  g_free (directory);
}

/**
 * signet_store_add_directory:
 * @self: a store
 * @directory: the directory (its @position and @added are ignored: it goes
 *   last, added now)
 * @error: return location for a #GError
 *
 * Adds a configured directory. The caller checks the configuration first
 * (signet_directory_check_config()).
 *
 * Returns: %TRUE on success; %FALSE with %SIGNET_ERROR_FAILED when a
 *   directory of that name exists, or %SIGNET_ERROR_IO
 */
gboolean
signet_store_add_directory (SignetStore *self, const SignetStoreDirectory *directory, GError **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO directories (name, kind, url, timeout, size_limit, position, added)"
    " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE (MAX (position), 0) + 1 FROM directories), ?6)";
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (directory != NULL && directory->name != NULL, FALSE);
  g_return_val_if_fail (directory->kind != NULL && directory->url != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  if (!(stmt = prepare (self, sql, error)))
    goto fail;
  bind_text (stmt, 1, directory->name);
  bind_text (stmt, 2, directory->kind);
  bind_text (stmt, 3, directory->url);
  sqlite3_bind_int64 (stmt, 4, directory->timeout);
  sqlite3_bind_int64 (stmt, 5, directory->size_limit);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self);
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   /* Translators: %s is the name the user gave a directory. */
                   _("A directory named “%s” is already configured."), directory->name);
      return FALSE;
    }
  if (!commit (self, error))
    goto fail;
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * signet_store_list_directories:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type SignetStoreDirectory): the
 *   configured directories in lookup order, or %NULL on error
 */
GPtrArray *
signet_store_list_directories (SignetStore *self, GError **error)
{
  static const char sql[] =
    "SELECT name, kind, url, timeout, size_limit, position, added FROM directories"
    " ORDER BY position, name";
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SIGNET_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_store_directory_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SignetStoreDirectory *d = g_new0 (SignetStoreDirectory, 1);

      d->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      d->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      d->url = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      d->timeout = (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
      d->size_limit = (guint) CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXUINT);
      d->position = sqlite3_column_int64 (stmt, 5);
      d->added = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * signet_store_remove_directory:
 * @self: a store
 * @name: the directory's name
 * @removed: (out) (optional): whether it was configured
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success (also when no such directory was configured)
 */
gboolean
signet_store_remove_directory (SignetStore *self, const char *name, gboolean *removed, GError **error)
{
  static const char sql[] = "DELETE FROM directories WHERE name = ?1";
  g_autoptr (GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (SIGNET_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (removed)
    *removed = FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  if (!(stmt = prepare (self, sql, error)))
    {
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, name);
  if (!step_done (self, stmt, error))
    {
      rollback (self);
      return FALSE;
    }
  done = sqlite3_changes (self->db) > 0;
  if (!commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if (removed)
    *removed = done;
  return TRUE;
}
