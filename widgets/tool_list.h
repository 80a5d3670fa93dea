// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QListWidget>

namespace dtop::widgets {

// The tool dock's list: icon, name and one-line description per tool. Tools that are not
// built yet stay visible but disabled, with a tooltip saying so.
class ToolList : public QListWidget {
    Q_OBJECT
public:
    explicit ToolList(QWidget* parent = nullptr);

    void addTool(const QString& id, const QIcon& icon, const QString& name,
                 const QString& description, bool available);
    QString currentToolId() const;
    void selectTool(const QString& id);

signals:
    void toolChosen(const QString& id);
};

} // namespace dtop::widgets
