// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/import_dataset_dialog.h"

#include "widgets/dataset_summary.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace dtop::widgets {

ImportDatasetDialog::ImportDatasetDialog(const QString& path, Reader reader, QWidget* parent)
    : QDialog(parent), m_path(path), m_reader(std::move(reader))
{
    setWindowTitle(tr("Import dataset"));
    m_format = new QComboBox(this);
    for (auto f : {io::DatasetFormat::Auto, io::DatasetFormat::DtopCsv,
                   io::DatasetFormat::CristalloComplex, io::DatasetFormat::CristalloDb,
                   io::DatasetFormat::CristalloTimeHistory})
        m_format->addItem(QString::fromLatin1(io::datasetFormatName(f)), static_cast<int>(f));
    m_format->setToolTip(tr("auto detects the format from the first line (and a Universal File "
                            "Format file from its delimiters)"));
    m_contents = new QLabel(this);
    m_contents->setWordWrap(true);
    m_contents->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    form->addRow(tr("Holds"), m_contents);
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Rig"), m_rig);
    form->addRow(tr("FRF quantity"), m_quantity);
    form->addRow(tr("Force at floor"), m_floor);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this,
            &ImportDatasetDialog::readWithChosenFormat);
    readWithChosenFormat();
}

void ImportDatasetDialog::readWithChosenFormat()
{
    const auto format = static_cast<io::DatasetFormat>(m_format->currentData().toInt());
    const io::ReadResult<io::Dataset> read = m_reader(format);
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    if (!read) {
        m_contents->setText(tr("<span style='color:#b00020'>Cannot be imported as %1: %2</span>")
                                .arg(m_format->currentText(),
                                     QString::fromStdString(read.error().text()).toHtmlEscaped()));
        ok->setEnabled(false);
        return;
    }
    m_contents->setText(datasetDescription(read.value()).toHtmlEscaped());
    ok->setEnabled(true);
    prefill(read.value().info);
}

// What the file states replaces the defaults; what it leaves open keeps the user's choice.
void ImportDatasetDialog::prefill(const io::DatasetInfo& info)
{
    if (!info.title.empty())
        m_title->setText(QString::fromStdString(info.title));
    if (!info.rig.empty())
        m_rig->setCurrentText(QString::fromStdString(info.rig));
    if (info.quantity)
        m_quantity->setCurrentIndex(m_quantity->findData(static_cast<int>(*info.quantity)));
    if (info.excitationFloor > 0)
        m_floor->setValue(info.excitationFloor);
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
