/* signet-claws-window.c: the trust window, opened from the Tools menu.
 *
 * Claws 4.1 gives a privacy system no widget in the message view, so the
 * plugin adds Tools → "Signet: Trust Questions…" (Shift+Ctrl+K) to the
 * main window, and to the message list's context menu. It opens a non-modal window about the
 * message the main window shows: every trust question Signet asks about its signatures (title,
 * explanation, facts, advice) with one button per choice. A click records the answer with
 * signet_trust_apply() on the plugin's trust model (lasting answers go to the user's Signet store,
 * "this session only" ones stay in the plugin) and shows the message again, so that the signature
 * bar tells the new verdict. The window also imports the sender's certificates into the store and
 * exports the account's own certificate as a certs-only .p7c file.
 *
 * The window follows the message shown: it is rebuilt when Claws shows
 * another message and when a check finishes. Nothing here waits for the
 * user: no dialog is run, the file chooser is shown, not run.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-claws.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "account.h"
#include "hooks.h"
#include "mainwindow.h"
#include "menu.h"
#include "messageview.h"
#include "mimeview.h"
#include "prefs_account.h"
#include "summaryview.h"

#include "signet-certificate.h"
#include "signet-certs-only.h"
#include "signet-limits.h"
#include "signet-signature.h"
#include "signet-store.h"
#include "signet-trust.h"

#define SIGNET_CLAWS_ACTION "Tools/SignetTrustQuestions"
#define SIGNET_CLAWS_ACCELERATOR "<shift><control>K"

/* The origin recorded for certificates the user imports from a message. */
#define SIGNET_CLAWS_IMPORT_ORIGIN "claws-mail:import"

typedef struct
{
  GtkWidget *window;
  GtkWidget *content; /* rebuilt for every message */
  GtkWidget *status;
  GtkWidget *replace; /* "Replace" for an export to an existing file */
  GPtrArray *shown;   /* SignetClawsShown of the message in the window */
  GPtrArray *prompts; /* SignetPrompt: they outlive their buttons */
  GBytes *pending_export;
  char *pending_path;
  char *recorded; /* the answer whose re-check is awaited */
  guint refresh_id;
} SignetClawsWindow;

static SignetClawsWindow *trust_window = NULL;
static guint menu_merge_id = 0;
static guint popup_merge_id = 0;
static gulong show_hook_id = 0;
static gboolean action_added = FALSE;

static MainWindow *
main_window (void)
{
  return mainwindow_get_mainwindow ();
}

static MsgInfo *
shown_msginfo (void)
{
  MainWindow *mainwin = main_window ();

  return mainwin != NULL && mainwin->messageview != NULL ? mainwin->messageview->msginfo : NULL;
}

static MimeInfo *
shown_message (void)
{
  MainWindow *mainwin = main_window ();

  if (mainwin == NULL || mainwin->messageview == NULL || mainwin->messageview->mimeview == NULL ||
      mainwin->messageview->msginfo == NULL)
    return NULL;
  return mainwin->messageview->mimeview->mimeinfo;
}

static void
set_status (const char *text)
{
  if (text != NULL)
    g_debug ("Trust window: %s", text);
  gtk_label_set_text (GTK_LABEL (trust_window->status), text != NULL ? text : "");
}

static void
clear_pending_export (void)
{
  g_clear_pointer (&trust_window->pending_export, g_bytes_unref);
  g_clear_pointer (&trust_window->pending_path, g_free);
  gtk_widget_hide (trust_window->replace);
}

/* A wrapping, selectable label: @text, or @markup when it is not NULL. */
static GtkWidget *
wrapped_label_new (const char *text, const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  /* Selectable labels take the focus; the buttons should have it. */
  gtk_widget_set_can_focus (label, FALSE);
  return label;
}

/* @text (plain), styled between the tags @open and @close. */
static GtkWidget *
markup_label (const char *text, const char *open, const char *close)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = g_strconcat (open, escaped, close, NULL);

  return wrapped_label_new (text, markup);
}

