/* signet-evolution-module.c: the entry points Evolution's module loader calls.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gmodule.h>

#include "signet-evolution-display.h"
#include "signet-evolution-formatter.h"
#include "signet-evolution-parser.h"
#include "signet-evolution-part.h"
#include "signet-init.h"

/* The only two symbols the module exports (see signet-evolution.map). */
G_MODULE_EXPORT void e_module_load (GTypeModule *type_module);
G_MODULE_EXPORT void e_module_unload (GTypeModule *type_module);

/**
 * e_module_load:
 * @type_module: the module
 *
 * Registers the module's types. Evolution loads, unloads and loads again
 * each module at start-up, and helper invocations (`evolution --quit`) load
 * it too, so this stays cheap: the verifier is only set up when the first
 * signed message is parsed.
 */
G_MODULE_EXPORT void
e_module_load (GTypeModule *type_module)
{
  signet_init ();
  signet_evolution_part_type_register (type_module);
  signet_evolution_parser_type_register (type_module);
  signet_evolution_formatter_type_register (type_module);
  signet_evolution_display_type_register (type_module);
}

/**
 * e_module_unload:
 * @type_module: the module
 */
G_MODULE_EXPORT void
e_module_unload (GTypeModule *type_module)
{
}
