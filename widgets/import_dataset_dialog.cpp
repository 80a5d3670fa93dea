// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/import_dataset_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace dtop::widgets {

ImportDatasetDialog::ImportDatasetDialog(const QString& path, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Import dataset"));
    m_format = new QComboBox(this);
    for (auto f : {io::DatasetFormat::Auto, io::DatasetFormat::DtopCsv,
                   io::DatasetFormat::CristalloComplex, io::DatasetFormat::CristalloDb,
                   io::DatasetFormat::CristalloTimeHistory})
        m_format->addItem(QString::fromLatin1(io::datasetFormatName(f)), static_cast<int>(f));
    m_format->setToolTip(tr("auto detects the format from the first line"));
    m_title = new QLineEdit(QFileInfo(path).fileName(), this);
    m_rig = new QComboBox(this);
    m_rig->setEditable(true);
    m_rig->addItems({QString(), QStringLiteral("southampton"), QStringLiteral("swansea"),
                     QStringLiteral("sheffield"), QStringLiteral("bristol")});
    m_quantity = new QComboBox(this);
    m_quantity->addItem(tr("unknown / as the file says"), -1);
    for (auto q : {dynamics::FrfQuantity::Receptance, dynamics::FrfQuantity::Mobility,
                   dynamics::FrfQuantity::Accelerance})
        m_quantity->addItem(QStringLiteral("%1 [%2]").arg(QString::fromLatin1(dynamics::frfQuantityName(q)),
                                                          QString::fromUtf8(dynamics::frfQuantityUnit(q))),
                            static_cast<int>(q));
    m_floor = new QSpinBox(this);
    m_floor->setRange(0, 20);
    m_floor->setSpecialValueText(tr("unknown"));
    m_floor->setToolTip(tr("Floor the force acted on (1 = lowest)"));

    auto* form = new QFormLayout(this);
    auto* file = new QLabel(path, this);
    file->setWordWrap(true);
    form->addRow(tr("File"), file);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Rig"), m_rig);
    form->addRow(tr("FRF quantity"), m_quantity);
    form->addRow(tr("Force at floor"), m_floor);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

io::DatasetImportOptions ImportDatasetDialog::options() const
{
    io::DatasetImportOptions o;
    o.read.format = static_cast<io::DatasetFormat>(m_format->currentData().toInt());
    o.title = m_title->text().toStdString();
    o.rig = m_rig->currentText().trimmed().toLower().toStdString();
    if (m_quantity->currentData().toInt() >= 0)
        o.quantity = static_cast<dynamics::FrfQuantity>(m_quantity->currentData().toInt());
    o.excitationFloor = m_floor->value();
    return o;
}

} // namespace dtop::widgets
