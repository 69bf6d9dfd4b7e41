/* signet-claws.h: the parts of the Claws Mail plugin, shared between its
 * files. Nothing here is exported from the module: only the plugin_* entry
 * points of signet-claws-plugin.c are.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-prompt.h"
#include "signet-report.h"
#include "signet-verifier.h"

G_BEGIN_DECLS

/* The subtype under which the plugin provides its privacy system. It must
 * differ from the stock "S/MIME" so that both plugins can be loaded. */
#define SIGNET_CLAWS_PRIVACY_ID "Signet S/MIME"

/* Environment variables: hooks for tests and administrators (README.md). */
#define SIGNET_CLAWS_ENV_EXTRA_ANCHORS "SIGNET_EXTRA_ANCHORS"
#define SIGNET_CLAWS_ENV_TIME "SIGNET_TIME"
#define SIGNET_CLAWS_ENV_RESULT_LOG "SIGNET_CLAWS_RESULT_LOG"
#define SIGNET_CLAWS_ENV_EXPORT_DIR "SIGNET_CLAWS_EXPORT_DIR"

struct _MimeInfo;

/* signet-claws-plugin.c: the verifier every check uses (transfer none). */
SignetVerifier *signet_claws_get_verifier (void);

/* signet-claws-privacy.c: the PrivacySystem. */
void signet_claws_privacy_register (void);
void signet_claws_privacy_unregister (void);

/**
 * SignetClawsShown:
 * @key: identifies the signed part (message file, position, part path)
 * @part_path: the part's path in Signet's notation
 * @report: (nullable): the report of its last finished check, %NULL while
 *   it is being checked or when it could not be checked
 *
 * A signed part of the message Claws shows.
 */
typedef struct
{
  char *key;
  char *part_path;
  SignetReport *report;
} SignetClawsShown;

void signet_claws_shown_free (SignetClawsShown *shown);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetClawsShown, signet_claws_shown_free)

GPtrArray *signet_claws_privacy_find_shown (struct _MimeInfo *root);
void signet_claws_privacy_forget (const char *key);
void signet_claws_privacy_forget_all (void);

/* signet-claws-window.c: the Tools menu entry and the trust window. */
void signet_claws_window_register (void);
void signet_claws_window_unregister (void);
void signet_claws_window_refresh (void);

/**
 * SignetClawsResult:
 * @status: a Claws SignatureStatus
 * @verdict: the Signet verdict of the checked part
 * @info_short: the line for the signature bar
 * @info_full: the text shown by "View full information"
 * @prompt_title: (nullable): the title of the first trust prompt shown in
 *   @info_full
 * @prompt_choices: (nullable): the choice ids of that prompt, in the order
 *   the trust window numbers them
 *
 * What the plugin tells Claws about one signed part.
 */
typedef struct
{
  int status;
  SignetVerdict verdict;
  char *info_short;
  char *info_full;
  char *prompt_title;
  GStrv prompt_choices;
} SignetClawsResult;

void signet_claws_result_free (SignetClawsResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetClawsResult, signet_claws_result_free)

/* signet-claws-format.c: from a report to the texts Claws shows. */
SignetClawsResult *signet_claws_format_report (SignetReport *report, const char *part_path);
SignetClawsResult *signet_claws_format_error (const GError *error);

/* signet-claws-prompts.c: the trust prompts. */
GPtrArray *signet_claws_prompts_new (SignetReport *report, const char *part_path);
char *signet_claws_prompt_command (SignetPrompt *prompt, const char *choice);
SignetPrompt *
signet_claws_prompts_append (SignetReport *report, const char *part_path, GString *out);
GPtrArray *signet_claws_prompt_signatures (SignetReport *report, const char *part_path);

/* signet-claws-log.c: the result log (SIGNET_CLAWS_RESULT_LOG). */
void signet_claws_log_result (const char *source,
                              const char *part_path,
                              const SignetClawsResult *result);
void signet_claws_log_flush (void);

G_END_DECLS
