// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/csv_table.h"

#include <QImage>
#include <QSize>
#include <QString>

class QMenu;
class QWidget;

namespace dtop::widgets {

// A picture that is not a PlotView — a heat map, the FE mode view — which exports and reports
// treat like a plot: rendered offscreen at any size (not a screen grab) as PNG, with the numbers
// it shows as CSV. Panels list theirs in ToolPanel::figures().
class Figure {
public:
    virtual ~Figure() = default;

    virtual bool isEmpty() const = 0;
    virtual QImage renderImage(const QSize& size) const = 0;
    virtual io::CsvTable table() const = 0;

    // Both write atomically and return false with a message naming the file on failure.
    bool exportPng(const QString& path, const QSize& size, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
};

// Writes `table` as CSV to `path` atomically; false with a message naming the file on failure.
bool writeCsvFile(const QString& path, const io::CsvTable& table, QString* error);

// Adds "Export PNG…" and "Export CSV…" to `menu`, asking `parent` for a file name (default
// `stem`.png / .csv) and reporting a failure in a message box.
void addFigureExportActions(QMenu& menu, QWidget* parent, const Figure& figure,
                            const QString& stem, const QSize& pngSize);

} // namespace dtop::widgets