static void recheck_shown_message (void);

static void
choice_clicked_cb (GtkButton *button, gpointer user_data)
{
  SignetPrompt *prompt = g_object_get_data (G_OBJECT (button), "signet-prompt");
  const char *choice = g_object_get_data (G_OBJECT (button), "signet-choice");
  const char *label = g_object_get_data (G_OBJECT (button), "signet-choice-label");
  SignetVerifier *verifier = signet_claws_get_verifier ();
  SignetTrust *trust = verifier != NULL ? signet_verifier_get_trust (verifier) : NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (trust == NULL)
    {
      set_status (_ ("Signet’s trust settings are not available."));
      return;
    }
  if (!signet_trust_apply (trust, prompt, choice, &error))
    {
      set_status (error->message);
      return;
    }
  /* Translators: %s is the label of the choice the user clicked. */
  text = g_strdup_printf (_ ("Recorded: “%s”. Checking the message again…"), label);
  set_status (text);
  g_free (trust_window->recorded);
  trust_window->recorded = g_strdup (label);
  recheck_shown_message ();
}

static void
add_facts (GtkWidget *box, SignetPrompt *prompt)
{
  GtkWidget *grid = gtk_grid_new ();
  guint row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; i < signet_prompt_get_n_facts (prompt); i++)
    {
      const char *value = signet_prompt_get_fact_value (prompt, i);
      GtkWidget *name;
      GtkWidget *text;

      if (value == NULL || *value == '\0')
        continue;
      name = markup_label (signet_prompt_get_fact_label (prompt, i), "<b>", "</b>");
      gtk_widget_set_valign (name, GTK_ALIGN_START);
      text = wrapped_label_new (value, NULL);
      if (strchr (value, '\n') != NULL)
        {
          /* A grouped fingerprint: digits line up. */
          g_autofree char *markup = g_markup_printf_escaped ("<tt>%s</tt>", value);

          gtk_label_set_markup (GTK_LABEL (text), markup);
        }
      gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), text, 1, row, 1, 1);
      row++;
    }
  gtk_box_pack_start (GTK_BOX (box), grid, FALSE, FALSE, 0);
}

/* One question: its texts and a button per choice, numbered from
 * *number on (the numbers are mnemonics: Alt+1 answers with the first). */
static void
add_prompt (GtkWidget *box, SignetPrompt *prompt, guint *number)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_container_set_border_width (GTK_CONTAINER (inner), 8);
  gtk_container_add (GTK_CONTAINER (frame), inner);
  gtk_box_pack_start (GTK_BOX (inner),
                      markup_label (signet_prompt_get_title (prompt), "<big><b>", "</b></big>"),
                      FALSE, FALSE, 0);
  if (signet_prompt_get_explanation (prompt) != NULL)
    gtk_box_pack_start (GTK_BOX (inner),
                        wrapped_label_new (signet_prompt_get_explanation (prompt), NULL), FALSE,
                        FALSE, 0);
  add_facts (inner, prompt);
  if (signet_prompt_get_advice (prompt) != NULL)
    gtk_box_pack_start (GTK_BOX (inner),
                        markup_label (signet_prompt_get_advice (prompt), "<i>", "</i>"), FALSE,
                        FALSE, 0);

  for (guint i = 0; i < signet_prompt_get_n_choices (prompt); i++)
    {
      const char *id = signet_prompt_get_choice_id (prompt, i);
      const char *label = signet_prompt_get_choice_label (prompt, i);
      g_auto (GStrv) parts = g_strsplit (label, "_", -1);
      g_autofree char *escaped = g_strjoinv ("__", parts);
      g_autofree char *text = NULL;
      g_autofree char *name = g_strconcat ("signet-choice-", id, NULL);
      GtkWidget *button;

      if (*number <= 9)
        text = g_strdup_printf ("_%u  %s", *number, escaped);
      else
        text = g_strdup_printf ("%u  %s", *number, escaped);
      (*number)++;
      button = gtk_button_new_with_mnemonic (text);
      gtk_widget_set_name (button, name);
      gtk_widget_set_halign (button, GTK_ALIGN_FILL);
      gtk_label_set_xalign (GTK_LABEL (gtk_bin_get_child (GTK_BIN (button))), 0.0);
      g_object_set_data (G_OBJECT (button), "signet-prompt", prompt);
      g_object_set_data (G_OBJECT (button), "signet-choice", (gpointer) id);
      g_object_set_data (G_OBJECT (button), "signet-choice-label", (gpointer) label);
      g_signal_connect (button, "clicked", G_CALLBACK (choice_clicked_cb), NULL);
      gtk_box_pack_start (GTK_BOX (choices), button, FALSE, FALSE, 0);
    }
  gtk_box_pack_start (GTK_BOX (inner), choices, FALSE, FALSE, 4);
  gtk_box_pack_start (GTK_BOX (box), frame, FALSE, FALSE, 0);
}

