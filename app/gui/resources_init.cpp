// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/resources_init.h"

#include <QtCore/qglobal.h>

// Q_INIT_RESOURCE must be used from the global namespace.
static void initDtopResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace dtop::gui {

void initResources()
{
    initDtopResources();
}

} // namespace dtop::gui
