// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/figure.h"

#include "io/atomic_file.h"

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>

#include <sstream>

namespace dtop::widgets {

bool Figure::exportPng(const QString& path, const QSize& size, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !renderImage(size.expandedTo(QSize(1, 1))).save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = QObject::tr("Cannot write the PNG file \"%1\": %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool Figure::exportCsv(const QString& path, QString* error) const
{
    return writeCsvFile(path, table(), error);
}

bool writeCsvFile(const QString& path, const io::CsvTable& table, QString* error)
{
    std::ostringstream out;
    table.write(out);
    std::string message;
    if (!io::writeFileAtomically(path.toStdString(), out.str(), message)) {
        if (error)
            *error = QString::fromStdString(message);
        return false;
    }
    return true;
}

void addFigureExportActions(QMenu& menu, QWidget* parent, const Figure& figure,
                            const QString& stem, const QSize& pngSize)
{
    QAction* png = menu.addAction(QObject::tr("Export PNG…"));
    QAction* csv = menu.addAction(QObject::tr("Export CSV…"));
    png->setEnabled(!figure.isEmpty());
    csv->setEnabled(!figure.isEmpty());
    QObject::connect(png, &QAction::triggered, parent, [parent, &figure, stem, pngSize] {
        const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export PNG"),
                                                          stem + QStringLiteral(".png"),
                                                          QObject::tr("PNG images (*.png)"));
        QString error;
        if (!path.isEmpty() && !figure.exportPng(path, pngSize, &error))
            QMessageBox::warning(parent, QObject::tr("Export PNG"), error);
    });
    QObject::connect(csv, &QAction::triggered, parent, [parent, &figure, stem] {
        const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export CSV"),
                                                          stem + QStringLiteral(".csv"),
                                                          QObject::tr("CSV files (*.csv)"));
        QString error;
        if (!path.isEmpty() && !figure.exportCsv(path, &error))
            QMessageBox::warning(parent, QObject::tr("Export CSV"), error);
    });
}

} // namespace dtop::widgets
