// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/record_file_field.h"

#include "io/time_series_csv.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace dtop::widgets {

RecordFileField::RecordFileField(const QString& tip, QWidget* parent) : QWidget(parent)
{
    m_path = new QLineEdit(this);
    m_path->setToolTip(tip);
    m_path->setPlaceholderText(tr("CSV file"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tip);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    connect(m_path, &QLineEdit::editingFinished, this, &RecordFileField::changed);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Record"), m_path->text(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) {
            m_path->setText(path);
            emit changed();
        }
    });
}

QString RecordFileField::path() const
{
    return m_path->text().trimmed();
}

void RecordFileField::setPath(const QString& path)
{
    m_path->setText(path);
}

std::optional<dynamics::SampledSignal> RecordFileField::record(QString* error) const
{
    const QString file = path();
    if (file.isEmpty()) {
        if (error)
            *error = tr("choose the CSV file of the record (columns time_s and the value)");
        return std::nullopt;
    }
    const QDateTime modified = QFileInfo(file).lastModified();
    if (!m_cache || m_cache->path != file || m_cache->modified != modified) {
        Cache c{file, modified, std::nullopt, {}};
        io::TimeSeries series;
        std::string message;
        if (io::readTimeSeriesCsv(file.toStdString(), series, message)) {
            dynamics::SampledSignal s;
            s.timeS = std::move(series.timeS);
            s.values = std::move(series.values);
            c.record = std::move(s);
        } else {
            c.error = QString::fromStdString(message);
        }
        m_cache = std::move(c);
    }
    if (!m_cache->record && error)
        *error = m_cache->error;
    return m_cache->record;
}

} // namespace dtop::widgets
