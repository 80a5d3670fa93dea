// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/dataset_browser.h"

#include "models/workspace_session.h"
#include "widgets/dataset_plot.h"
#include "widgets/dataset_summary.h"
#include "widgets/import_dataset_dialog.h"
#include "widgets/plot_view.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QMessageBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace dtop::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;

QString rigTitle(const std::string& rig)
{
    if (rig.empty())
        return QObject::tr("Other records");
    QString t = QString::fromStdString(rig);
    t[0] = t[0].toUpper();
    return QObject::tr("%1 rig").arg(t);
}
} // namespace

DatasetBrowser::DatasetBrowser(models::WorkspaceSession& session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({tr("Dataset"), tr("Quantity")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setRootIsDecorated(true);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_plot = new PlotView(this);
    auto* import = new QPushButton(tr("Import…"), this);
    import->setToolTip(tr("Import your own FRF or time-history file into the workspace"));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->addWidget(m_plot);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 0);
    split->setStretchFactor(2, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);
    layout->addWidget(import, 0, Qt::AlignRight);

    connect(import, &QPushButton::clicked, this, &DatasetBrowser::importFile);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && !item->data(0, kIdRole).toString().isEmpty())
            showDataset(item->data(0, kIdRole).toString());
    });
    connect(&m_session, &models::WorkspaceSession::datasetsChanged, this,
            &DatasetBrowser::rebuild);
    rebuild();
}

void DatasetBrowser::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Something to look at on first view rather than an empty plot.
    if (!m_tree->currentItem())
        for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
            if (!(*it)->data(0, kIdRole).toString().isEmpty()) {
                m_tree->setCurrentItem(*it);
                break;
            }
}

void DatasetBrowser::rebuild()
{
    m_tree->clear();
    std::map<QString, QTreeWidgetItem*> groups;
    auto group = [&](const QString& title) {
        auto& g = groups[title];
        if (!g) {
            g = new QTreeWidgetItem(m_tree, {title});
            g->setFlags(Qt::ItemIsEnabled);
            g->setExpanded(true);
            QFont bold = g->font(0);
            bold.setBold(true);
            g->setFont(0, bold);
        }
        return g;
    };
    // The four rigs always appear, so a missing one is visibly missing.
    for (const char* rig : {"southampton", "swansea", "sheffield", "bristol"})
        group(rigTitle(rig));
    for (const auto& d : m_session.datasets()) {
        const QString title = d.imported ? tr("Imported") : rigTitle(d.info.rig);
        const QString quantity =
            d.info.kind == io::DatasetKind::Frf
                ? QString::fromStdString(io::frfQuantityText(d.info.quantity))
                : d.info.kind == io::DatasetKind::ModeShapes ? tr("mode shapes")
                                                             : tr("time history");
        auto* item = new QTreeWidgetItem(group(title),
                                         {QString::fromStdString(d.info.title), quantity});
        item->setData(0, kIdRole, QString::fromStdString(d.info.id));
        item->setToolTip(0, QString::fromStdString(d.info.id + "\n" + d.info.notes));
        if (d.info.suspect)
            item->setForeground(0, QColor(0xb0, 0x50, 0x00));
    }
    if (const auto* catalogue = m_session.catalogue())
        for (const auto& u : catalogue->unavailable) {
            auto* item = new QTreeWidgetItem(
                group(rigTitle(u.rig)), {tr("No published %1").arg(QString::fromStdString(u.what))});
            item->setFlags(Qt::ItemIsEnabled);
            item->setToolTip(0, QString::fromStdString(u.note) +
                                    tr("\nUse Import… to add your own measurements."));
            QFont italic = item->font(0);
            italic.setItalic(true);
            item->setFont(0, italic);
        }
}

bool DatasetBrowser::selectDataset(const QString& id)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, kIdRole).toString() == id) {
            m_tree->setCurrentItem(*it);
            return true;
        }
    return false;
}

void DatasetBrowser::showDataset(const QString& id)
{
    const auto read = m_session.dataset(id.toStdString());
    if (!read) {
        m_plot->clear();
        m_details->setText(tr("<b>Cannot read this dataset</b><br>%1")
                               .arg(QString::fromStdString(read.error().text()).toHtmlEscaped()));
        return;
    }
    const io::Dataset& d = read.value();
    const auto& info = d.info;
    QString text = tr("<b>%1</b><br>").arg(QString::fromStdString(info.title).toHtmlEscaped());
    text += datasetDescription(d).toHtmlEscaped();
    if (info.suspect)
        text += tr("<br><span style='color:#b05000'>Suspect record: see the notes.</span>");
    if (!info.notes.empty())
        text += QStringLiteral("<br><small>%1</small>")
                    .arg(QString::fromStdString(info.notes).toHtmlEscaped());
    text += QStringLiteral("<br><small>%1 — %2</small>")
                .arg(QString::fromStdString(info.source).toHtmlEscaped(),
                     QString::fromStdString(info.licence).toHtmlEscaped());
    m_details->setText(text);
    plotDataset(*m_plot, d);
}

} // namespace dtop::widgets

namespace dtop::widgets {

void DatasetBrowser::importFile()
{
    if (!m_session.hasWorkspace()) {
        QMessageBox::warning(this, tr("Import dataset"),
                             tr("No workspace is open: imported datasets are stored in it."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import dataset"), QString(),
        tr("Data files (*.csv *.txt *.dat *.uff *.unv);;All files (*)"));
    if (path.isEmpty())
        return;
    ImportDatasetDialog dialog(path, [this, &path](io::DatasetFormat format) {
        return m_session.readImportFile(path, format);
    }, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto stored = m_session.importDataset(path, dialog.options());
    if (!stored) {
        QMessageBox::warning(this, tr("Import dataset"),
                             tr("The file was not imported:\n%1")
                                 .arg(QString::fromStdString(stored.error().text())));
        return;
    }
    selectDataset(QString::fromStdString(stored.value().info.id));
}

} // namespace dtop::widgets