static void
rebuild (void)
{
  g_autoptr (GPtrArray) shown = signet_claws_privacy_find_shown (shown_message ());
  GtkWidget *box = trust_window->content;
  MsgInfo *msginfo = shown_msginfo ();
  gboolean all_checked = TRUE;
  guint number = 1;

  gtk_container_foreach (GTK_CONTAINER (box), (GtkCallback) gtk_widget_destroy, NULL);
  g_ptr_array_set_size (trust_window->prompts, 0);
  g_clear_pointer (&trust_window->shown, g_ptr_array_unref);
  trust_window->shown = g_ptr_array_ref (shown);

  if (msginfo != NULL)
    {
      /* Translators: which message the window is about: its sender and
       * subject. */
      g_autofree char *about =
          g_strdup_printf (_ ("Message from %s: “%s”"), msginfo->from != NULL ? msginfo->from : "?",
                           msginfo->subject != NULL ? msginfo->subject : "");

      gtk_box_pack_start (GTK_BOX (box), wrapped_label_new (about, NULL), FALSE, FALSE, 0);
    }
  if (shown->len == 0)
    gtk_box_pack_start (GTK_BOX (box),
                        wrapped_label_new (_ ("The message shown has no S/MIME signature that "
                                              "Signet checks."),
                                           NULL),
                        FALSE, FALSE, 0);
  for (guint i = 0; i < shown->len; i++)
    {
      SignetClawsShown *entry = g_ptr_array_index (shown, i);
      g_autoptr (SignetClawsResult) result = NULL;
      g_autoptr (GPtrArray) prompts = NULL;

      if (entry->report == NULL)
        {
          all_checked = FALSE;
          gtk_box_pack_start (GTK_BOX (box),
                              wrapped_label_new (_ ("The signature is being checked, or could not "
                                                    "be checked."),
                                                 NULL),
                              FALSE, FALSE, 0);
          continue;
        }
      result = signet_claws_format_report (entry->report, entry->part_path);
      gtk_box_pack_start (GTK_BOX (box), markup_label (result->info_short, "<b>", "</b>"), FALSE,
                          FALSE, 0);
      prompts = signet_claws_prompts_new (entry->report, entry->part_path);
      if (prompts->len == 0)
        gtk_box_pack_start (GTK_BOX (box),
                            wrapped_label_new (_ ("Signet has no trust question about this "
                                                  "signature."),
                                               NULL),
                            FALSE, FALSE, 0);
      for (guint j = 0; j < prompts->len; j++)
        {
          SignetPrompt *prompt = g_ptr_array_index (prompts, j);

          g_ptr_array_add (trust_window->prompts, g_object_ref (prompt));
          add_prompt (box, prompt, &number);
        }
    }
  gtk_widget_show_all (box);

  if (trust_window->recorded != NULL && all_checked)
    {
      /* Translators: %s is the label of the choice the user clicked. */
      g_autofree char *text = g_strdup_printf (_ ("Recorded: “%s”. The message was checked "
                                                  "again; the signature bar shows the result."),
                                               trust_window->recorded);

      g_clear_pointer (&trust_window->recorded, g_free);
      set_status (text);
    }
}

