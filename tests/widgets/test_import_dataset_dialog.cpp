// SPDX-License-Identifier: GPL-3.0-or-later
// The import dialog reads the file before asking: it shows what the file holds and pre-fills the
// title, rig, quantity and force floor the file states (first-use issue #18, item 14).
#include "models/workspace_session.h"
#include "widgets/import_dataset_dialog.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

#include <fstream>

using namespace dtop;

namespace {

QString writeFile(const QTemporaryDir& dir, const char* name, const std::string& text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    std::ofstream(path.toStdString()) << text;
    return path;
}

widgets::ImportDatasetDialog::Reader readerOf(const QString& path)
{
    return [path](io::DatasetFormat format) {
        return models::WorkspaceSession::readImportFile(path, format);
    };
}

bool okEnabled(const widgets::ImportDatasetDialog& dialog)
{
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled();
}

} // namespace

TEST_CASE("The import dialog pre-fills title rig quantity and force floor from the file",
          "[import]")
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, "hammer.csv",
                                   "# title: Hammer test at floor 2\n"
                                   "# rig: swansea\n"
                                   "# quantity: mobility\n"
                                   "# excitation_floor: 2\n"
                                   "frequency_hz,floor1_re,floor1_im,floor2_re,floor2_im\n"
                                   "1,0.1,0.2,0.3,0.4\n"
                                   "2,0.1,0.2,0.3,0.4\n");
    widgets::ImportDatasetDialog dialog(path, readerOf(path));
    CHECK(dialog.findChild<QLineEdit*>()->text() == QStringLiteral("Hammer test at floor 2"));
    CHECK(dialog.findChild<QSpinBox*>()->value() == 2);
    CHECK(okEnabled(dialog));
    const io::DatasetImportOptions o = dialog.options();
    CHECK(o.title == "Hammer test at floor 2");
    CHECK(o.rig == "swansea");
    REQUIRE(o.quantity);
    CHECK(*o.quantity == dynamics::FrfQuantity::Mobility);
    CHECK(o.excitationFloor == 2);
    bool describes = false;
    for (const QLabel* label : dialog.findChildren<QLabel*>())
        describes = describes || label->text().contains(QStringLiteral("2 floor(s)"));
    CHECK(describes);
}

TEST_CASE("The import dialog keeps the file name when the file states nothing and refuses an "
          "unreadable file with its reason",
          "[import]")
{
    QTemporaryDir dir;
    const QString plain = writeFile(dir, "plain.csv",
                                    "frequency_hz,floor1_re,floor1_im\n1,0.1,0.2\n2,0.1,0.2\n");
    widgets::ImportDatasetDialog good(plain, readerOf(plain));
    CHECK(good.findChild<QLineEdit*>()->text() == QStringLiteral("plain.csv"));
    CHECK(good.findChild<QSpinBox*>()->value() == 0);
    CHECK(okEnabled(good));

    const QString bad = writeFile(dir, "bad.csv", "frequency_hz,floor1_re,floor1_im\n1,x,0.2\n");
    widgets::ImportDatasetDialog refused(bad, readerOf(bad));
    CHECK_FALSE(okEnabled(refused));
    bool saysWhy = false;
    for (const QLabel* label : refused.findChildren<QLabel*>())
        saysWhy = saysWhy || (label->text().contains(QStringLiteral("Cannot be imported")) &&
                              label->text().contains(QStringLiteral("line 2")));
    CHECK(saysWhy);
}
