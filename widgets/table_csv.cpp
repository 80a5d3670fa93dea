// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/table_csv.h"

#include "io/atomic_file.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHeaderView>
#include <QMessageBox>
#include <QStringList>
#include <QTableWidget>

namespace dtop::widgets {

namespace {

QString csvCell(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
               QLatin1Char('"');
    return text;
}

QString itemText(const QTableWidgetItem* item)
{
    return item ? item->text() : QString();
}

} // namespace

QString tableCsv(const QTableWidget& table)
{
    const bool rowHeaders = !table.verticalHeader()->isHidden();
    QStringList lines;
    QStringList cells;
    if (rowHeaders)
        cells << QString();
    for (int c = 0; c < table.columnCount(); ++c)
        cells << csvCell(itemText(table.horizontalHeaderItem(c)));
    lines << cells.join(QLatin1Char(','));
    for (int r = 0; r < table.rowCount(); ++r) {
        cells.clear();
        if (rowHeaders)
            cells << csvCell(itemText(table.verticalHeaderItem(r)));
        for (int c = 0; c < table.columnCount(); ++c)
            cells << csvCell(itemText(table.item(r, c)));
        lines << cells.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void addTableCsvActions(QTableWidget& table, const QString& defaultFileName)
{
    QTableWidget* t = &table;
    auto* copy = new QAction(QObject::tr("Copy table as CSV"), t);
    QObject::connect(copy, &QAction::triggered, t,
                     [t] { QApplication::clipboard()->setText(tableCsv(*t)); });
    auto* save = new QAction(QObject::tr("Export table as CSV…"), t);
    QObject::connect(save, &QAction::triggered, t, [t, defaultFileName] {
        const QString path = QFileDialog::getSaveFileName(t, QObject::tr("Export table as CSV"),
                                                          defaultFileName,
                                                          QObject::tr("CSV files (*.csv)"));
        std::string error;
        if (!path.isEmpty() &&
            !io::writeFileAtomically(path.toStdString(), tableCsv(*t).toStdString(), error))
            QMessageBox::warning(t, QObject::tr("Export table as CSV"), QString::fromStdString(error));
    });
    t->addAction(copy);
    t->addAction(save);
    t->setContextMenuPolicy(Qt::ActionsContextMenu);
    t->setToolTip(QObject::tr("Right-click to copy the table or export it as CSV"));
}

} // namespace dtop::widgets
