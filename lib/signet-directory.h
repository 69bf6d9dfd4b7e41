/* signet-directory.h: certificate retrieval from the directories the user
 * configured: LDAP (userCertificate;binary, userSMIMECertificate) and DANE
 * SMIMEA (RFC 8162), through the signet-directory-helper program, so that
 * the library never links an LDAP or DNSSEC library.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "signet-certificate.h"
#include "signet-store-directories.h"
#include "signet-store.h"

G_BEGIN_DECLS

/* Defaults and limits of this module. */
#define SIGNET_DIRECTORY_DEFAULT_TIMEOUT 10           /* seconds */
#define SIGNET_DIRECTORY_DEFAULT_SIZE_LIMIT 20        /* entries / records per lookup */
#define SIGNET_DIRECTORY_MAX_ANSWER (2 * 1024 * 1024) /* bytes of one helper answer */
#define SIGNET_DIRECTORY_MAX_CERTIFICATES 64          /* certificates kept from one lookup */
#define SIGNET_DIRECTORY_MAX_CONFIGURED 32            /* directories asked per search */
#define SIGNET_DIRECTORY_KILL_GRACE 1 /* seconds past the deadline before the kill */

/**
 * SIGNET_DIRECTORY_ERROR:
 *
 * Error domain of #SignetDirectory lookups (#SignetDirectoryError).
 */
#define SIGNET_DIRECTORY_ERROR (signet_directory_error_quark ())

/**
 * SignetDirectoryError:
 * @SIGNET_DIRECTORY_ERROR_OFFLINE: working offline; nothing was asked
 * @SIGNET_DIRECTORY_ERROR_CONFIG: the directory's configuration is unusable
 * @SIGNET_DIRECTORY_ERROR_SERVER: the server refused or failed the search
 * @SIGNET_DIRECTORY_ERROR_TOO_LARGE: the answer is over the size limit
 * @SIGNET_DIRECTORY_ERROR_TIMEOUT: no complete answer within the time limit
 * @SIGNET_DIRECTORY_ERROR_NETWORK: connection, resolver or protocol failure
 * @SIGNET_DIRECTORY_ERROR_INSECURE: a DNS answer DNSSEC did not validate
 *   (refused: DANE records are used only when they validate)
 * @SIGNET_DIRECTORY_ERROR_HELPER_FAILED: the helper is missing, crashed or
 *   misbehaved
 * @SIGNET_DIRECTORY_ERROR_CANCELLED: the caller cancelled the lookup
 *
 * Why a lookup failed. None of them says anything about a certificate.
 */
typedef enum
{
  SIGNET_DIRECTORY_ERROR_OFFLINE,
  SIGNET_DIRECTORY_ERROR_CONFIG,
  SIGNET_DIRECTORY_ERROR_SERVER,
  SIGNET_DIRECTORY_ERROR_TOO_LARGE,
  SIGNET_DIRECTORY_ERROR_TIMEOUT,
  SIGNET_DIRECTORY_ERROR_NETWORK,
  SIGNET_DIRECTORY_ERROR_INSECURE,
  SIGNET_DIRECTORY_ERROR_HELPER_FAILED,
  SIGNET_DIRECTORY_ERROR_CANCELLED,
} SignetDirectoryError;

GQuark signet_directory_error_quark (void);

/* Configuration (stored with signet_store_add_directory()). */
gboolean signet_directory_check_config (const char *kind, const char *url, GError **error);
SignetStoreDirectory *signet_directory_config_new (const char *name,
                                                   const char *kind,
                                                   const char *url,
                                                   guint timeout,
                                                   guint size_limit,
                                                   GError **error);

/* DANE SMIMEA (RFC 8162, RFC 6698 2.1). */
char *signet_smimea_owner_name (const char *address, GError **error);

/**
 * SignetSmimeaRecord:
 * @usage: certificate usage (0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE)
 * @selector: 0 the full certificate, 1 the SubjectPublicKeyInfo
 * @matching: 0 exact, 1 SHA-256, 2 SHA-512
 * @data: the certificate association data
 *
 * One SMIMEA record.
 */
typedef struct
{
  guint8 usage;
  guint8 selector;
  guint8 matching;
  GBytes *data;
} SignetSmimeaRecord;

void signet_smimea_record_free (SignetSmimeaRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSmimeaRecord, signet_smimea_record_free)
SignetSmimeaRecord *signet_smimea_record_parse (GBytes *rdata, GError **error);
gboolean signet_smimea_record_matches (const SignetSmimeaRecord *record,
                                       SignetCertificate *certificate);
SignetCertificate *signet_smimea_record_get_certificate (const SignetSmimeaRecord *record);

/**
 * SignetDirectoryAnswer:
 * @certificates: (element-type SignetCertificate): what the directories
 *   served, without duplicates, never trusted for it
 * @origins: (element-type utf8): for each certificate, the name of the
 *   directory that served it
 * @errors: (element-type utf8): one sentence per directory that failed
 *   or per value that was not a certificate
 *
 * What a lookup found.
 */
typedef struct
{
  GPtrArray *certificates;
  GPtrArray *origins;
  GPtrArray *errors;
} SignetDirectoryAnswer;

void signet_directory_answer_free (SignetDirectoryAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetDirectoryAnswer, signet_directory_answer_free)

#define SIGNET_TYPE_DIRECTORY (signet_directory_get_type ())
G_DECLARE_FINAL_TYPE (SignetDirectory, signet_directory, SIGNET, DIRECTORY, GObject)

SignetDirectory *signet_directory_new (const char *helper_path);
const char *signet_directory_get_helper_path (SignetDirectory *self);
void signet_directory_set_offline (SignetDirectory *self, gboolean offline);
gboolean signet_directory_get_offline (SignetDirectory *self);

void signet_directory_lookup_async (SignetDirectory *self,
                                    const SignetStoreDirectory *config,
                                    const char *address,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
GPtrArray *signet_directory_lookup_finish (SignetDirectory *self,
                                           GAsyncResult *result,
                                           GPtrArray **problems,
                                           GError **error);

void signet_directory_search_async (SignetDirectory *self,
                                    SignetStore *store,
                                    const char *address,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
SignetDirectoryAnswer *
signet_directory_search_finish (SignetDirectory *self, GAsyncResult *result, GError **error);

G_END_DECLS