static gboolean
refresh_idle (gpointer user_data)
{
  trust_window->refresh_id = 0;
  rebuild ();
  return G_SOURCE_REMOVE;
}

/**
 * signet_claws_window_refresh:
 *
 * Rebuilds the trust window, if it is open, from the message shown, once
 * the main loop is idle (after a check finished or another message is
 * shown).
 */
void
signet_claws_window_refresh (void)
{
  if (trust_window == NULL || trust_window->refresh_id != 0)
    return;
  trust_window->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, NULL, NULL);
}

static gboolean
message_shown_cb (gpointer source, gpointer user_data)
{
  signet_claws_window_refresh ();
  return FALSE; /* let the other hooks run */
}

/* Checks the message shown again: its cached reports are dropped and
 * Claws displays it anew, which checks its signatures. */
static void
recheck_shown_message (void)
{
  MainWindow *mainwin = main_window ();

  for (guint i = 0; trust_window->shown != NULL && i < trust_window->shown->len; i++)
    signet_claws_privacy_forget (
        ((SignetClawsShown *) g_ptr_array_index (trust_window->shown, i))->key);
  if (mainwin != NULL && mainwin->summaryview != NULL)
    summary_redisplay_msg (mainwin->summaryview);
  signet_claws_window_refresh ();
}

/* ---- import ------------------------------------------------------------ */

static void
import_clicked_cb (GtkButton *button, gpointer user_data)
{
  SignetVerifier *verifier = signet_claws_get_verifier ();
  SignetStore *store = verifier != NULL ? signet_verifier_get_store (verifier) : NULL;
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_added = 0;

  if (store == NULL)
    {
      set_status (_ ("The Signet certificate store is not available."));
      return;
    }
  for (guint i = 0; trust_window->shown != NULL && i < trust_window->shown->len; i++)
    {
      SignetClawsShown *entry = g_ptr_array_index (trust_window->shown, i);
      g_autoptr (GPtrArray) sigs = NULL;

      if (entry->report == NULL)
        continue;
      sigs = signet_claws_prompt_signatures (entry->report, entry->part_path);
      for (guint j = 0; j < sigs->len; j++)
        {
          SignetSignature *sig = g_ptr_array_index (sigs, j);
          SignetCertificate *signer = signet_signature_get_signer (sig);
          GPtrArray *chain = signet_signature_get_chain (sig);

          if (signer != NULL &&
              g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (signer)))
            g_ptr_array_add (certs, g_object_ref (signer));
          for (guint k = 0; chain != NULL && k < chain->len; k++)
            {
              SignetCertificate *cert = g_ptr_array_index (chain, k);

              if (g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (cert)))
                g_ptr_array_add (certs, g_object_ref (cert));
            }
        }
    }
  if (certs->len == 0)
    {
      set_status (_ ("The message shown carries no sender’s certificate to import."));
      return;
    }
  if (!signet_store_add_certificates (store, certs, SIGNET_CLAWS_IMPORT_ORIGIN,
                                      g_get_real_time () / G_USEC_PER_SEC, &n_added, &error))
    {
      set_status (error->message);
      return;
    }
  if (n_added == 0)
    text = g_strdup (_ ("The sender’s certificate and its chain are already in the Signet "
                        "store. Importing a certificate does not make it trusted."));
  else
    /* Translators: %u is how many certificates were new to the store. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Imported %u certificate of the sender into the Signet "
                                         "store. Importing a certificate does not make it trusted.",
                                         "Imported %u certificates of the sender into the Signet "
                                         "store. Importing a certificate does not make it trusted.",
                                         n_added),
                            n_added);
  set_status (text);
}

/* ---- export ------------------------------------------------------------ */

static const char *
account_address (void)
{
  PrefsAccount *account = cur_account != NULL ? cur_account : account_get_default ();

  return account != NULL && account->address != NULL && *account->address != '\0' ? account->address
                                                                                  : NULL;
}

