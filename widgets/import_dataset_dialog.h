// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset_library.h"
#include "io/dataset_reader.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace dtop::widgets {

// What the user states about a file being imported. The file is read first (with the chosen
// format) so the dialog shows what it holds and pre-fills what the file says itself: its title,
// rig, FRF quantity and force floor. A file that cannot be read shows why, and OK stays off.
class ImportDatasetDialog : public QDialog {
    Q_OBJECT
public:
    using Reader = std::function<io::ReadResult<io::Dataset>(io::DatasetFormat)>;

    ImportDatasetDialog(const QString& path, Reader reader, QWidget* parent = nullptr);
    io::DatasetImportOptions options() const;

private:
    void readWithChosenFormat();
    void prefill(const io::DatasetInfo& info);

    QString m_path;
    Reader m_reader;
    QComboBox* m_format;
    QLabel* m_contents;
    QLineEdit* m_title;
    QComboBox* m_rig;
    QComboBox* m_quantity;
    QSpinBox* m_floor;
    QDialogButtonBox* m_buttons;
};

} // namespace dtop::widgets
