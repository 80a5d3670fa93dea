// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/gui_main.h"

#include "dtop/version.h"
#include "gui/main_window.h"

#include <QApplication>
#include <QIcon>

namespace dtop::gui {

int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dtop"));
    QApplication::setApplicationDisplayName(QString::fromUtf8(kApplicationName));
    QApplication::setOrganizationName(QStringLiteral("DTOP"));
    QApplication::setApplicationVersion(QString::fromUtf8(kVersion));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dtop.svg")));
    MainWindow window;
    window.show();
    return QApplication::exec();
}

} // namespace dtop::gui