static SignetCertificate *
pick_issuer (SignetStore *store, SignetCertificate *cert, gint64 when)
{
  g_autoptr (GPtrArray) candidates =
      signet_store_find_by_subject (store, signet_certificate_get_raw_issuer (cert), NULL);
  SignetCertificate *fallback = NULL;

  for (guint i = 0; candidates != NULL && i < candidates->len && i < SIGNET_MAX_PATH_CANDIDATES;
       i++)
    {
      SignetCertificate *c = g_ptr_array_index (candidates, i);

      if (!signet_certificate_verify_signed_by (cert, c))
        continue;
      if (signet_certificate_is_valid_at (c, when))
        return g_object_ref (c);
      if (fallback == NULL)
        fallback = c;
    }
  return fallback != NULL ? g_object_ref (fallback) : NULL;
}

/* The certs-only .p7c of @address's newest valid certificate and the
 * issuers below the root (as `signet export --p7c` makes it), or %NULL
 * with *message set to what to tell the user. */
static GBytes *
build_export (const char *address, char **message)
{
  SignetVerifier *verifier = signet_claws_get_verifier ();
  SignetStore *store = verifier != NULL ? signet_verifier_get_store (verifier) : NULL;
  gint64 when =
      verifier != NULL ? signet_verifier_get_time (verifier) : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  SignetCertificate *best = NULL;
  GBytes *out;

  if (store == NULL)
    {
      *message = g_strdup (_ ("The Signet certificate store is not available."));
      return NULL;
    }
  found = signet_store_find_by_address (store, address, &error);
  if (found == NULL)
    {
      *message = g_strdup (error->message);
      return NULL;
    }
  for (guint i = 0; i < found->len; i++)
    {
      SignetCertificate *c = g_ptr_array_index (found, i);

      if (!signet_certificate_is_valid_at (c, when))
        continue;
      if (best == NULL ||
          signet_certificate_get_not_before (c) > signet_certificate_get_not_before (best))
        best = c;
    }
  if (best == NULL)
    {
      *message = g_strdup_printf (
          found->len == 0
              /* Translators: %s is the e-mail address of the user's account. */
              ? _ ("The Signet store has no certificate for %s. Import yours first "
                   "(signet import FILE).")
              /* Translators: %s is the e-mail address of the user's account. */
              : _ ("The Signet store has no certificate for %s that is valid now."),
          address);
      return NULL;
    }

  g_ptr_array_add (chain, g_object_ref (best));
  g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (best));
  for (SignetCertificate *cur = best;
       chain->len < SIGNET_MAX_PATH_LENGTH && !signet_certificate_is_self_signed (cur);)
    {
      g_autoptr (SignetCertificate) issuer = pick_issuer (store, cur, when);

      if (issuer == NULL || signet_certificate_is_self_signed (issuer) ||
          !g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (issuer)))
        break;
      cur = issuer;
      g_ptr_array_add (chain, g_steal_pointer (&issuer));
    }

  out = signet_certs_only_build_p7c (chain, &error);
  if (out == NULL)
    *message = g_strdup (error->message);
  return out;
}

static char *
export_file_name (const char *address)
{
  char *name = g_strconcat (address, ".p7c", NULL);

  g_strdelimit (name, G_DIR_SEPARATOR_S "/\\", '_');
  if (name[0] == '.')
    name[0] = '_';
  return name;
}

static void
write_export (const char *path, GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                            &error))
    {
      set_status (error->message);
      return;
    }
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_ ("Your certificate was saved as a certs-only file: %s"), path);
  set_status (text);
}

