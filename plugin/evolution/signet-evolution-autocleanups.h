/* signet-evolution-autocleanups.h: g_autoptr() support for the Evolution
 * types the module uses; Evolution 3.46 does not declare it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <em-format/e-mail-formatter-extension.h>
#include <em-format/e-mail-parser-extension.h>
#include <em-format/e-mail-part-list.h>
#include <em-format/e-mail-part.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EMailPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EMailPartList, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EMailParserExtension, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EMailFormatterExtension, g_object_unref)
