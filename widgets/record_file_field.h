// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dynamics/excitation.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QLineEdit;

namespace dtop::widgets {

// A CSV record file (time_s,value: a ground acceleration or a force) chosen by path or with
// Browse…, read when asked and kept until the path or the file's modification time changes, so
// that a form read on every gain-slider step does not re-read it.
class RecordFileField : public QWidget {
    Q_OBJECT
public:
    RecordFileField(const QString& tip, QWidget* parent = nullptr);

    QString path() const;
    void setPath(const QString& path);
    // The record with the automatic hold, or nothing with `error` naming the file, line and
    // problem (or saying that no file is chosen).
    std::optional<dynamics::SampledSignal> record(QString* error) const;

signals:
    void changed();

private:
    QLineEdit* m_path;
    struct Cache {
        QString path;
        QDateTime modified;
        std::optional<dynamics::SampledSignal> record;
        QString error;
    };
    mutable std::optional<Cache> m_cache;
};

} // namespace dtop::widgets