static void
export_chosen_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (GBytes) bytes = user_data;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && trust_window != NULL)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
  if (path != NULL)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *text =
              /* Translators: %s is a file name. */
              g_strdup_printf (_ ("%s already exists. Replace it, or export again with "
                                  "another name."),
                               path);

          clear_pending_export ();
          trust_window->pending_export = g_steal_pointer (&bytes);
          trust_window->pending_path = g_steal_pointer (&path);
          set_status (text);
          gtk_widget_show (trust_window->replace);
        }
      else
        {
          write_export (path, bytes);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
replace_clicked_cb (GtkButton *button, gpointer user_data)
{
  if (trust_window->pending_export != NULL)
    write_export (trust_window->pending_path, trust_window->pending_export);
  clear_pending_export ();
}

static void
export_clicked_cb (GtkButton *button, gpointer user_data)
{
  const char *address = account_address ();
  const char *dir = g_getenv (SIGNET_CLAWS_ENV_EXPORT_DIR);
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GtkFileChooserNative *chooser;

  clear_pending_export ();
  if (address == NULL)
    {
      set_status (_ ("The current account has no e-mail address."));
      return;
    }
  bytes = build_export (address, &message);
  if (bytes == NULL)
    {
      set_status (message);
      return;
    }
  name = export_file_name (address);

  /* Test and administrator hook: write into that folder, no chooser. */
  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      write_export (path, bytes);
      return;
    }

  chooser =
      gtk_file_chooser_native_new (_ ("Export My Certificate"), GTK_WINDOW (trust_window->window),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), FALSE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* An existing file is asked about in the trust window (GTK's own
   * question would be a modal dialog). */
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), FALSE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), g_steal_pointer (&bytes));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the window -------------------------------------------------------- */

static void
window_destroyed_cb (GtkWidget *widget, gpointer user_data)
{
  SignetClawsWindow *self = trust_window;

  trust_window = NULL;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->prompts, g_ptr_array_unref);
  g_clear_pointer (&self->pending_export, g_bytes_unref);
  g_clear_pointer (&self->pending_path, g_free);
  g_clear_pointer (&self->recorded, g_free);
  g_free (self);
}

static GtkWidget *
action_button (const char *mnemonic, const char *name, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_name (button, name);
  g_signal_connect (button, "clicked", callback, NULL);
  return button;
}

static void
create_window (void)
{
  MainWindow *mainwin = main_window ();
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *actions = gtk_button_box_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *close;

  trust_window = g_new0 (SignetClawsWindow, 1);
  trust_window->prompts = g_ptr_array_new_with_free_func (g_object_unref);
  trust_window->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_widget_set_name (trust_window->window, "signet-trust-window");
  gtk_window_set_title (GTK_WINDOW (trust_window->window), _ ("Signet: Trust Questions"));
  gtk_window_set_default_size (GTK_WINDOW (trust_window->window), 660, 640);
  if (mainwin != NULL && mainwin->window != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (trust_window->window),
                                    GTK_WINDOW (mainwin->window));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (trust_window->window), TRUE);
      gtk_window_set_position (GTK_WINDOW (trust_window->window), GTK_WIN_POS_CENTER_ON_PARENT);
    }
  gtk_container_set_border_width (GTK_CONTAINER (vbox), 10);
  gtk_container_add (GTK_CONTAINER (trust_window->window), vbox);

  trust_window->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_container_add (GTK_CONTAINER (scrolled), trust_window->content);
  gtk_box_pack_start (GTK_BOX (vbox), scrolled, TRUE, TRUE, 0);

  trust_window->status = wrapped_label_new ("", NULL);
  gtk_widget_set_name (trust_window->status, "signet-status");
  gtk_box_pack_start (GTK_BOX (vbox), trust_window->status, FALSE, FALSE, 0);

  gtk_button_box_set_layout (GTK_BUTTON_BOX (actions), GTK_BUTTONBOX_END);
  gtk_box_set_spacing (GTK_BOX (actions), 6);
  trust_window->replace =
      action_button (_ ("_Replace"), "signet-replace", G_CALLBACK (replace_clicked_cb));
  gtk_container_add (GTK_CONTAINER (actions), trust_window->replace);
  gtk_container_add (GTK_CONTAINER (actions),
                     action_button (_ ("_Import the Sender’s Certificate"), "signet-import",
                                    G_CALLBACK (import_clicked_cb)));
  gtk_container_add (GTK_CONTAINER (actions),
                     action_button (_ ("E_xport My Certificate…"), "signet-export",
                                    G_CALLBACK (export_clicked_cb)));
  close = gtk_button_new_with_mnemonic (_ ("_Close"));
  gtk_widget_set_name (close, "signet-close");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_widget_destroy),
                            trust_window->window);
  gtk_container_add (GTK_CONTAINER (actions), close);
  gtk_box_pack_start (GTK_BOX (vbox), actions, FALSE, FALSE, 0);
  /* Not a choice: Enter must not answer a trust question by accident. */
  gtk_widget_set_can_default (close, TRUE);
  gtk_widget_grab_focus (close);

  g_signal_connect (trust_window->window, "destroy", G_CALLBACK (window_destroyed_cb), NULL);
  gtk_widget_show_all (vbox);
  gtk_widget_hide (trust_window->replace);
}

