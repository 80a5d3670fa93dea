// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/dataset_library.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace dtop::widgets {

// What the user states about a file being imported that the file cannot say itself.
class ImportDatasetDialog : public QDialog {
    Q_OBJECT
public:
    ImportDatasetDialog(const QString& path, QWidget* parent = nullptr);
    io::DatasetImportOptions options() const;

private:
    QComboBox* m_format;
    QLineEdit* m_title;
    QComboBox* m_rig;
    QComboBox* m_quantity;
    QSpinBox* m_floor;
};

} // namespace dtop::widgets