static void
open_window_cb (GtkAction *action, gpointer user_data)
{
  if (trust_window == NULL)
    create_window ();
  else
    set_status (NULL);
  rebuild ();
  gtk_window_present (GTK_WINDOW (trust_window->window));
}

/**
 * signet_claws_window_register:
 *
 * Adds Tools → "Signet: Trust Questions…" to Claws' main window, and
 * follows the messages it shows.
 */
void
signet_claws_window_register (void)
{
  MainWindow *mainwin = main_window ();
  GtkActionEntry entry = {
    SIGNET_CLAWS_ACTION, NULL, NULL, SIGNET_CLAWS_ACCELERATOR, NULL, G_CALLBACK (open_window_cb),
  };

  if (mainwin == NULL || mainwin->ui_manager == NULL || mainwin->action_group == NULL)
    return;
  /* The label is Signet's: translated here, in Signet's text domain. */
  /* Translators: the plugin's entry in Claws' Tools menu and in the
   * message list's context menu; the full information of a signature
   * names it ("answer in Tools → Signet: Trust Questions…"). */
  entry.label = _ ("Signet: Trust _Questions…");
  entry.tooltip = _ ("Answer Signet’s trust questions about the message shown, import the "
                     "sender’s certificate or export yours");
  /* Claws' menus are GtkUIManager actions, deprecated in GTK 3. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_action_group_add_actions (mainwin->action_group, &entry, 1, mainwin);
  action_added = TRUE;
  MENUITEM_ADDUI_ID_MANAGER (mainwin->ui_manager, "/Menu/Tools", "SignetTrustQuestions",
                             SIGNET_CLAWS_ACTION, GTK_UI_MANAGER_MENUITEM, menu_merge_id);
  MENUITEM_ADDUI_ID_MANAGER (mainwin->ui_manager, "/Menus/SummaryViewPopup", "SignetTrustQuestions",
                             SIGNET_CLAWS_ACTION, GTK_UI_MANAGER_MENUITEM, popup_merge_id);
  G_GNUC_END_IGNORE_DEPRECATIONS
  show_hook_id = hooks_register_hook (MESSAGE_VIEW_SHOW_DONE_HOOKLIST, message_shown_cb, NULL);
}

/**
 * signet_claws_window_unregister:
 *
 * Closes the trust window and takes the menu entry away again.
 */
void
signet_claws_window_unregister (void)
{
  MainWindow *mainwin = main_window ();

  if (trust_window != NULL)
    gtk_widget_destroy (trust_window->window);
  if (show_hook_id != 0)
    hooks_unregister_hook (MESSAGE_VIEW_SHOW_DONE_HOOKLIST, show_hook_id);
  show_hook_id = 0;
  if (mainwin != NULL && action_added)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (popup_merge_id != 0)
        gtk_ui_manager_remove_ui (mainwin->ui_manager, popup_merge_id);
      MENUITEM_REMUI_MANAGER (mainwin->ui_manager, mainwin->action_group, SIGNET_CLAWS_ACTION,
                              menu_merge_id);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  menu_merge_id = 0;
  popup_merge_id = 0;
  action_added = FALSE;
}
